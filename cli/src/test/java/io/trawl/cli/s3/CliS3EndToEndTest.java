package io.trawl.cli.s3;

import io.trawl.billing.BillingConfig;
import io.trawl.cli.CliContext;
import io.trawl.cli.Main;
import io.trawl.testing.time.TestClock;
import io.trawl.api.embedded.BillingSettings;
import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.testing.s3.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trawl query --s3-endpoint ...} against the test S3 server (in-process S3Proxy, or LocalStack/AWS with
 * TRAWL_TEST_S3_ENDPOINT): the settings travel from options and environment to the embedded engine's store.
 */
class CliS3EndToEndTest
{
    @TempDir
    Path temporary;

    private record Run(int exitCode, String out, String err) {}

    @Test
    void queriesATableWhoseLocationIsOnS3()
            throws IOException
    {
        S3TestServer server = S3TestServer.shared();
        URI table = server.location("cli-" + UUID.randomUUID() + "/accounts/");
        try (OutputStream out = server.store().create(table.resolve("part-0.csv"))) {
            out.write("1,alice,10.50\n2,bob,\\N\n3,carol,7.25\n".getBytes(StandardCharsets.UTF_8));
        }

        Run run = trawl(server, "query", "--s3-endpoint", server.config().endpoint().orElseThrow().toString(), "--format", "csv", """
                CREATE DATABASE IF NOT EXISTS shop;
                USE shop;
                CREATE EXTERNAL TABLE accounts (id int, name string, balance decimal(10,2))
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                STORED AS TEXTFILE
                LOCATION '%s';
                SELECT name, balance FROM accounts ORDER BY id;
                """.formatted(table));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                name,balance
                alice,10.50
                bob,
                carol,7.25
                """);
    }

    @Test
    void processesWithDifferentHomesShareACatalogOnS3()
            throws IOException
    {
        S3TestServer server = S3TestServer.shared();
        String run = "cli-" + UUID.randomUUID();
        URI table = server.location(run + "/accounts/");
        try (OutputStream out = server.store().create(table.resolve("part-0.csv"))) {
            out.write("1,alice\n2,bob\n".getBytes(StandardCharsets.UTF_8));
        }
        String catalog = server.location(run + "/meta/").toString();
        String endpoint = server.config().endpoint().orElseThrow().toString();

        Run first = trawl(server, Map.of("TRAWL_CATALOG", catalog, "TRAWL_S3_ENDPOINT", endpoint, "TRAWL_HOME", temporary.resolve("first").toString()), "query",
                "CREATE DATABASE IF NOT EXISTS shared; CREATE EXTERNAL TABLE shared.accounts (id int, name string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION '"
                        + table + "'");
        assertThat(first.exitCode()).as("stderr: %s", first.err()).isZero();
        assertThat(server.store().list(server.location(run + "/meta/"))).as("the catalog's documents are on S3").isNotEmpty();

        Run second = trawl(server, Map.of("TRAWL_CATALOG", catalog, "TRAWL_S3_ENDPOINT", endpoint, "TRAWL_HOME", temporary.resolve("second").toString()),
                "query", "--format", "csv", "SELECT name FROM shared.accounts ORDER BY id");
        assertThat(second.exitCode()).as("stderr: %s", second.err()).isZero();
        assertThat(second.out()).isEqualTo("name\nalice\nbob\n");
    }

    @Test
    void usageLedgerLivesNextToTheCatalogOnS3AndTrawlUsageReadsIt()
            throws IOException
    {
        S3TestServer server = S3TestServer.shared();
        String run = "cli-" + UUID.randomUUID();
        URI table = server.location(run + "/accounts/");
        try (OutputStream out = server.store().create(table.resolve("part-0.csv"))) {
            out.write("1,alice\n2,bob\n".getBytes(StandardCharsets.UTF_8));
        }
        URI meta = server.location(run + "/meta/");
        Map<String, String> environment = Map.of("TRAWL_CATALOG", meta.toString(), "TRAWL_S3_ENDPOINT", server.config().endpoint().orElseThrow().toString());

        Run query = trawl(server, environment, "query", "--format", "csv",
                "CREATE DATABASE IF NOT EXISTS shared; CREATE EXTERNAL TABLE shared.people (id int, name string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                        + "STORED AS TEXTFILE LOCATION '" + table + "'; SELECT count(*) AS n FROM shared.people");
        assertThat(query.exitCode()).as("stderr: %s", query.err()).isZero();
        assertThat(query.err()).isEqualTo("Data scanned: 14 B (14 bytes), billed 10 MB, cost $0.000048\n");

        assertThat(server.store().list(meta.resolve("usage/")).stream().map(object -> meta.relativize(object.location()).toString().replaceAll("[0-9a-f-]{36}", "<id>")).toList())
                .as("one record, on S3, in the folder of the clock's day").containsExactly("usage/2026/12/05/<id>.avro");
        Run usage = trawl(server, environment, "usage", "--format", "csv");
        assertThat(usage.exitCode()).as("stderr: %s", usage.err()).isZero();
        assertThat(usage.out()).isEqualTo("""
                period,workgroup,principal,queries,bytes_scanned,billed_bytes,cost,currency
                2026-12-05,primary,%1$s,1,14,10485760,0.0000476837,USD
                total,"","",1,14,10485760,0.0000476837,USD
                """.formatted(System.getProperty("user.name")));
    }

    @Test
    void createTableOnAMissingBucketFailsNamingTheLocation()
    {
        S3TestServer server = S3TestServer.shared();
        String location = "s3://trawl-no-such-bucket-%s/sales/".formatted(UUID.randomUUID());
        Map<String, String> environment = Map.of("TRAWL_S3_ENDPOINT", server.config().endpoint().orElseThrow().toString());

        Run run = trawl(server, environment, "query", """
                CREATE DATABASE IF NOT EXISTS shop;
                CREATE EXTERNAL TABLE shop.sales (id int) STORED AS PARQUET LOCATION '%s'
                """.formatted(location));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("'" + location + "'").contains("no bucket");
    }

    private Run trawl(S3TestServer server, String... args)
    {
        return trawl(server, Map.of(), args);
    }

    private Run trawl(S3TestServer server, Map<String, String> extraEnvironment, String... args)
    {
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        environment.putIfAbsent("TRAWL_HOME", temporary.resolve("home").toString());
        environment.put("TRAWL_S3_REGION", server.config().region());
        environment.put("AWS_ACCESS_KEY_ID", server.config().accessKey().orElseThrow());
        environment.put("AWS_SECRET_ACCESS_KEY", server.config().secretKey().orElseThrow());
        environment.put("TRAWL_S3_PATH_STYLE", String.valueOf(server.config().pathStyle()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                environment,
                temporary.resolve("user-home"),
                (home, s3) -> EmbeddedTrawl.open(home, s3, CliContext.catalogLocation(environment),
                        new BillingSettings(BillingConfig.defaults(), BillingSettings.DEFAULT_WORK_GROUP, new TestClock(Instant.parse("2026-12-05T12:00:00Z")))));
        int exitCode = new Main(context).run(args);
        return new Run(exitCode, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
    }
}
