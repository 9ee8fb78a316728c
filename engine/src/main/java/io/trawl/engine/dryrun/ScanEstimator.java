package io.trawl.engine.dryrun;

import io.trawl.engine.execution.PartitionSource;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.scan.ScanEstimate;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanRequest;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Estimates an optimized plan's scans as the execution would run them: every {@link TableScanNode}, with the
 * columns it reads ({@link TableScanNode#scanColumns}), its pushed-down domain, and the catalog partitions
 * {@link PartitionSource} picks for it, exactly as {@code ScanOperator} asks for them.
 */
public final class ScanEstimator
{
    private final ScanProvider scanProvider;
    private final PartitionSource partitions;

    public ScanEstimator(ScanProvider scanProvider, PartitionSource partitions)
    {
        this.scanProvider = requireNonNull(scanProvider, "scanProvider is null");
        this.partitions = requireNonNull(partitions, "partitions is null");
    }

    public QueryEstimate estimate(PlanNode plan)
    {
        List<TableScanNode> scans = tableScans(plan);
        List<ScanRequest> requests = new ArrayList<>();
        for (TableScanNode scan : scans) {
            requests.add(new ScanRequest(scan.table(), partitions.partitions(scan.table(), scan.domain()), scan.scanColumns(), scan.domain()));
        }
        List<ScanEstimate> estimates = scanProvider.estimateScans(requests);
        if (estimates.size() != scans.size()) {
            throw new IllegalStateException("%d estimates for %d scans".formatted(estimates.size(), scans.size()));
        }
        List<TableScanEstimate> estimated = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            estimated.add(new TableScanEstimate(scans.get(i), estimates.get(i)));
        }
        return new QueryEstimate(estimated);
    }

    /** Every table scan of the plan, in plan order; a table read twice appears twice. */
    public static List<TableScanNode> tableScans(PlanNode plan)
    {
        List<TableScanNode> scans = new ArrayList<>();
        collectScans(plan, scans);
        return List.copyOf(scans);
    }

    private static void collectScans(PlanNode node, List<TableScanNode> scans)
    {
        if (node instanceof TableScanNode scan) {
            scans.add(scan);
        }
        for (PlanNode source : node.sources()) {
            collectScans(source, scans);
        }
    }
}
