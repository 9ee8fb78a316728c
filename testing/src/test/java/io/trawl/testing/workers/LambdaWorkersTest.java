package io.trawl.testing.workers;

import io.trawl.datagen.TpchFormat;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.engine.fragment.TaskLimits;
import io.trawl.scan.runtime.TaskResults;
import io.trawl.scan.runtime.lambda.LambdaRunnerConfig;
import io.trawl.scan.runtime.lambda.LambdaTaskRunner;
import io.trawl.scan.runtime.lambda.ScanWorkerHandler;
import io.trawl.scan.store.s3.S3Config;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.lambda.Fault;
import io.trawl.testing.lambda.InvocationRecord;
import io.trawl.testing.lambda.LambdaFunction;
import io.trawl.testing.lambda.LocalLambdaServer;
import io.trawl.testing.s3.S3TestServer;
import io.trawl.testing.s3.TpchS3Lake;
import io.trawl.testing.tpch.TpchQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scans on "AWS Lambda": the real scan-worker handler, invoked through the AWS SDK's LambdaAsyncClient against
 * a local Lambda endpoint (each container a fresh class loader), reading the TPC-H tables from the test S3
 * server. The TPC-H suite gives DuckDB's answers with the same bytes scanned as in-process scans; and each
 * fault a worker can have (crash, hang, throttle, garbage, an oversized result, a straggler) still ends in the
 * right answer, billed once.
 */
class LambdaWorkersTest
{
    private static final String FUNCTION = "trawl-scan-worker";
    private static final String QUICK_TIMEOUT_FUNCTION = "trawl-scan-worker-10s";

    private static TpchS3Lake lake;
    private static LocalLambdaServer lambda;
    private static LambdaAsyncClient client;
    private static URI spillLocation;

    @BeforeAll
    static void start()
    {
        lake = TpchS3Lake.of(TpchFormat.PARQUET);
        lambda = LocalLambdaServer.start();
        lambda.register(function(FUNCTION, Duration.ofSeconds(60)));
        lambda.register(function(QUICK_TIMEOUT_FUNCTION, Duration.ofSeconds(10)));
        client = LambdaAsyncClient.builder()
                .endpointOverride(lambda.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofMinutes(2)).maxConcurrency(64))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofMinutes(2)).build())
                .build();
        spillLocation = S3TestServer.shared().location("spill/lambda/");
    }

    private static LambdaFunction function(String name, Duration timeout)
    {
        S3Config s3 = S3TestServer.shared().config();
        Map<String, String> environment = new HashMap<>();
        environment.put(S3Config.ENDPOINT_VARIABLE, s3.endpoint().orElseThrow().toString());
        environment.put(S3Config.REGION_VARIABLE, s3.region());
        environment.put(S3Config.PATH_STYLE_VARIABLE, "true");
        environment.put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
        return LambdaFunction.builder(name, ScanWorkerHandler.class.getName())
                .environment(environment)
                .memoryMb(1769)
                .timeout(timeout)
                .reservedConcurrency(4)
                .build();
    }

    @AfterEach
    void clearFaults()
    {
        lambda.faults(FUNCTION).clear();
        lambda.faults(QUICK_TIMEOUT_FUNCTION).clear();
    }

    @AfterAll
    static void stop()
    {
        client.close();
        lambda.close();
    }

    private static LambdaTaskRunner runner(LambdaRunnerConfig config)
    {
        return new LambdaTaskRunner(client, config, new TaskResults(lake.store()));
    }

    private static LambdaRunnerConfig config(String function)
    {
        // no speculation unless a test asks for it: a slow machine must not turn every task into two
        return LambdaRunnerConfig.defaults(function).withMaxConcurrency(4).withTaskTimeout(Duration.ofSeconds(90)).withSpeculation(1000, Duration.ofMinutes(10), 1000);
    }

    private static QueryEngine engine(LambdaTaskRunner runner, long inlineResultBytes)
    {
        TaskLimits limits = new TaskLimits(256L << 20, inlineResultBytes, Optional.of(spillLocation.toString()));
        return lake.newS3Engine().withWorkers(new RemoteWorkers(runner, limits, 1L << 20));
    }

    static IntStream queryNumbers()
    {
        return IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queryNumbers")
    void tpchOnLambdaMatchesTheOracleAndInProcessBytes(int queryNumber)
    {
        String sql = TpchQueries.query(queryNumber, lake.scaleFactor());
        try (LambdaTaskRunner runner = runner(config(FUNCTION))) {
            QueryResult onLambda = engine(runner, TaskLimits.LAMBDA_INLINE_RESULT_BYTES).execute(sql, lake.s3Session());
            assertMatches(queryNumber, sql, onLambda);
        }
    }

    @Test
    void crashedWorkerIsRetriedOnAFreshInvocation()
    {
        lambda.faults(FUNCTION).next(1, Fault.crash());
        try (LambdaTaskRunner runner = runner(config(FUNCTION))) {
            assertQ6(engine(runner, TaskLimits.LAMBDA_INLINE_RESULT_BYTES));
            assertThat(runner.counters().retries()).isEqualTo(1);
        }
        assertThat(outcomes(FUNCTION)).contains(InvocationRecord.Outcome.CRASHED);
    }

    @Test
    void hungWorkerTimesOutAndIsRetried()
    {
        lambda.faults(QUICK_TIMEOUT_FUNCTION).next(1, Fault.hang());
        try (LambdaTaskRunner runner = runner(config(QUICK_TIMEOUT_FUNCTION))) {
            assertQ6(engine(runner, TaskLimits.LAMBDA_INLINE_RESULT_BYTES));
            assertThat(runner.counters().retries()).isEqualTo(1);
        }
    }

    @Test
    void invocationTheCoordinatorGivesUpOnIsRetried()
    {
        CountDownLatch never = new CountDownLatch(1);
        lambda.faults(FUNCTION).next(1, Fault.holdUntil(never));
        try (LambdaTaskRunner runner = runner(config(FUNCTION).withTaskTimeout(Duration.ofSeconds(3)))) {
            assertQ6(engine(runner, TaskLimits.LAMBDA_INLINE_RESULT_BYTES));
            assertThat(runner.counters().retries()).isEqualTo(1);
        }
        finally {
            never.countDown();
        }
    }

    @Test
    void throttledInvocationsAreRetried()
    {
        lambda.faults(FUNCTION).next(6, Fault.throttle());
        try (LambdaTaskRunner runner = runner(config(FUNCTION))) {
            assertQ6(engine(runner, TaskLimits.LAMBDA_INLINE_RESULT_BYTES));
        }
        assertThat(outcomes(FUNCTION).stream().filter(outcome -> outcome == InvocationRecord.Outcome.THROTTLED).count()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void garbageAnswerIsRetried()
    {
        lambda.faults(FUNCTION).next(1, Fault.garbage());
        try (LambdaTaskRunner runner = runner(config(FUNCTION))) {
            assertQ6(engine(runner, TaskLimits.LAMBDA_INLINE_RESULT_BYTES));
            assertThat(runner.counters().retries()).isEqualTo(1);
        }
    }

    @Test
    void oversizedResultTravelsThroughTheSpillLocationAndIsRemoved()
            throws Exception
    {
        String sql = "SELECT l_orderkey, l_linenumber, l_comment FROM lineitem";
        try (LambdaTaskRunner runner = runner(config(FUNCTION))) {
            // 64 KB inline: every task's result is spilled to S3 and fetched from there
            QueryResult result = engine(runner, 64 * 1024).execute(sql, lake.s3Session());
            assertThat(result.rowCount()).isEqualTo(lake.oracle().query("SELECT count(*) FROM lineitem").getFirst().getFirst());
            assertThat(result.bytesScanned()).isEqualTo(lake.newS3Engine().execute(sql, lake.s3Session()).bytesScanned());
        }
        assertThat(lake.store().list(spillLocation)).as("spill objects left").isEmpty();
        assertThat(lambda.invocations(FUNCTION).stream().mapToLong(InvocationRecord::responseBytes).max().orElseThrow())
                .as("responses stayed small: the pages were spilled").isLessThan(64 * 1024);
    }

    @Test
    void stragglerGetsADuplicateAndTheFirstAnswerWins()
    {
        CountDownLatch release = new CountDownLatch(1);
        lambda.faults(FUNCTION).whenPayloadContains("part-00000", 1, Fault.holdUntil(release));
        LambdaRunnerConfig speculative = config(FUNCTION).withSpeculation(1.5, Duration.ofMillis(300), 1);
        try (LambdaTaskRunner runner = runner(speculative)) {
            assertQ6(engine(runner, TaskLimits.LAMBDA_INLINE_RESULT_BYTES));
            assertThat(runner.counters().duplicates()).isEqualTo(1);
        }
        finally {
            release.countDown();
        }
    }

    private static void assertQ6(QueryEngine engine)
    {
        String sql = TpchQueries.query(6, lake.scaleFactor());
        assertMatches(6, sql, engine.execute(sql, lake.s3Session()));
    }

    private static void assertMatches(int queryNumber, String sql, QueryResult onLambda)
    {
        ResultComparison.assertMatches("Q%d on Lambda workers:%n%s".formatted(queryNumber, sql), onLambda.columns(), TrawlRows.toRows(onLambda),
                lake.oracle().query(sql), TpchQueries.sortKeys(queryNumber));
        QueryResult inProcess = lake.newS3Engine().execute(sql, lake.s3Session());
        assertThat(onLambda.bytesScanned()).as("Q%d bytes scanned on Lambda vs in process (billed once)", queryNumber).isEqualTo(inProcess.bytesScanned());
    }

    private static List<InvocationRecord.Outcome> outcomes(String function)
    {
        return lambda.invocations(function).stream().map(InvocationRecord::outcome).toList();
    }
}
