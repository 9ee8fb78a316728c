package io.trawl.cli;

import io.trawl.testing.time.TestClock;

import io.trawl.billing.BillingConfig;
import io.trawl.api.embedded.BillingSettings;
import io.trawl.api.embedded.EmbeddedTrawl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trawl usage} over the real embedded engine and its ledger under TRAWL_HOME: statements run with
 * {@code trawl query} on two days (a hand-set clock), then the report in every format, checked exactly.
 */
class UsageCommandTest
{
    private static final String USER = System.getProperty("user.name");
    // each statement reads the 36-byte CSV file and is billed the 10 MB minimum: 10 * 2^20 * $5 / 2^40
    private static final String MINIMUM = "0.0000476837";

    @TempDir
    Path temporary;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T10:00:00Z"));

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
                (home, s3) -> EmbeddedTrawl.open(home, s3, Optional.empty(), new BillingSettings(BillingConfig.defaults(), BillingSettings.DEFAULT_WORK_GROUP, clock)));
        int exitCode = new Main(context).run(args);
        return new Run(exitCode, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
    }

    private Run succeed(String... args)
    {
        Run run = trawl(args);
        assertThat(run.exitCode()).as("exit code of %s; stderr: %s", List.of(args), run.err()).isZero();
        return run;
    }

    /** Two billed queries on 5 December, one on 6 December, and statements that are not billed around them. */
    private void runStatementsOnTwoDays()
            throws IOException
    {
        Path table = Files.createDirectories(temporary.resolve("data").resolve("accounts"));
        Files.writeString(table.resolve("part-0.csv"), "1,alice,10.50\n2,bob,\\N\n3,carol,7.25\n");
        succeed("query", """
                CREATE DATABASE IF NOT EXISTS shop;
                CREATE EXTERNAL TABLE shop.accounts (id int, name string, balance decimal(10,2))
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION '%s';
                SELECT count(*) FROM shop.accounts;
                EXPLAIN SELECT * FROM shop.accounts;
                SELECT name FROM shop.accounts WHERE balance > 8
                """.formatted(table.toUri()));
        assertThat(trawl("query", "SELECT nope FROM shop.accounts").exitCode()).as("a failed query: free, not recorded").isEqualTo(1);
        clock.set(Instant.parse("2026-12-06T23:59:59.999Z"));
        succeed("query", "SELECT sum(balance) FROM shop.accounts; DESCRIBE shop.accounts");
    }

    @Test
    void reportsBilledStatementsByDayWorkGroupAndPrincipalWithATotal()
            throws IOException
    {
        runStatementsOnTwoDays();

        assertThat(succeed("usage", "--format", "csv").out()).isEqualTo("""
                period,workgroup,principal,queries,bytes_scanned,billed_bytes,cost,currency
                2026-12-05,primary,%1$s,2,72,20971520,0.0000953674,USD
                2026-12-06,primary,%1$s,1,36,10485760,%2$s,USD
                total,"","",3,108,31457280,0.0001430511,USD
                """.formatted(USER, MINIMUM));
    }

    @Test
    void reportsByMonthAsATable()
            throws IOException
    {
        runStatementsOnTwoDays();

        int width = Math.max("principal".length(), USER.length());
        String header = " period  | workgroup | %-" + width + "s | queries | bytes_scanned | billed_bytes |     cost     | currency";
        String row = " %-7s | %-9s | %-" + width + "s | %7d | %13d | %12d | %12s | %s";
        String expected = String.join("\n",
                header.formatted("principal"),
                "---------+-----------+-" + "-".repeat(width) + "-+---------+---------------+--------------+--------------+----------",
                row.formatted("2026-12", "primary", USER, 3, 108, 31457280, "0.0001430511", "USD"),
                row.formatted("total", "", "", 3, 108, 31457280, "0.0001430511", "USD"),
                "(2 rows)",
                "");
        assertThat(succeed("usage", "--period", "month").out()).isEqualTo(expected);
    }

    @Test
    void sinceAndUntilSelectDaysAndJsonKeepsTheExactCost()
            throws IOException
    {
        runStatementsOnTwoDays();

        assertThat(succeed("usage", "--since", "2026-12-06", "--format", "json").out()).isEqualTo("""
                {"period":"2026-12-06","workgroup":"primary","principal":"%1$s","queries":1,"bytes_scanned":36,"billed_bytes":10485760,"cost":"%2$s","currency":"USD"}
                {"period":"total","workgroup":"","principal":"","queries":1,"bytes_scanned":36,"billed_bytes":10485760,"cost":"%2$s","currency":"USD"}
                """.formatted(USER, MINIMUM));
        assertThat(succeed("usage", "--until", "2026-12-05", "--format", "csv").out()).isEqualTo("""
                period,workgroup,principal,queries,bytes_scanned,billed_bytes,cost,currency
                2026-12-05,primary,%1$s,2,72,20971520,0.0000953674,USD
                total,"","",2,72,20971520,0.0000953674,USD
                """.formatted(USER));
        assertThat(succeed("usage", "--since", "2026-12-07", "--format", "csv").out()).as("no usage: the header only")
                .isEqualTo("period,workgroup,principal,queries,bytes_scanned,billed_bytes,cost,currency\n");
    }

    @Test
    void readingUsageIsFreeAndLeavesTheLedgerUnchanged()
            throws IOException
    {
        runStatementsOnTwoDays();
        String first = succeed("usage", "--format", "csv").out();

        Run query = succeed("query", "--timing", "--format", "csv", "SELECT count(*) AS n FROM system.billing.usage");
        assertThat(query.out()).isEqualTo("n\n3\n");
        assertThat(query.err()).as("not billed, so no summary line").matches("elapsed_ms=\\d+ bytes_scanned=\\d+ billed_bytes=0 cost=\\$0\\.00 rows=1\n");

        assertThat(succeed("usage", "--format", "csv").out()).as("the same report again").isEqualTo(first);
        try (Stream<Path> files = Files.walk(temporary.resolve("home").resolve("usage"))) {
            assertThat(files.filter(Files::isRegularFile).map(file -> temporary.resolve("home").resolve("usage").relativize(file).toString().replaceAll("[0-9a-f-]{36}", "<id>")).sorted().toList())
                    .as("one Avro file per billed statement, in the folder of its day")
                    .containsExactly("2026/12/05/<id>.avro", "2026/12/05/<id>.avro", "2026/12/06/<id>.avro");
        }
    }

    @Test
    void emptyLedgerReportsNothing()
    {
        assertThat(succeed("usage").out()).isEqualTo("""
                 period | workgroup | principal | queries | bytes_scanned | billed_bytes | cost | currency
                --------+-----------+-----------+---------+---------------+--------------+------+----------
                (0 rows)
                """);
    }

    @Test
    void untilBeforeSinceIsAUsageError()
    {
        Run run = trawl("usage", "--since", "2026-12-06", "--until", "2026-12-05");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--until 2026-12-05 is before --since 2026-12-06");
        assertThat(trawl("usage", "--since", "yesterday").err()).contains("Invalid value for option '--since'");
    }

    @Test
    void reportIsOneSqlQueryOverTheUsageTable()
    {
        assertThat(UsageCommand.sql(UsageCommand.Period.MONTH, java.time.LocalDate.of(2026, 12, 1), null)).isEqualTo("""
                SELECT period, workgroup, principal, queries, bytes_scanned, billed_bytes, cost, currency
                FROM (
                    SELECT substr(CAST(usage_date AS varchar), 1, 7) AS period, workgroup, principal, count(*) AS queries, sum(bytes_scanned) AS bytes_scanned,
                           sum(billed_bytes) AS billed_bytes, sum(cost) AS cost, currency, 0 AS total_row
                    FROM system.billing.usage
                    WHERE usage_date >= DATE '2026-12-01'
                    GROUP BY 1, 2, 3, currency
                    UNION ALL
                    SELECT 'total', '', '', count(*), sum(bytes_scanned), sum(billed_bytes), sum(cost), currency, 1
                    FROM system.billing.usage
                    WHERE usage_date >= DATE '2026-12-01'
                    GROUP BY currency
                )
                ORDER BY total_row, period, workgroup, principal, currency""");
    }
}
