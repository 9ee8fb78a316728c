package io.trawl.engine.dryrun;

import io.trawl.billing.BilledBytes;
import io.trawl.billing.PricingPolicy;

import java.math.BigDecimal;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a query would scan, scan by scan, estimated before it runs. A table the plan scans twice appears
 * twice: the query reads it twice.
 */
public record QueryEstimate(List<TableScanEstimate> scans)
{
    public QueryEstimate
    {
        scans = List.copyOf(requireNonNull(scans, "scans is null"));
    }

    /** The bytes the query would read from storage and be billed for (before rounding to billed bytes). */
    public long bytesScanned()
    {
        long bytes = 0;
        for (TableScanEstimate scan : scans) {
            bytes += scan.estimate().bytesScanned();
        }
        return bytes;
    }

    /** The file metadata the estimate read to find that out; reading it is not billed. */
    public long metadataBytesRead()
    {
        long bytes = 0;
        for (TableScanEstimate scan : scans) {
            bytes += scan.estimate().metadataBytesRead();
        }
        return bytes;
    }

    public BilledBytes billedBytes(PricingPolicy pricing)
    {
        return pricing.billedBytes(bytesScanned());
    }

    public BigDecimal cost(PricingPolicy pricing)
    {
        return pricing.cost(bytesScanned());
    }
}
