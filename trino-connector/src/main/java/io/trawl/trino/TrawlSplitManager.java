package io.trawl.trino;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Table;
import io.trawl.engine.execution.PartitionSource;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.CountingByteMeter;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.FixedSplitSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Trawl's split planner behind Trino's: the catalog's registered partitions that match the pushed predicate (or,
 * without registered partitions, storage's folders and partition projection), the files that can match, cut into
 * splits on Parquet row-group boundaries or text byte ranges. Bytes fetched to plan (Parquet footers) are the
 * query's, kept in {@link PlanningBytes} for its completion event.
 */
public final class TrawlSplitManager
        implements ConnectorSplitManager
{
    private final CatalogStore catalog;
    private final ScanProvider scans;
    private final PlanningBytes planningBytes;

    public TrawlSplitManager(CatalogStore catalog, ScanProvider scans, PlanningBytes planningBytes)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.scans = requireNonNull(scans, "scans is null");
        this.planningBytes = requireNonNull(planningBytes, "planningBytes is null");
    }

    @Override
    public ConnectorSplitSource getSplits(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorTableHandle tableHandle, Set<ColumnHandle> dynamicFilterColumns, Constraint constraint)
    {
        TrawlTableHandle handle = (TrawlTableHandle) tableHandle;
        Table table = handle.table();
        CountingByteMeter meter = new CountingByteMeter();
        List<ScanSplit> splits;
        try {
            splits = PartitionSource.catalog(catalog).planSplits(scans, table, handle.predicate(), meter);
        }
        catch (TrawlException e) {
            throw TrawlErrors.toTrino(e);
        }
        finally {
            planningBytes.add(session.getQueryId(), meter.bytes());
        }
        List<ConnectorSplit> connectorSplits = new ArrayList<>(splits.size());
        for (ScanSplit split : splits) {
            connectorSplits.add(TrawlSplit.of(split, scans.fileMetadata(table, split)));
        }
        return new FixedSplitSource(connectorSplits);
    }
}
