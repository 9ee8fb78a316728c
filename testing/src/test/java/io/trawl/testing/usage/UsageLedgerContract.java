package io.trawl.testing.usage;

import io.trawl.billing.ChargingRules;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.StatementType;
import io.trawl.billing.ledger.LedgerWrite;
import io.trawl.billing.ledger.UsageDates;
import io.trawl.billing.ledger.UsageLedger;
import io.trawl.billing.ledger.UsageRecord;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.ddl.LocationValidator;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.usage.ObjectStoreLedgerStorage;
import io.trawl.scan.usage.UsageSystemTables;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The usage ledger on a real object store (local disk, the in-process S3 server), and the same files read with SQL as
 * {@code system.billing.usage}. Subclasses supply the store and a fresh meta location per test.
 */
abstract class UsageLedgerContract
{
    @TempDir
    Path catalogDirectory;

    /** A new client of the same storage, as a restarted process would have. */
    abstract ObjectStore newStore();

    /** The meta location of this test, empty. */
    abstract URI metaLocation();

    private UsageLedger ledger(ObjectStore store)
    {
        return new UsageLedger(new ObjectStoreLedgerStorage(store, metaLocation()));
    }

    static UsageRecord record(String queryId, String workGroup, String principal, String start, long bytesScanned)
    {
        Instant startTime = Instant.parse(start);
        return UsageRecord.of(queryId, workGroup, principal, StatementType.QUERY, QueryOutcome.SUCCEEDED,
                ChargingRules.charge(StatementType.QUERY, QueryOutcome.SUCCEEDED, bytesScanned, PricingPolicy.defaults()),
                startTime, startTime.plusMillis(2345));
    }

    @Test
    void sameRecordWrittenTwiceIsOneFile()
            throws IOException
    {
        ObjectStore store = newStore();
        UsageRecord usage = record("q-twice", "primary", "alice", "2026-12-05T10:00:00.123Z", 1000);
        assertThat(ledger(store).record(usage)).isInstanceOf(LedgerWrite.Recorded.class);
        assertThat(ledger(store).record(usage)).as("the retry").isInstanceOf(LedgerWrite.AlreadyRecorded.class);

        assertThat(store.list(metaLocation().resolve("usage/")).stream().map(object -> object.location().getPath().substring(metaLocation().getPath().length())).toList())
                .as("one object at usage/yyyy/mm/dd/<id>.avro").containsExactly("usage/2026/12/05/q-twice.avro");
        assertThat(ledger(store).read(UsageDates.all())).containsExactly(usage);
    }

    @Test
    void concurrentWritersOfTheSameRecordLeaveOneEntry()
            throws Exception
    {
        UsageRecord usage = record("q-concurrent", "primary", "alice", "2026-12-05T10:00:00Z", 1000);
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<LedgerWrite> writes = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(writers)) {
            List<Future<LedgerWrite>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                // each writer its own client, as duplicated workers or coordinators would be
                UsageLedger ledger = ledger(newStore());
                futures.add(executor.submit(() -> {
                    start.await();
                    return ledger.record(usage);
                }));
            }
            start.countDown();
            for (Future<LedgerWrite> future : futures) {
                writes.add(future.get());
            }
        }
        assertThat(writes.stream().filter(LedgerWrite.Recorded.class::isInstance).count()).as("exactly one write created it: %s", writes).isEqualTo(1);
        assertThat(writes).as("the others found the same record").allMatch(write -> write instanceof LedgerWrite.Recorded || write instanceof LedgerWrite.AlreadyRecorded);
        assertThat(ledger(newStore()).read(UsageDates.all())).containsExactly(usage);
    }

    @Test
    void recordWrittenAgainAfterARestartIsOneEntry()
            throws IOException
    {
        UsageRecord usage = record("q-restart", "primary", "alice", "2026-12-05T10:00:00Z", 1000);
        assertThat(ledger(newStore()).record(usage)).isInstanceOf(LedgerWrite.Recorded.class);

        // the restarted coordinator rebuilds the record from the query's execution record and writes it again
        UsageRecord rebuilt = record("q-restart", "primary", "alice", "2026-12-05T10:00:00Z", 1000);
        assertThat(ledger(newStore()).record(rebuilt)).isEqualTo(new LedgerWrite.AlreadyRecorded(rebuilt));
        assertThat(ledger(newStore()).read(UsageDates.all())).containsExactly(usage);
    }

    @Test
    void differentRecordForTheSameQueryIsRefusedAndTheFirstStays()
            throws IOException
    {
        UsageRecord first = record("q-conflict", "primary", "alice", "2026-12-05T10:00:00Z", 1000);
        UsageRecord second = record("q-conflict", "primary", "alice", "2026-12-05T10:00:00Z", 50L << 20);
        ledger(newStore()).record(first);

        assertThat(ledger(newStore()).record(second)).isEqualTo(new LedgerWrite.Conflict(first, second));
        assertThat(ledger(newStore()).read(UsageDates.all())).as("not overwritten").containsExactly(first);
    }

    @Test
    void readingByDatesReturnsTheRecordsOfThoseDays()
            throws IOException
    {
        UsageLedger ledger = ledger(newStore());
        List<UsageRecord> records = List.of(
                record("q-a", "primary", "alice", "2026-11-30T23:59:59.999Z", 1),
                record("q-b", "primary", "bob", "2026-12-01T00:00:00Z", 2),
                record("q-c", "analysts", "alice", "2026-12-02T08:00:00Z", 3),
                record("q-d", "analysts", "carol", "2027-01-01T00:00:00Z", 4));
        for (UsageRecord usage : records) {
            ledger.record(usage);
        }
        assertThat(ledger.read(UsageDates.between(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)))).containsExactly(records.get(1), records.get(2));
        assertThat(ledger.read(UsageDates.between(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30)))).containsExactly(records.get(0));
        assertThat(ledger.read(UsageDates.all())).containsExactlyElementsOf(records);
    }

    @Test
    void usageTableReadsTheLedgerFilesWithSql()
            throws IOException
    {
        UsageLedger ledger = ledger(newStore());
        List<UsageRecord> records = List.of(
                record("q-1", "primary", "alice", "2026-12-05T10:00:00.123Z", 0),
                record("q-2", "primary", "alice", "2026-12-05T11:00:00Z", 10L << 20),
                record("q-3", "primary", "bob", "2026-12-06T09:30:00Z", (10L << 20) + 1),
                record("q-4", "analysts", "carol", "2026-12-06T23:59:59.999Z", 3L << 40));
        for (UsageRecord usage : records) {
            ledger.record(usage);
        }
        QueryEngine engine = engine();

        QueryResult rows = engine.execute("""
                SELECT query_id, workgroup, principal, statement_type, outcome, bytes_scanned, billed_bytes, cost, currency, price_version,
                       start_time, end_time, usage_date
                FROM system.billing.usage ORDER BY query_id""", Session.defaults());
        List<List<Object>> expected = new ArrayList<>();
        for (UsageRecord usage : records) {
            expected.add(List.of(usage.queryId(), usage.workGroup(), usage.principal(), usage.statementType().name(), usage.outcome().name(),
                    usage.bytesScanned(), usage.billedBytes(), usage.cost(), usage.currency(), usage.priceVersion(),
                    sqlTimestamp(usage.startTime()), sqlTimestamp(usage.endTime()), usage.usageDate()));
        }
        List<List<Object>> actual = TrawlRows.toRows(rows).stream().map(row -> {
            List<Object> text = new ArrayList<>(row);
            text.set(10, String.valueOf(row.get(10)));
            text.set(11, String.valueOf(row.get(11)));
            return (List<Object>) text;
        }).toList();
        assertThat(actual).as("every column of every record, exactly").isEqualTo(expected);
        assertThat(rows.bytesScanned()).as("the scan path meters the ledger files like any table; the caller decides that system tables are not billed").isPositive();

        QueryResult sums = engine.execute("SELECT workgroup, count(*), sum(bytes_scanned), sum(billed_bytes), sum(cost) FROM system.billing.usage GROUP BY 1 ORDER BY 1", Session.defaults());
        assertThat(TrawlRows.toRows(sums)).isEqualTo(List.of(
                List.of("analysts", 1L, 3L << 40, 3L << 40, new BigDecimal("15.0000000000")),
                List.of("primary", 3L, (20L << 20) + 1, 31L << 20, records.get(0).cost().add(records.get(1).cost()).add(records.get(2).cost()))));

        QueryResult filtered = engine.execute("SELECT count(*), sum(cost) FROM system.billing.usage WHERE usage_date = DATE '2026-12-06' AND start_time < TIMESTAMP '2026-12-06 23:59:59.999'", Session.defaults());
        assertThat(TrawlRows.toRows(filtered)).isEqualTo(List.of(List.of(1L, records.get(2).cost())));
    }

    @Test
    void usageTableOfAnEmptyLedgerIsEmpty()
    {
        QueryResult result = engine().execute("SELECT count(*), sum(cost) FROM system.billing.usage", Session.defaults());
        assertThat(TrawlRows.toRows(result)).isEqualTo(java.util.Arrays.asList(java.util.Arrays.asList(0L, null)));
    }

    @Test
    void otherSystemTablesDoNotExistAndOtherCatalogNamesReachTheCatalog()
    {
        QueryEngine engine = engine();
        assertThatThrownBy(() -> engine.execute("SELECT * FROM system.billing.nope", Session.defaults()))
                .isInstanceOf(TrawlException.class)
                .hasMessageContaining("Table 'system.billing.nope' does not exist")
                .extracting(e -> ((TrawlException) e).errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
        assertThatThrownBy(() -> engine.execute("SELECT * FROM billing.usage", Session.defaults()))
                .as("two parts name the catalog's databases, not the system catalog")
                .isInstanceOf(TrawlException.class).hasMessageContaining("Table 'billing.usage' does not exist");
        engine.execute("CREATE DATABASE shop", Session.defaults());
        engine.execute("CREATE VIEW shop.one AS SELECT 1 AS x", Session.defaults());
        assertThat(TrawlRows.toRows(engine.execute("SELECT x FROM awsdatacatalog.shop.one", Session.defaults()))).as("Athena's catalog name").isEqualTo(List.of(List.of(1L)));
    }

    /** Trino's text of a timestamp(3) value, which is UTC here: the ledger writes instants as UTC timestamp-millis. */
    private static String sqlTimestamp(Instant instant)
    {
        return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS"));
    }

    private QueryEngine engine()
    {
        ObjectStore store = newStore();
        return new QueryEngine(new LocalCatalogStore(catalogDirectory), new UsageSystemTables(metaLocation()), LakeScanProvider.create(store), EngineConfig.defaults(),
                LocationValidator.localFiles(), Set.of());
    }
}
