package io.trawl.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of {@code bench bytes}: per query Trawl's bytes scanned (with range merging and without), the needed column chunks plus footers,
 * their ratio, the same figure counted once per table scan, and whether pruning brought Trawl below the
 * needed figure; then totals over the queries that ran.
 */
final class ScannedBytesReport
{
    private static final String ROW = "%-6s %14s %14s %14s %7s %14s %7s  %-6s  %s%n";

    private ScannedBytesReport() {}

    static String format(List<ScannedBytesOutcome> outcomes)
    {
        StringBuilder report = new StringBuilder();
        report.append(ROW.formatted("query", "trawl bytes", "trawl no-merge", "needed bytes", "ratio", "needed/scan", "ratio", "pruned", "tables scanned"));
        long totalTrawl = 0;
        long totalUnmerged = 0;
        long totalNeeded = 0;
        long totalNeededPerScan = 0;
        int pruned = 0;
        int ran = 0;
        for (ScannedBytesOutcome outcome : outcomes) {
            String name = "Q%02d".formatted(outcome.query());
            if (outcome.failure().isPresent()) {
                report.append(ROW.formatted(name, "-", "-", "-", "-", "-", "-", "FAILED", "-"));
                continue;
            }
            ran++;
            totalTrawl += outcome.trawlBytes();
            totalUnmerged += outcome.unmergedBytes();
            totalNeeded += outcome.neededBytes();
            totalNeededPerScan += outcome.neededPerScanBytes();
            if (outcome.pruned()) {
                pruned++;
            }
            report.append(ROW.formatted(name, outcome.trawlBytes(), outcome.unmergedBytes(), outcome.neededBytes(), ratio(outcome.trawlBytes(), outcome.neededBytes()),
                    outcome.neededPerScanBytes(), ratio(outcome.trawlBytes(), outcome.neededPerScanBytes()), outcome.pruned() ? "yes" : "no", tables(outcome.scans())));
        }
        report.append(ROW.formatted("total", totalTrawl, totalUnmerged, totalNeeded, ratio(totalTrawl, totalNeeded),
                totalNeededPerScan, ratio(totalTrawl, totalNeededPerScan), "%d".formatted(pruned), "%d/%d queries ran".formatted(ran, outcomes.size())));
        report.append("total  trawl %s, trawl no-merge %s, needed %s, needed per scan %s%n".formatted(
                BenchReport.formatBytes(totalTrawl), BenchReport.formatBytes(totalUnmerged), BenchReport.formatBytes(totalNeeded), BenchReport.formatBytes(totalNeededPerScan)));
        for (ScannedBytesOutcome outcome : outcomes) {
            outcome.failure().ifPresent(failure -> report.append("%nQ%02d FAILED: %s%n".formatted(outcome.query(), failure.strip())));
        }
        return report.toString();
    }

    /** {@code lineitem x3, orders}: tables in name order, with the scan count when a table is scanned more than once. */
    private static String tables(List<String> scans)
    {
        Map<String, Long> counts = new TreeMap<>(scans.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
        return counts.entrySet().stream()
                .map(entry -> entry.getValue() == 1 ? entry.getKey() : entry.getKey() + " x" + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String ratio(long trawl, long needed)
    {
        if (needed == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f", trawl / (double) needed);
    }
}
