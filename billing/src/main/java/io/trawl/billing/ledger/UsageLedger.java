package io.trawl.billing.ledger;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The usage ledger: one immutable Avro file per billed query at {@code yyyy/mm/dd/<queryId>.avro} (the UTC day the
 * query started) under the ledger's root, {@code <meta>/usage/} (design.md §5).
 *
 * <p>Exactly once: the key is a function of the record's query id and start, and a record is written with
 * create-if-absent, so a retried write, a duplicated worker result or a coordinator restart that writes the same
 * record again finds it there and bills nothing more. A different record for the same query id is refused
 * ({@link LedgerWrite.Conflict}) and the existing one is never overwritten.
 *
 * <p>Reading by dates lists only the folders of those days (whole months or years when the range covers them), so
 * a month's report does not list the ledger's whole history.
 */
public final class UsageLedger
{
    private static final String SUFFIX = ".avro";
    private static final Pattern KEY = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})/([A-Za-z0-9][A-Za-z0-9_-]*)\\.avro");
    /** A partly covered month whose range spans more days than this is listed whole, then filtered. */
    private static final int MAX_DAY_PREFIXES_PER_MONTH = 7;

    private final LedgerStorage storage;

    public UsageLedger(LedgerStorage storage)
    {
        this.storage = requireNonNull(storage, "storage is null");
    }

    /** Where a record lives, relative to the ledger's root. */
    public static String key(UsageRecord record)
    {
        return dayPrefix(record.usageDate()) + record.queryId() + SUFFIX;
    }

    /**
     * Writes the record unless the ledger has it already.
     *
     * @return {@link LedgerWrite.Recorded} when this call wrote it, {@link LedgerWrite.AlreadyRecorded} when the same
     * record was there, {@link LedgerWrite.Conflict} when a different record for the query was there (left unchanged)
     * @throws IOException when the storage fails, or what is stored under the key is not a usage record
     */
    public LedgerWrite record(UsageRecord record)
            throws IOException
    {
        requireNonNull(record, "record is null");
        String key = key(record);
        if (storage.createIfAbsent(key, UsageRecordFormat.encode(record))) {
            return new LedgerWrite.Recorded(record);
        }
        byte[] existingBytes = storage.read(key).orElseThrow(() -> new IOException("Usage record %s was reported to exist but cannot be read".formatted(key)));
        UsageRecord existing = single(key, existingBytes);
        return existing.equals(record) ? new LedgerWrite.AlreadyRecorded(record) : new LedgerWrite.Conflict(existing, record);
    }

    /** The record of a query, if the ledger has one for that start day. */
    public Optional<UsageRecord> find(String queryId, LocalDate usageDate)
            throws IOException
    {
        String key = dayPrefix(usageDate) + queryId + SUFFIX;
        Optional<byte[]> content = storage.read(key);
        return content.isEmpty() ? Optional.empty() : Optional.of(single(key, content.get()));
    }

    /** Every record of the days in {@code dates}, in key order (day, then query id). */
    public List<UsageRecord> read(UsageDates dates)
            throws IOException
    {
        requireNonNull(dates, "dates is null");
        List<UsageRecord> records = new ArrayList<>();
        for (String prefix : prefixes(dates)) {
            for (String key : storage.list(prefix)) {
                Matcher matcher = KEY.matcher(key);
                // anything else under the root (a writer's temporary file, a stray object) is not a record
                if (!matcher.matches()) {
                    continue;
                }
                LocalDate day = LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
                if (!dates.contains(day)) {
                    continue;
                }
                Optional<byte[]> content = storage.read(key);
                if (content.isPresent()) {
                    records.add(single(key, content.get()));
                }
            }
        }
        return List.copyOf(records);
    }

    /**
     * The fewest prefixes, coarse where the range covers whole years or months, that hold every day of {@code dates};
     * an open range is the whole ledger.
     */
    static List<String> prefixes(UsageDates dates)
    {
        if (dates.since().isEmpty() || dates.until().isEmpty()) {
            return List.of("");
        }
        LocalDate since = dates.since().get();
        LocalDate until = dates.until().get();
        List<String> prefixes = new ArrayList<>();
        for (int year = since.getYear(); year <= until.getYear(); year++) {
            if (!LocalDate.of(year, 1, 1).isBefore(since) && !LocalDate.of(year, 12, 31).isAfter(until)) {
                prefixes.add("%04d/".formatted(year));
                continue;
            }
            for (int month = 1; month <= 12; month++) {
                YearMonth yearMonth = YearMonth.of(year, month);
                LocalDate first = max(yearMonth.atDay(1), since);
                LocalDate last = min(yearMonth.atEndOfMonth(), until);
                if (last.isBefore(first)) {
                    continue;
                }
                boolean wholeMonth = first.getDayOfMonth() == 1 && last.equals(yearMonth.atEndOfMonth());
                if (wholeMonth || last.getDayOfMonth() - first.getDayOfMonth() + 1 > MAX_DAY_PREFIXES_PER_MONTH) {
                    prefixes.add("%04d/%02d/".formatted(year, month));
                    continue;
                }
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    prefixes.add(dayPrefix(day));
                }
            }
        }
        return List.copyOf(prefixes);
    }

    private static UsageRecord single(String key, byte[] content)
            throws IOException
    {
        List<UsageRecord> records;
        try {
            records = UsageRecordFormat.decode(content);
        }
        catch (IOException e) {
            throw new IOException("Usage record %s is not readable: %s".formatted(key, e.getMessage()), e);
        }
        if (records.size() != 1) {
            throw new IOException("Usage record %s holds %d records, not 1".formatted(key, records.size()));
        }
        UsageRecord record = records.getFirst();
        if (!key(record).equals(key)) {
            throw new IOException("Usage record %s holds the record of query %s started %s, which belongs at %s".formatted(key, record.queryId(), record.startTime(), key(record)));
        }
        return record;
    }

    private static String dayPrefix(LocalDate day)
    {
        return "%04d/%02d/%02d/".formatted(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    private static LocalDate max(LocalDate a, LocalDate b)
    {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b)
    {
        return a.isBefore(b) ? a : b;
    }
}
