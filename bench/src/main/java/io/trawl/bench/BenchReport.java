package io.trawl.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark's table: per query the median time, bytes scanned, DuckDB's median time and the ratio
 * (Trawl / DuckDB, so above 1 means Trawl is slower), then totals over the queries that ran in both, and the
 * details of wrong or failed queries.
 */
final class BenchReport
{
    private BenchReport() {}

    static String format(List<QueryOutcome> outcomes, boolean comparedWithDuckDb)
    {
        StringBuilder report = new StringBuilder();
        if (comparedWithDuckDb) {
            report.append("%-6s %12s %14s %12s %8s  %s%n".formatted("query", "trawl ms", "bytes scanned", "duckdb ms", "ratio", "result"));
        }
        else {
            report.append("%-6s %12s %14s  %s%n".formatted("query", "trawl ms", "bytes scanned", "result"));
        }
        long totalTrawl = 0;
        long totalDuckDb = 0;
        long totalBytes = 0;
        for (QueryOutcome outcome : outcomes) {
            Optional<Long> trawl = outcome.trawlMedianMillis();
            Optional<Long> duckDb = outcome.duckDbMedianMillis();
            String name = "Q%02d".formatted(outcome.query());
            String trawlText = trawl.map(String::valueOf).orElse("-");
            String bytesText = outcome.status() == QueryOutcome.Status.FAILED ? "-" : formatBytes(outcome.bytesScanned());
            if (comparedWithDuckDb) {
                report.append("%-6s %12s %14s %12s %8s  %s%n".formatted(
                        name, trawlText, bytesText, duckDb.map(String::valueOf).orElse("-"), ratio(trawl, duckDb), outcome.status()));
            }
            else {
                report.append("%-6s %12s %14s  %s%n".formatted(name, trawlText, bytesText, outcome.status()));
            }
            if (trawl.isPresent()) {
                totalTrawl += trawl.get();
                totalBytes += outcome.bytesScanned();
                totalDuckDb += duckDb.orElse(0L);
            }
        }
        long ok = outcomes.stream().filter(outcome -> outcome.status() == QueryOutcome.Status.OK).count();
        String summary = "%d/%d OK".formatted(ok, outcomes.size());
        if (comparedWithDuckDb) {
            report.append("%-6s %12d %14s %12d %8s  %s%n".formatted(
                    "total", totalTrawl, formatBytes(totalBytes), totalDuckDb, ratio(Optional.of(totalTrawl), Optional.of(totalDuckDb)), summary));
        }
        else {
            report.append("%-6s %12d %14s  %s%n".formatted("total", totalTrawl, formatBytes(totalBytes), summary));
        }
        for (QueryOutcome outcome : outcomes) {
            outcome.detail().ifPresent(detail -> report.append("%nQ%02d %s: %s%n".formatted(outcome.query(), outcome.status(), detail.strip())));
        }
        return report.toString();
    }

    static String formatBytes(long bytes)
    {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String ratio(Optional<Long> trawl, Optional<Long> duckDb)
    {
        if (trawl.isEmpty() || duckDb.isEmpty()) {
            return "-";
        }
        // a query DuckDB answers in under a millisecond still has a ratio; count it as one millisecond
        return String.format(Locale.ROOT, "%.2fx", trawl.get() / (double) Math.max(1, duckDb.get()));
    }
}
