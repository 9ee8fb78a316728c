package io.trawl.trino;

import io.trawl.catalog.Table;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.CountingByteMeter;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableCredentials;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.DynamicFilter;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Trawl's scan-worker readers behind Trino's page sources: exactly the requested columns (partition keys and
 * pseudo-columns filled in by the provider), the pushed predicate used to skip row groups. Dynamic filters are not
 * pushed into the readers, so a scan reads what Trawl's own engine reads for the same static predicate.
 */
public final class TrawlPageSourceProvider
        implements ConnectorPageSourceProvider
{
    private final ScanProvider scans;

    public TrawlPageSourceProvider(ScanProvider scans)
    {
        this.scans = requireNonNull(scans, "scans is null");
    }

    @Override
    public ConnectorPageSource createPageSource(
            ConnectorTransactionHandle transaction,
            ConnectorSession session,
            ConnectorSplit split,
            ConnectorTableHandle tableHandle,
            Optional<ConnectorTableCredentials> tableCredentials,
            List<ColumnHandle> columns,
            DynamicFilter dynamicFilter)
    {
        TrawlSplit trawlSplit = (TrawlSplit) split;
        TrawlTableHandle handle = (TrawlTableHandle) tableHandle;
        Table table = handle.table();
        ScanSplit scanSplit = trawlSplit.scanSplit();
        List<ScanColumn> scanColumns = columns.stream().map(column -> ((TrawlColumnHandle) column).scanColumn()).toList();
        boolean rowCountOnly = scanColumns.isEmpty();
        if (rowCountOnly) {
            // a scan that only counts rows reads the table's first column, as Trawl's engine does (its PruneColumns keeps
            // one): count(*) is billed the same on both
            scanColumns = List.of(TrawlMetadata.columns(table).getFirst().scanColumn());
        }
        CountingByteMeter meter = new CountingByteMeter();
        try {
            trawlSplit.fileMetadata().ifPresent(metadata -> scans.addFileMetadata(table, scanSplit, metadata));
            PageSource pages = scans.createPageSource(table, scanSplit, scanColumns, handle.predicate(), meter);
            return new TrawlPageSource(pages, meter, rowCountOnly);
        }
        catch (TrawlException e) {
            throw TrawlErrors.toTrino(e);
        }
    }
}
