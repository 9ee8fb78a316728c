package io.trawl.bench;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Q6's scan rate from one source: compressed bytes scanned per timed run, the runs' wall times, and the cores
 * the process may use. Throughput is bytes over the median run's wall time, in MB (10^6 bytes) per second.
 * {@code cpuMillis} is the CPU time the whole process (the in-process S3 server included) spent in the timed
 * runs: on a machine shared with other work, MB per CPU-second moves less than MB/s of wall time.
 */
record ScanThroughput(String source, long bytesScanned, List<Long> wallMillis, long cpuMillis, int cores, boolean sameAnswerAsLocal)
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

    /** MB scanned per second of this process's CPU time over all timed runs. */
    double megabytesPerCpuSecond()
    {
        return bytesScanned * (double) wallMillis.size() / 1e6 / (Math.max(1, cpuMillis) / 1000.0);
    }

    static String format(List<ScanThroughput> results)
    {
        String row = "%-34s %15s %10s %-34s %8s %13s %12s  %s%n";
        StringBuilder report = new StringBuilder();
        report.append(row.formatted("source", "bytes/run", "median ms", "runs ms", "MB/s", "MB/s per core", "MB/CPU-s", "answer"));
        for (ScanThroughput result : results) {
            report.append(row.formatted(result.source(), result.bytesScanned(), result.medianMillis(), result.wallMillis().toString(),
                    String.format(Locale.ROOT, "%.1f", result.megabytesPerSecond()),
                    String.format(Locale.ROOT, "%.1f", result.megabytesPerSecondPerCore()),
                    String.format(Locale.ROOT, "%.1f", result.megabytesPerCpuSecond()),
                    result.sameAnswerAsLocal() ? "same as local" : "DIFFERS from local"));
        }
        return report.toString();
    }
}
