package io.trawl.engine.dryrun;

import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.scan.ScanEstimate;

import static java.util.Objects.requireNonNull;

/** One table scan of a query's plan and what it would read. */
public record TableScanEstimate(TableScanNode scan, ScanEstimate estimate)
{
    public TableScanEstimate
    {
        requireNonNull(scan, "scan is null");
        requireNonNull(estimate, "estimate is null");
    }
}
