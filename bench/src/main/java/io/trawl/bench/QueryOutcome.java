package io.trawl.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the benchmark measured for one query: Trawl's timed runs and bytes scanned, DuckDB's timed runs
 * (empty when not compared), and whether Trawl's answer matched DuckDB's.
 */
record QueryOutcome(int query, Status status, List<Long> trawlMillis, long bytesScanned, List<Long> duckDbMillis, Optional<String> detail)
{
    enum Status
    {
        /** Answer matches DuckDB's on the same files. */
        OK,
        /** Answer differs from DuckDB's. */
        WRONG,
        /** The query failed in Trawl (or in DuckDB). */
        FAILED
    }

    QueryOutcome
    {
        requireNonNull(status, "status is null");
        trawlMillis = List.copyOf(requireNonNull(trawlMillis, "trawlMillis is null"));
        duckDbMillis = List.copyOf(requireNonNull(duckDbMillis, "duckDbMillis is null"));
        requireNonNull(detail, "detail is null");
    }

    static QueryOutcome failed(int query, String detail)
    {
        return new QueryOutcome(query, Status.FAILED, List.of(), 0, List.of(), Optional.of(detail));
    }

    Optional<Long> trawlMedianMillis()
    {
        return median(trawlMillis);
    }

    Optional<Long> duckDbMedianMillis()
    {
        return median(duckDbMillis);
    }

    /** The middle run; with an even count, the mean of the two middle runs, rounded down. */
    static Optional<Long> median(List<Long> values)
    {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return Optional.of(sorted[middle]);
        }
        return Optional.of((sorted[middle - 1] + sorted[middle]) / 2);
    }
}
