package io.trawl.api.embedded;

import io.trawl.billing.BillingConfig;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.runtime.lambda.ScanWorkerHandler;
import io.trawl.scan.store.s3.S3Config;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.lambda.InvocationRecord;
import io.trawl.testing.lambda.LambdaFunction;
import io.trawl.testing.lambda.LocalLambdaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TRAWL_WORKERS picks where the embedded Trawl's scans run: in process (default), a worker pool, or the
 * scan-worker Lambda function (here the real handler behind the local Lambda endpoint, TRAWL_LAMBDA_ENDPOINT).
 * Every runtime gives the same rows and bills the same bytes.
 */
class ScanRuntimeSelectionTest
{
    private static final String SQL = "SELECT id % 7 AS bucket, count(*), sum(amount) FROM shop.sales GROUP BY 1 ORDER BY 1";

    @TempDir
    Path temporary;

    private final Session session = Session.defaults();

    @Test
    void everyRuntimeGivesTheSameRowsAndBytes()
            throws IOException
    {
        Path data = Files.createDirectories(temporary.resolve("data").resolve("sales"));
        for (int file = 0; file < 3; file++) {
            try (BufferedWriter writer = Files.newBufferedWriter(data.resolve("part-" + file + ".csv"))) {
                for (int i = 0; i < 20_000; i++) {
                    int id = file * 20_000 + i;
                    writer.write(id + "," + (id % 1000) + "." + (id % 100) + "\n");
                }
            }
        }
        QueryResult inProcess = run("in-process", Map.of(), data);

        QueryResult pool = run("pool", Map.of("TRAWL_WORKERS", "pool:2"), data);

        QueryResult lambda;
        try (LocalLambdaServer server = LocalLambdaServer.start()) {
            server.register(LambdaFunction.builder("trawl-scan-worker", ScanWorkerHandler.class.getName()).environment(Map.of())
                    .memoryMb(1769).timeout(Duration.ofSeconds(60)).reservedConcurrency(2).build());
            lambda = run("lambda", Map.of("TRAWL_WORKERS", "lambda:trawl-scan-worker", "TRAWL_WORKERS_MAX", "2",
                    "TRAWL_LAMBDA_ENDPOINT", server.endpoint().toString(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"), data);
            assertThat(server.invocations("trawl-scan-worker")).as("the scan ran as Lambda invocations")
                    .isNotEmpty()
                    .allMatch(record -> record.outcome() == InvocationRecord.Outcome.SUCCEEDED);
        }

        List<List<Object>> expected = TrawlRows.toRows(inProcess);
        assertThat(expected).hasSize(7);
        for (QueryResult remote : List.of(pool, lambda)) {
            assertThat(TrawlRows.toRows(remote)).isEqualTo(expected);
            assertThat(remote.bytesScanned()).isEqualTo(inProcess.bytesScanned());
            assertThat(remote.tasks()).isNotEmpty();
        }
    }

    @Test
    void aMalformedSettingIsAClearError()
    {
        assertThatThrownBy(() -> EmbeddedTrawl.open(temporary.resolve("home"), S3Config.defaults(), Optional.empty(), settings(), Map.of("TRAWL_WORKERS", "threads")))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("TRAWL_WORKERS must be in-process, pool, pool:N or lambda:FUNCTION, not 'threads'");
        assertThatThrownBy(() -> EmbeddedTrawl.open(temporary.resolve("home"), S3Config.defaults(), Optional.empty(), settings(), Map.of("TRAWL_WORKERS", "pool:0")))
                .hasMessage("TRAWL_WORKERS: '0' is not a positive whole number");
    }

    private QueryResult run(String name, Map<String, String> environment, Path data)
    {
        EmbeddedTrawl trawl = EmbeddedTrawl.open(temporary.resolve("home-" + name), S3Config.defaults(), Optional.empty(), settings(), environment);
        trawl.execute("CREATE DATABASE shop", session);
        trawl.execute("CREATE EXTERNAL TABLE shop.sales (id int, amount decimal(10,2)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '%s'".formatted(data.toUri()), session);
        return trawl.execute(SQL, session);
    }

    private static BillingSettings settings()
    {
        return new BillingSettings(BillingConfig.defaults(), "primary", java.time.Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), java.time.ZoneOffset.UTC));
    }
}
