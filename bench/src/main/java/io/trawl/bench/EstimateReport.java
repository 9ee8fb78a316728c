package io.trawl.bench;

import io.trawl.billing.PricingPolicy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of {@code bench estimate}: per query the estimated and the actual bytes scanned, their ratio
 * (estimate / actual), the estimated cost, and the footer bytes the estimate read; then totals over the
 * queries that ran and the largest deviation.
 */
final class EstimateReport
{
    private static final String ROW = "%-6s %14s %14s %7s %10s %12s  %s%n";

    private EstimateReport() {}

    static String format(List<EstimateOutcome> outcomes, PricingPolicy pricing)
    {
        StringBuilder report = new StringBuilder();
        report.append(ROW.formatted("query", "estimated", "actual", "ratio", "est. cost", "metadata", "tables scanned"));
        long totalEstimated = 0;
        long totalActual = 0;
        long totalMetadata = 0;
        double worstDeviation = 0;
        int ran = 0;
        for (EstimateOutcome outcome : outcomes) {
            String name = "Q%02d".formatted(outcome.query());
            if (outcome.failure().isPresent()) {
                report.append(ROW.formatted(name, "-", "-", "-", "-", "-", "FAILED"));
                continue;
            }
            ran++;
            totalEstimated += outcome.estimatedBytes();
            totalActual += outcome.actualBytes();
            totalMetadata += outcome.metadataBytesRead();
            worstDeviation = Math.max(worstDeviation, outcome.ratio().map(ratio -> Math.abs(ratio - 1)).orElse(0.0));
            report.append(ROW.formatted(name, outcome.estimatedBytes(), outcome.actualBytes(), ratio(outcome.estimatedBytes(), outcome.actualBytes()),
                    pricing.display(pricing.cost(outcome.estimatedBytes())), outcome.metadataBytesRead(), tables(outcome.scans())));
        }
        report.append(ROW.formatted("total", totalEstimated, totalActual, ratio(totalEstimated, totalActual), "-", totalMetadata, "%d/%d queries ran".formatted(ran, outcomes.size())));
        report.append(String.format(Locale.ROOT, "total  estimated %s, actual %s, metadata read %s; largest deviation %.2f%%%n",
                BenchReport.formatBytes(totalEstimated), BenchReport.formatBytes(totalActual), BenchReport.formatBytes(totalMetadata), worstDeviation * 100));
        for (EstimateOutcome outcome : outcomes) {
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

    private static String ratio(long estimated, long actual)
    {
        if (actual == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.4f", estimated / (double) actual);
    }
}
