package io.trawl.cli;

import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.datagen.TpchGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI over the real embedded engine: DDL and queries through {@link Main} with a temporary
 * TRAWL_HOME, checked against hand-computed answers and against DuckDB on the same Parquet files.
 */
class CliEndToEndTest
{
    @TempDir
    Path temporary;

    private record Run(int exitCode, String out, String err) {}

    private Run trawl(String... args)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                Map.of("TRAWL_HOME", temporary.resolve("home").toString()),
                temporary.resolve("user-home"),
                (home, s3) -> EmbeddedTrawl.open(home, s3));
        int exitCode = new Main(context).run(args);
        return new Run(exitCode, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
    }

    private Path writeCsvTable()
            throws IOException
    {
        Path table = Files.createDirectories(temporary.resolve("data").resolve("accounts"));
        Files.writeString(table.resolve("part-0.csv"), "1,alice,10.50\n2,bob,\\N\n3,carol,7.25\n");
        return table;
    }

    private String createAccounts(Path table)
    {
        return """
                CREATE DATABASE IF NOT EXISTS shop;
                USE shop;
                CREATE EXTERNAL TABLE IF NOT EXISTS accounts (id int, name string, balance decimal(10,2))
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                STORED AS TEXTFILE
                LOCATION '%s';
                """.formatted(table.toUri());
    }

    @Test
    void createsAnExternalTableAndQueriesItInOneScript()
            throws IOException
    {
        Path table = writeCsvTable();
        Run run = trawl("query", "--format", "csv", createAccounts(table) + "SELECT name, balance FROM accounts ORDER BY id;");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).as("rows, NULL as an empty field").isEqualTo("""
                name,balance
                alice,10.50
                bob,
                carol,7.25
                """);
    }

    @Test
    void tableFormatShowsEachDdlStepAndTheAlignedResult()
            throws IOException
    {
        Path table = writeCsvTable();
        Run run = trawl("query", createAccounts(table) + "SELECT count(*) AS n, sum(balance) AS total FROM accounts");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                CREATE DATABASE
                USE
                CREATE EXTERNAL TABLE
                 n | total
                ---+-------
                 3 | 17.75
                (1 row)
                """);
    }

    @Test
    void timingReportsTheBytesOfTheFileRead()
            throws IOException
    {
        Path table = writeCsvTable();
        Run run = trawl("query", "--timing", "--format", "csv", createAccounts(table) + "SELECT count(*) AS n FROM accounts");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as("one timing line per statement, then the summary").hasSize(5);
        assertThat(lines.get(3))
                .as("the SELECT read the whole file (36 bytes), returned one row, and is billed the 10 MB minimum")
                .matches("elapsed_ms=\\d+ bytes_scanned=" + Files.size(table.resolve("part-0.csv")) + " billed_bytes=10485760 cost=\\$0\\.000048 rows=1");
        assertThat(lines.getFirst()).as("DDL reads nothing and is free").matches("elapsed_ms=\\d+ bytes_scanned=0 billed_bytes=0 cost=\\$0\\.00 rows=0");
        assertThat(lines.getLast()).as("summary").isEqualTo("Data scanned: 36 B (36 bytes), billed 10 MB, cost $0.000048");
    }

    @Test
    void dryRunEstimatesWhatTheQueryThenScansAndReadsNothing()
            throws IOException
    {
        Path table = Files.createDirectories(temporary.resolve("data").resolve("accounts"));
        StringBuilder rows = new StringBuilder();
        for (int id = 0; id < 60_000; id++) {
            rows.append(id).append(",name-").append(id).append(',').append(id % 1000).append(".25\n");
        }
        Files.writeString(table.resolve("part-0.csv"), rows);
        long fileSize = Files.size(table.resolve("part-0.csv"));
        assertThat(trawl("query", createAccounts(table)).exitCode()).isZero();

        Run dryRun = trawl("query", "--dry-run", "--timing", "--schema", "shop", "SELECT sum(balance) FROM accounts");
        Run run = trawl("query", "--timing", "--schema", "shop", "--format", "csv", "SELECT sum(balance) FROM accounts");

        assertThat(dryRun.exitCode()).as("exit code; stderr: %s", dryRun.err()).isZero();
        assertThat(dryRun.out()).as("a text table is read whole; no footer to read").isEqualTo(
                "Estimated: %s MB scanned (billed 10 MB), cost $0.000048; metadata read: 0.00 MB (not billed)\n".formatted(
                        String.format(java.util.Locale.ROOT, "%.2f", fileSize / (double) (1 << 20))));
        assertThat(dryRun.err()).as("no statement ran, so no timing line").isEmpty();
        assertThat(run.err()).as("the query scans the whole file").contains("bytes_scanned=" + fileSize + " ");
    }

    @Test
    void tablesCreatedInOneRunAreThereInTheNext()
            throws IOException
    {
        Path table = writeCsvTable();
        assertThat(trawl("query", createAccounts(table)).exitCode()).isZero();

        Run tables = trawl("tables", "--schema", "shop", "--format", "csv");
        assertThat(tables.exitCode()).as("exit code; stderr: %s", tables.err()).isZero();
        assertThat(tables.out().lines().skip(1).toList()).as("tables of shop, after the header").containsExactly("accounts");

        Run query = trawl("query", "--schema", "shop", "--format", "json", "SELECT id, name FROM accounts WHERE balance > 8");
        assertThat(query.exitCode()).as("exit code; stderr: %s", query.err()).isZero();
        assertThat(query.out()).isEqualTo("{\"id\":1,\"name\":\"alice\"}\n");
    }

    @Test
    void unknownTableFailsWithOneLineNamingItAndStopsTheScript()
    {
        Run run = trawl("query", "CREATE DATABASE IF NOT EXISTS shop; SELECT * FROM shop.no_such_table; SELECT 1");

        assertThat(run.exitCode()).as("exit code").isEqualTo(1);
        assertThat(run.err()).as("the message, on one line").startsWith("Query failed: ").contains("no_such_table").endsWith("\n");
        assertThat(run.err().lines().count()).as("no stack trace").isEqualTo(1);
        assertThat(run.out()).as("the statement after the failure did not run").isEqualTo("CREATE DATABASE\n");
    }

    @Test
    void syntaxErrorNamesLineAndColumn()
    {
        Run run = trawl("query", "SELECT 1; SELEC 2");

        assertThat(run.exitCode()).as("exit code").isEqualTo(1);
        assertThat(run.err()).as("stderr").matches("Query failed: line 1:\\d+: .*SELEC.*\n");
        assertThat(run.out()).as("the first statement ran").contains("(1 row)");
    }

    @Test
    void demoBuildsTpchRunsQueriesAndMatchesDuckDb()
            throws Exception
    {
        Run first = trawl("demo", "--sf", "0.01");
        assertThat(first.exitCode()).as("exit code; stderr: %s", first.err()).isZero();
        assertThat(first.out()).as("demo output")
                .contains("Generating TPC-H SF 0.01")
                .contains("-- TPC-H Q1").contains("-- TPC-H Q3").contains("-- TPC-H Q6")
                .contains("(4 rows)")
                .contains("(10 rows)")
                .containsPattern("Data scanned: .* billed 10 MB, Athena-equivalent cost \\$0\\.000048 at \\$5\\.00/TB");

        Run second = trawl("demo", "--sf", "0.01");
        assertThat(second.exitCode()).as("second run; stderr: %s", second.err()).isZero();
        assertThat(second.out()).as("second run reuses the data").contains("Reusing TPC-H SF 0.01").doesNotContain("Generating");

        Path data = temporary.resolve("home").resolve("lake").resolve("tpch");
        for (String query : new String[] {"q03.sql", "q06.sql"}) {
            String sql = resource("demo/" + query);
            Path file = temporary.resolve(query);
            Files.writeString(file, sql);
            Run ours = trawl("query", "--schema", "tpch", "--format", "csv", "--file", file.toString());
            assertThat(ours.exitCode()).as("%s exit code; stderr: %s", query, ours.err()).isZero();
            assertThat(ours.out()).as("%s against DuckDB on the same files", query).isEqualTo(duckDbCsv(data, sql));
        }
    }

    @Test
    void projectionReadsOnlyPartOfTheParquetFile()
    {
        assertThat(trawl("demo", "--sf", "0.01").exitCode()).isZero();
        Path lineitem = temporary.resolve("home").resolve("lake").resolve("tpch").resolve("lineitem");

        Run run = trawl("query", "--timing", "--schema", "tpch", "SELECT sum(l_quantity) FROM lineitem");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        Matcher timing = Pattern.compile("elapsed_ms=\\d+ bytes_scanned=(\\d+) billed_bytes=\\d+ cost=\\S+ rows=1").matcher(run.err());
        assertThat(timing.find()).as("timing line in %s", run.err()).isTrue();
        long bytesScanned = Long.parseLong(timing.group(1));
        assertThat(bytesScanned).as("one of 16 columns read: more than nothing, less than the file").isPositive().isLessThan(directorySize(lineitem) / 2);
    }

    private static long directorySize(Path directory)
    {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                }
                catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).sum();
        }
        catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static String resource(String name)
            throws IOException
    {
        try (InputStream stream = Main.class.getResourceAsStream(name)) {
            assertThat(stream).as("resource %s", name).isNotNull();
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The query's result from DuckDB over views on the demo's Parquet files, as our CSV format prints it. */
    private static String duckDbCsv(Path data, String sql)
            throws SQLException
    {
        StringBuilder csv = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            for (String table : TpchGenerator.tableNames()) {
                statement.execute("CREATE VIEW %s AS SELECT * FROM read_parquet('%s/*.parquet')".formatted(table, data.resolve(table)));
            }
            try (ResultSet rows = statement.executeQuery(sql.strip().replaceAll(";$", ""))) {
                int columns = rows.getMetaData().getColumnCount();
                for (int column = 1; column <= columns; column++) {
                    csv.append(column > 1 ? "," : "").append(rows.getMetaData().getColumnLabel(column));
                }
                csv.append('\n');
                while (rows.next()) {
                    for (int column = 1; column <= columns; column++) {
                        Object value = rows.getObject(column);
                        String text = value == null ? "" : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
                        csv.append(column > 1 ? "," : "").append(text);
                    }
                    csv.append('\n');
                }
            }
        }
        return csv.toString();
    }
}
