package io.trawl.billing.ledger;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.trawl.billing.ledger.UsageRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageLedgerTest
{
    private final InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    private final UsageLedger ledger = new UsageLedger(storage);

    @Test
    void recordGoesToTheDayTheQueryStarted()
            throws IOException
    {
        UsageRecord usage = record("q-1", "2026-12-05T23:59:59.900Z", 100);
        assertThat(ledger.record(usage)).isEqualTo(new LedgerWrite.Recorded(usage));
        assertThat(storage.keys()).containsExactly("2026/12/05/q-1.avro");
        assertThat(ledger.find("q-1", LocalDate.of(2026, 12, 5))).contains(usage);
    }

    @Test
    void sameRecordWrittenTwiceIsOneEntry()
            throws IOException
    {
        UsageRecord usage = record("q-1", "2026-12-05T10:00:00Z", 100);
        ledger.record(usage);
        assertThat(ledger.record(usage)).as("the retry").isEqualTo(new LedgerWrite.AlreadyRecorded(usage));
        assertThat(ledger.read(UsageDates.all())).containsExactly(usage);
    }

    @Test
    void recordWrittenAgainAfterARestartIsOneEntry()
            throws IOException
    {
        UsageRecord usage = record("q-1", "2026-12-05T10:00:00Z", 100);
        ledger.record(usage);
        UsageLedger restarted = new UsageLedger(storage);
        assertThat(restarted.record(record("q-1", "2026-12-05T10:00:00Z", 100))).isInstanceOf(LedgerWrite.AlreadyRecorded.class);
        assertThat(restarted.read(UsageDates.all())).containsExactly(usage);
    }

    @Test
    void concurrentWritersOfTheSameRecordWriteItOnce()
            throws Exception
    {
        UsageRecord usage = record("q-1", "2026-12-05T10:00:00Z", 100);
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<LedgerWrite>> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            tasks.add(() -> {
                start.await();
                return new UsageLedger(storage).record(usage);
            });
        }
        List<LedgerWrite> writes = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(writers)) {
            List<Future<LedgerWrite>> futures = new ArrayList<>();
            for (Callable<LedgerWrite> task : tasks) {
                futures.add(executor.submit(task));
            }
            start.countDown();
            for (Future<LedgerWrite> future : futures) {
                writes.add(future.get());
            }
        }
        assertThat(writes.stream().filter(LedgerWrite.Recorded.class::isInstance).count()).as("exactly one writer wrote it").isEqualTo(1);
        assertThat(writes.stream().filter(LedgerWrite.AlreadyRecorded.class::isInstance).count()).as("the others found it").isEqualTo(writers - 1);
        assertThat(ledger.read(UsageDates.all())).containsExactly(usage);
    }

    @Test
    void differentRecordForTheSameQueryIsRefusedAndTheFirstKept()
            throws IOException
    {
        UsageRecord first = record("q-1", "2026-12-05T10:00:00Z", 100);
        UsageRecord second = record("q-1", "2026-12-05T10:00:00Z", 20L << 20);
        ledger.record(first);

        LedgerWrite write = ledger.record(second);

        assertThat(write).isEqualTo(new LedgerWrite.Conflict(first, second));
        assertThat(((LedgerWrite.Conflict) write).message()).startsWith("Usage record for query q-1 already exists and differs");
        assertThat(ledger.read(UsageDates.all())).as("never overwritten").containsExactly(first);
    }

    @Test
    void readingADateRangeListsOnlyItsDaysMonthsAndYears()
            throws IOException
    {
        UsageRecord before = record("a", "2026-11-30T23:59:59Z", 1);
        UsageRecord first = record("b", "2026-12-01T00:00:00Z", 2);
        UsageRecord middle = record("c", "2026-12-03T12:00:00Z", 3);
        UsageRecord last = record("d", "2026-12-04T23:00:00Z", 4);
        UsageRecord after = record("e", "2026-12-05T00:00:00Z", 5);
        for (UsageRecord usage : List.of(after, middle, before, last, first)) {
            ledger.record(usage);
        }

        assertThat(ledger.read(UsageDates.between(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 4))))
                .as("in day order").containsExactly(first, middle, last);
        assertThat(storage.listedPrefixes()).as("four day folders listed, nothing else")
                .containsExactly("2026/12/01/", "2026/12/02/", "2026/12/03/", "2026/12/04/");
        assertThat(ledger.read(UsageDates.all())).containsExactly(before, first, middle, last, after);
    }

    @Test
    void prefixesAreCoarseWhereTheRangeCoversWholeMonthsAndYears()
    {
        assertThat(UsageLedger.prefixes(UsageDates.between(LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 5)))).containsExactly("2026/12/05/");
        assertThat(UsageLedger.prefixes(UsageDates.between(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)))).containsExactly("2026/12/");
        assertThat(UsageLedger.prefixes(UsageDates.between(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 30))))
                .as("most of a month: the month, filtered").containsExactly("2026/12/");
        assertThat(UsageLedger.prefixes(UsageDates.between(LocalDate.of(2025, 12, 30), LocalDate.of(2028, 2, 2)))).containsExactly(
                "2025/12/30/", "2025/12/31/", "2026/", "2027/", "2028/01/", "2028/02/01/", "2028/02/02/");
        assertThat(UsageLedger.prefixes(UsageDates.all())).as("open range: everything").containsExactly("");
        assertThat(UsageLedger.prefixes(new UsageDates(java.util.Optional.of(LocalDate.of(2026, 1, 1)), java.util.Optional.empty()))).containsExactly("");
    }

    @Test
    void readSkipsKeysThatAreNotRecordsAndFailsOnACorruptRecord()
            throws IOException
    {
        UsageRecord usage = record("q-1", "2026-12-05T10:00:00Z", 100);
        ledger.record(usage);
        storage.put("2026/12/05/.q-2.avro.1234.tmp", new byte[] {1});
        storage.put("README", new byte[] {1});
        assertThat(ledger.read(UsageDates.all())).containsExactly(usage);

        storage.put("2026/12/05/q-3.avro", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ledger.read(UsageDates.all())).isInstanceOf(IOException.class).hasMessageStartingWith("Usage record 2026/12/05/q-3.avro is not readable");
    }

    @Test
    void recordUnderTheWrongKeyIsCorrupt()
    {
        storage.put("2026/12/06/q-1.avro", UsageRecordFormat.encode(record("q-1", "2026-12-05T10:00:00Z", 100)));
        assertThatThrownBy(() -> ledger.read(UsageDates.all())).isInstanceOf(IOException.class).hasMessageContaining("belongs at 2026/12/05/q-1.avro");
    }
}
