package io.trawl.api.embedded;

import io.trawl.billing.BillingConfig;
import io.trawl.billing.ByteUnit;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.ledger.UsageDates;
import io.trawl.billing.ledger.UsageRecord;
import io.trawl.api.embedded.StatementRun;
import io.trawl.testing.time.TestClock;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.s3.S3Config;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded engine bills what it runs: each billed statement is one ledger record whose numbers are the
 * statement's own statistics, and {@code system.billing.usage} adds them up exactly.
 */
class EmbeddedBillingTest
{
    private static final long MIB = 1L << 20;
    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path temporary;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T08:00:00Z"));
    private final Session session = Session.defaults();
    private Path small;
    private Path big;

    @BeforeEach
    void writeTables()
            throws IOException
    {
        small = Files.createDirectories(temporary.resolve("data").resolve("small"));
        Files.writeString(small.resolve("part-0.csv"), "1,alice,10.50\n2,bob,\\N\n3,carol,7.25\n");
        // over 10 MB, so its queries are billed more than the minimum, rounded up to the MB
        big = Files.createDirectories(temporary.resolve("data").resolve("big"));
        try (BufferedWriter writer = Files.newBufferedWriter(big.resolve("part-0.csv"))) {
            for (int i = 0; i < 450_000; i++) {
                writer.write(i + ",name" + i + "," + (i % 10_000) + "." + (i % 100) / 10 + (i % 10) + "\n");
            }
        }
    }

    private EmbeddedTrawl open(BillingConfig prices)
    {
        EmbeddedTrawl trawl = EmbeddedTrawl.open(temporary.resolve("home"), S3Config.defaults(), Optional.empty(), new BillingSettings(prices, "primary", clock));
        trawl.execute("CREATE DATABASE IF NOT EXISTS shop", session);
        trawl.execute("CREATE EXTERNAL TABLE IF NOT EXISTS shop.small (id int, name string, amount decimal(10,2)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '%s'"
                .formatted(small.toUri()), session);
        trawl.execute("CREATE EXTERNAL TABLE IF NOT EXISTS shop.big (id int, name string, amount decimal(10,2)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '%s'"
                .formatted(big.toUri()), session);
        return trawl;
    }

    @Test
    void usageTableSumsAreThePerQueryStatistics()
            throws IOException
    {
        EmbeddedTrawl trawl = open(BillingConfig.defaults());
        long bigBytes = Files.size(big.resolve("part-0.csv"));
        assertThat(bigBytes).as("the big table is over 10 MB").isGreaterThan(10 * MIB);

        List<StatementRun> runs = new ArrayList<>();
        runs.add(trawl.run("SELECT count(*) FROM shop.small", session));
        clock.set(Instant.parse("2026-12-05T09:00:00Z"));
        runs.add(trawl.run("SELECT count(*), sum(amount) FROM shop.big", session));
        runs.add(trawl.run("SELECT s.name, count(*) FROM shop.small s JOIN shop.big b ON b.id = s.id GROUP BY 1", session));
        clock.set(Instant.parse("2026-12-06T09:00:00Z"));
        runs.add(trawl.run("EXPLAIN ANALYZE SELECT count(*) FROM shop.big WHERE id < 10", session));
        List<StatementRun> free = List.of(
                trawl.run("EXPLAIN SELECT count(*) FROM shop.big", session),
                trawl.run("CREATE VIEW shop.names AS SELECT name FROM shop.small", session),
                trawl.run("SHOW TABLES IN shop", session),
                trawl.run("SELECT count(*) FROM system.billing.usage", session));
        assertThatThrownBy(() -> trawl.run("SELECT nope FROM shop.small", session)).as("failed: free, not recorded").isInstanceOf(TrawlException.class);

        assertThat(free).as("EXPLAIN, DDL and system-table reads are free").allMatch(run -> !run.charge().billable());
        assertThat(runs).as("queries that read data are billed").allMatch(run -> run.charge().billable());
        assertThat(runs.get(1).result().bytesScanned()).as("a full scan reads the whole file").isEqualTo(bigBytes);
        assertThat(runs.get(1).charge().billedBytes()).as("rounded up to the MB").isEqualTo(Math.ceilDiv(bigBytes, MIB) * MIB);

        // every billed statement is one record whose numbers are its own statistics
        List<List<Object>> expected = new ArrayList<>();
        runs.stream().sorted(Comparator.comparing(StatementRun::queryId)).forEach(run -> expected.add(List.of(
                run.queryId(), "primary", USER, run.result().bytesScanned(), run.charge().billedBytes(), run.charge().cost(), "USD", "USD-5-binary", "SUCCEEDED")));
        QueryResult records = trawl.execute("SELECT query_id, workgroup, principal, bytes_scanned, billed_bytes, cost, currency, price_version, outcome "
                + "FROM system.billing.usage ORDER BY query_id", session);
        assertThat(TrawlRows.toRows(records)).isEqualTo(expected);

        QueryResult types = trawl.execute("SELECT statement_type, usage_date, count(*) FROM system.billing.usage GROUP BY 1, 2 ORDER BY 1, 2", session);
        assertThat(TrawlRows.toRows(types)).isEqualTo(List.of(
                List.of("EXPLAIN_ANALYZE", LocalDate.of(2026, 12, 6), 1L),
                List.of("QUERY", LocalDate.of(2026, 12, 5), 3L)));

        QueryResult totals = trawl.execute("SELECT count(*), sum(bytes_scanned), sum(billed_bytes), sum(cost) FROM system.billing.usage", session);
        assertThat(TrawlRows.toRows(totals)).as("the table's sums are the statements' sums").isEqualTo(List.of(List.of(
                (long) runs.size(),
                runs.stream().mapToLong(run -> run.result().bytesScanned()).sum(),
                runs.stream().mapToLong(run -> run.charge().billedBytes()).sum(),
                runs.stream().map(run -> run.charge().cost()).reduce(BigDecimal.ZERO, BigDecimal::add))));

        List<UsageRecord> ledger = trawl.ledger().read(UsageDates.all());
        assertThat(ledger).as("the ledger read back directly").hasSize(runs.size());
        assertThat(trawl.ledger().read(UsageDates.between(LocalDate.of(2026, 12, 6), LocalDate.of(2026, 12, 6))))
                .extracting(UsageRecord::queryId).containsExactly(runs.get(3).queryId());
    }

    @Test
    void statementJoiningTheUsageTableWithLakeDataIsBilledForTheLakeBytesOnly()
    {
        EmbeddedTrawl trawl = open(BillingConfig.defaults());
        trawl.run("SELECT count(*) FROM shop.small", session);

        StatementRun run = trawl.run("SELECT count(*) FROM shop.small CROSS JOIN (SELECT count(*) AS n FROM system.billing.usage)", session);

        assertThat(run.result().bytesScanned()).as("read the small file and one ledger file").isGreaterThan(36);
        assertThat(run.charge().bytesScanned()).as("billed: the lake's 36 bytes").isEqualTo(36);
        assertThat(run.charge().billable()).isTrue();
    }

    @Test
    void statementCancelledByItsCutoffFailsAndIsBilledForWhatItRead()
            throws IOException
    {
        EmbeddedTrawl trawl = open(BillingConfig.defaults());
        QueryControl control = QueryControl.withCutoff(MIB);

        assertThatThrownBy(() -> trawl.run("SELECT count(*), sum(amount) FROM shop.big", session, control))
                .isInstanceOf(TrawlException.class)
                .hasMessage(QueryControl.SCAN_LIMIT_MESSAGE);

        long read = control.bytesScanned();
        assertThat(read).as("read past the cutoff before stopping").isGreaterThan(MIB);
        UsageRecord record = trawl.ledger().find(control.queryId(), LocalDate.of(2026, 12, 5)).orElseThrow();
        assertThat(record.outcome()).isEqualTo(io.trawl.billing.QueryOutcome.CANCELLED);
        assertThat(record.bytesScanned()).as("billed for the bytes read before the cancel").isEqualTo(read);
        assertThat(record.billedBytes()).as("with the usual rounding and minimum").isEqualTo(Math.max(10 * MIB, Math.ceilDiv(read, MIB) * MIB));
        assertThat(record.cost()).isEqualTo(PricingPolicy.defaults().cost(read));
    }

    @Test
    void recordsSayWhichPriceTheyPaid()
            throws IOException
    {
        BillingConfig prices = BillingConfig.fromProperties(Map.of(
                "billing.price-per-tb", "6.25", "billing.currency", "EUR", "billing.unit", "decimal", "billing.price-version", "2027-01"));
        EmbeddedTrawl trawl = open(prices);

        StatementRun run = trawl.run("SELECT count(*) FROM shop.big", session);

        long bytes = Files.size(big.resolve("part-0.csv"));
        long billed = Math.ceilDiv(bytes, 1_000_000L) * 1_000_000L;
        assertThat(run.charge().policy()).isEqualTo(new PricingPolicy(new BigDecimal("6.25"), "EUR", ByteUnit.DECIMAL, "2027-01"));
        assertThat(run.charge().billedBytes()).as("decimal megabytes").isEqualTo(billed);
        QueryResult record = trawl.execute("SELECT billed_bytes, cost, currency, price_version FROM system.billing.usage", session);
        assertThat(TrawlRows.toRows(record)).isEqualTo(List.of(List.of(billed,
                new BigDecimal(billed).multiply(new BigDecimal("6.25")).divide(new BigDecimal(1_000_000_000_000L)).setScale(10), "EUR", "2027-01")));
    }

    @Test
    void pricesComeFromTheEnvironment()
    {
        BillingSettings settings = BillingSettings.fromEnvironment(Map.of("TRAWL_PRICE_PER_TB", "7", "TRAWL_PRICE_UNIT", "decimal", "HOME", "/x"));
        assertThat(settings.prices().policyFor("primary")).isEqualTo(new PricingPolicy(new BigDecimal("7"), "USD", ByteUnit.DECIMAL, "USD-7-decimal"));
        assertThat(settings.workGroup()).isEqualTo("primary");
        assertThatThrownBy(() -> BillingSettings.fromEnvironment(Map.of("TRAWL_PRICE_UNIT", "octal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("TRAWL_PRICE_UNIT: invalid value 'octal'");
    }
}
