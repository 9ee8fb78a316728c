package io.trawl.cli;

import io.micronaut.runtime.server.EmbeddedServer;
import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.api.http.TrawlApplication;
import io.trawl.api.query.QueryExecution;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;
import io.trawl.api.workgroup.WorkGroup;
import io.trawl.billing.PricingPolicy;
import io.trawl.cli.output.OutputFormat;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.testing.tpch.TpchLake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trawl query --endpoint} against a Trawl API started in this JVM, with the embedded engine as the oracle: the
 * server and the embedded CLI share one home, so both read the same catalog and the same TPC-H Parquet files, and
 * every output must be the same. The tables are registered through the API itself.
 */
class RemoteQueryTest
{
    private static final TpchLake LAKE = TpchLake.parquet();

    /** Every kind of value the formats treat apart: integers, decimals, doubles, booleans, dates, NULL, '', quotes, commas, line breaks; 0, 1 and 2,500 rows. */
    private static final String QUERIES = """
            SELECT n_nationkey, n_name, n_regionkey = 1 AS in_america, CAST(n_nationkey AS double) / 4 AS quarter,
                   CASE WHEN n_nationkey % 5 = 0 THEN NULL ELSE n_comment END AS comment, '' AS empty
            FROM nation ORDER BY n_nationkey;
            SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_price, avg(l_discount) AS avg_disc, count(*) AS n
            FROM lineitem WHERE l_shipdate <= DATE '1998-09-02' GROUP BY 1, 2 ORDER BY 1, 2;
            SELECT o_orderkey, o_orderdate, o_totalprice, o_orderpriority FROM orders ORDER BY o_orderkey LIMIT 2500;
            SELECT count(*) AS regions FROM region;
            SELECT r_name FROM region WHERE r_regionkey < 0;
            SELECT 'say "hi", then\ngo\ton' AS text, CAST(NULL AS varchar) AS nothing, TRUE AS yes;
            """;

    @TempDir
    static Path home;

    private static EmbeddedServer server;

    private record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void startServerAndRegisterTheLake()
    {
        server = TrawlApplication.start(ServerSettings.defaults(home), 0);
        StringBuilder ddl = new StringBuilder("CREATE DATABASE tpch;\n");
        for (String table : TpchGenerator.tableNames()) {
            ddl.append(TpchGenerator.createTableSql("tpch", table, TpchGenerator.tableLocation(LAKE.dataDirectory(), table), TpchFormat.PARQUET)).append(";\n");
        }
        Run registered = remote("query", ddl.toString());
        assertThat(registered.exitCode()).as("DDL through the API; stderr: %s", registered.err()).isZero();
    }

    @AfterAll
    static void stopServer()
    {
        server.getApplicationContext().close();
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void remoteOutputIsTheEmbeddedOutput(OutputFormat format)
    {
        Run remote = remote("query", "--schema", "tpch", "--format", format.toString(), QUERIES);
        Run embedded = embedded("query", "--schema", "tpch", "--format", format.toString(), QUERIES);

        assertThat(remote.exitCode()).as("exit code; stderr: %s", remote.err()).isZero();
        assertThat(embedded.exitCode()).as("exit code; stderr: %s", embedded.err()).isZero();
        assertThat(remote.out()).as("every row of every query, as the embedded engine prints it").isEqualTo(embedded.out());
        assertThat(remote.out().lines().count()).as("the results are there").isGreaterThan(2500);
        // the server keeps the footers it read (and billed) for its next queries, so only what was billed compares
        assertThat(remote.err()).as("the cost summary").matches("Data scanned: .+ \\(\\d[\\d,]* bytes\\), billed 60 MB, cost \\$[0-9.]+ \\(6 statements\\)\n");
        assertThat(billedPart(remote.err())).isEqualTo(billedPart(embedded.err()));
    }

    private static String billedPart(String summary)
    {
        return summary.substring(summary.indexOf(", billed "));
    }

    @Test
    void timingReportsTheStatisticsAndBillingTheApiRecorded()
    {
        Run run = remote("query", "--timing", "--schema", "tpch", "--format", "csv", "SELECT count(*) AS n FROM lineitem WHERE l_quantity > 10");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        QueryExecution execution = newestQuery();
        assertThat(execution.query()).isEqualTo("SELECT count(*) AS n FROM lineitem WHERE l_quantity > 10");
        assertThat(execution.principal()).as("the default access key id is the user's name").isEqualTo(System.getProperty("user.name"));
        QueryExecution.Statistics statistics = execution.statistics();
        QueryExecution.Billing billing = execution.billing().orElseThrow();
        assertThat(statistics.dataScannedBytes()).as("lineitem's l_quantity chunks were read").isPositive();
        assertThat(billing.billedBytes()).as("Athena's 10 MB minimum").isEqualTo(10L << 20);
        String cost = PricingPolicy.defaults().display(billing.cost());
        assertThat(run.err().lines().toList()).containsExactly(
                "elapsed_ms=%d bytes_scanned=%d billed_bytes=%d cost=%s rows=1".formatted(statistics.totalMillis(), statistics.dataScannedBytes(), billing.billedBytes(), cost),
                "Data scanned: %s (%,d bytes), billed 10 MB, cost %s".formatted(DemoCommand.humanBytes(statistics.dataScannedBytes()), statistics.dataScannedBytes(), cost));
    }

    @Test
    void aFailingStatementPrintsTheEmbeddedMessageAndStopsTheScript()
    {
        String script = "SELECT 1 AS one; SELECT * FROM tpch.no_such_table; SELECT 2 AS two";
        Run remote = remote("query", "--format", "csv", script);
        Run embedded = embedded("query", "--format", "csv", script);

        assertThat(remote.exitCode()).as("exit code").isEqualTo(Main.EXIT_FAILED);
        assertThat(remote.err()).as("one line, the engine's words").startsWith("Query failed: ").contains("no_such_table").isEqualTo(embedded.err());
        assertThat(remote.out()).as("what ran before the failure, nothing after").isEqualTo("one\n1\n").isEqualTo(embedded.out());
    }

    @Test
    void aScriptFileWithUseRunsInTheSchemaItNames()
            throws IOException
    {
        Path script = Files.writeString(home.resolve("script.sql"), """
                USE tpch;
                SELECT count(*) AS nations FROM nation;
                SHOW TABLES;
                """);
        Run remote = remote("query", "--format", "csv", "-f", script.toString());
        Run embedded = embedded("query", "--format", "csv", "-f", script.toString());

        assertThat(remote.exitCode()).as("exit code; stderr: %s", remote.err()).isZero();
        List<String> expected = new ArrayList<>(List.of("nations", "25", "Table"));
        TpchGenerator.tableNames().stream().sorted().forEach(expected::add);
        assertThat(remote.out().lines().toList()).as("USE applied to the statements after it").containsExactlyElementsOf(expected);
        assertThat(remote.out()).isEqualTo(embedded.out());
    }

    @Test
    void tableFormatLabelsStatementsWithoutRows()
    {
        Run remote = remote("query", "CREATE DATABASE IF NOT EXISTS scratch; USE scratch; SHOW TABLES");
        Run embedded = embedded("query", "CREATE DATABASE IF NOT EXISTS scratch; USE scratch; SHOW TABLES");

        assertThat(remote.exitCode()).as("exit code; stderr: %s", remote.err()).isZero();
        assertThat(remote.out()).isEqualTo("""
                CREATE DATABASE
                USE
                 Table
                -------
                (0 rows)
                """).isEqualTo(embedded.out());
    }

    @Test
    void useOfAMissingSchemaFailsOnTheServer()
    {
        Run remote = remote("query", "USE no_such_schema; SELECT 1");
        Run embedded = embedded("query", "USE no_such_schema; SELECT 1");

        assertThat(remote.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(remote.err()).startsWith("Query failed: ").isEqualTo(embedded.err());
    }

    @Test
    void dryRunEstimatesOnTheServerAsInProcess()
    {
        // tables no other test reads: an estimate counts the footers still to be billed, and the server keeps those it billed
        String script = "USE tpch; SELECT sum(ps_supplycost) FROM partsupp WHERE ps_availqty > 100; SELECT s_name FROM supplier";
        Run remote = remote("query", "--dry-run", script);
        Run embedded = embedded("query", "--dry-run", script);

        assertThat(remote.exitCode()).as("exit code; stderr: %s", remote.err()).isZero();
        assertThat(remote.out().lines().toList()).as("one estimate per query")
                .hasSize(2)
                .allMatch(line -> line.matches("Estimated: [0-9.]+ MB scanned \\(billed \\d+ MB\\), cost \\$[0-9.]+; metadata read: [0-9.]+ MB \\(not billed\\)"));
        assertThat(remote.out()).isEqualTo(embedded.out());
        assertThat(newestQuery().query()).as("the server ran the plan, not the query").startsWith("EXPLAIN (TYPE IO) SELECT s_name");
    }

    @Test
    void progressLineIsRewrittenWhileTheQueryRunsAndClearedAfter()
    {
        String query = "SELECT l_returnflag, count(*) AS n FROM lineitem GROUP BY 1 ORDER BY 1";
        Run withProgress = remote("query", "--progress", "--schema", "tpch", query);
        Run without = remote("query", "--schema", "tpch", query);

        assertThat(withProgress.exitCode()).as("exit code; stderr: %s", withProgress.err()).isZero();
        assertThat(withProgress.out()).as("stdout is untouched").isEqualTo(without.out());
        List<String> shown = Stream.of(withProgress.err().split("\r")).filter(part -> !part.isBlank()).toList();
        assertThat(shown.getLast()).as("after the line is cleared, the summary").startsWith("Data scanned: ").endsWith("\n");
        assertThat(shown.subList(0, shown.size() - 1)).as("progress lines, each at least once (the submit answers QUEUED)")
                .isNotEmpty()
                .allMatch(line -> line.stripTrailing().matches("(QUEUED |RUNNING)  \\d+/\\d+ splits  [0-9.]+ (B|KB|MB) scanned  est\\. \\$[0-9.]+"), "a progress line");
        assertThat(withProgress.err()).as("cleared: blanks over the last line, then back to its start")
                .containsPattern("\r {20,}\rData scanned: ");
        assertThat(without.err()).as("no terminal, no progress").doesNotContain("\r");
    }

    @Test
    void tablesListsTheSchemaOfTheServer()
    {
        Run remote = remote("tables", "--schema", "tpch");
        Run embedded = embedded("tables", "--schema", "tpch");

        assertThat(remote.exitCode()).as("exit code; stderr: %s", remote.err()).isZero();
        assertThat(remote.out()).contains(" lineitem\n").isEqualTo(embedded.out());
    }

    @Test
    void homeAndS3OptionsAreRefusedWithAnEndpoint()
    {
        Run run = remote("query", "--home", home.toString(), "SELECT 1");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("with --endpoint the server's settings apply");
    }

    @Test
    void anEndpointNobodyListensOnFailsWithOneLine()
            throws IOException
    {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + freePort;

        Run run = cli(Map.of(), "query", "--endpoint", endpoint, "SELECT 1");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(run.err()).isEqualTo("Query failed: Cannot reach the Trawl API at %s (is trawl serve running there?): connection refused\n".formatted(endpoint));
    }

    private static QueryExecution newestQuery()
    {
        var queries = server.getApplicationContext().getBean(TrawlService.class).queries();
        String id = queries.list(WorkGroup.PRIMARY, Optional.empty(), 1).ids().getFirst();
        return queries.find(id);
    }

    private static Run remote(String command, String... args)
    {
        List<String> all = new ArrayList<>(List.of(command, "--endpoint", "http://127.0.0.1:" + server.getPort()));
        all.addAll(List.of(args));
        return cli(Map.of(), all.toArray(String[]::new));
    }

    private static Run embedded(String... args)
    {
        return cli(Map.of("TRAWL_HOME", home.toString()), args);
    }

    private static Run cli(Map<String, String> environment, String... args)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                environment,
                home.resolve("user-home"),
                (trawlHome, s3) -> EmbeddedTrawl.open(trawlHome, s3));
        int exitCode = new Main(context).run(args);
        return new Run(exitCode, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
    }
}
