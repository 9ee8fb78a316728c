package io.trawl.bench;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Q6's scan rate from one source: compressed bytes scanned per timed run, the runs' wall times, and the cores
 * the process may use. Throughput is bytes over the median run's wall time, in MB (10^6 bytes) per second.
 */
record ScanThroughput(String source, long bytesScanned, List<Long> wallMillis, int cores, boolean sameAnswerAsLocal)
{
    ScanThroughput
    {
        requireNonNull(source, "source is null");
        wallMillis = List.copyOf(requireNonNull(wallMillis, "wallMillis is null"));
        if (wallMillis.isEmpty()) {
            throw new IllegalArgumentException("no timed runs");
        }
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1: " + cores);
        }
    }

    long medianMillis()
    {
        return QueryOutcome.median(wallMillis).orElseThrow();
    }

    double megabytesPerSecond()
    {
        return bytesScanned / 1e6 / (Math.max(1, medianMillis()) / 1000.0);
    }

    double megabytesPerSecondPerCore()
    {
        return megabytesPerSecond() / cores;
    }

    static String format(List<ScanThroughput> results)
    {
        String row = "%-34s %15s %12s %-22s %9s %13s  %s%n";
        StringBuilder report = new StringBuilder();
        report.append(row.formatted("source", "bytes scanned", "median ms", "runs ms", "MB/s", "MB/s per core", "answer"));
        for (ScanThroughput result : results) {
            report.append(row.formatted(result.source(), result.bytesScanned(), result.medianMillis(), result.wallMillis().toString(),
                    String.format(Locale.ROOT, "%.1f", result.megabytesPerSecond()),
                    String.format(Locale.ROOT, "%.1f", result.megabytesPerSecondPerCore()),
                    result.sameAnswerAsLocal() ? "same as local" : "DIFFERS from local"));
        }
        return report.toString();
    }
}
