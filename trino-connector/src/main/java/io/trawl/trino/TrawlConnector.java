package io.trawl.trino;

import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.transaction.IsolationLevel;

import static java.util.Objects.requireNonNull;

/** A Trino catalog over Trawl's lake: metadata from its catalog store, splits and pages from its scan provider. */
public final class TrawlConnector
        implements Connector
{
    private final TrawlLake lake;
    private final TrawlMetadata metadata;
    private final TrawlSplitManager splitManager;
    private final TrawlPageSourceProvider pageSourceProvider;

    public TrawlConnector(TrawlLake lake, PlanningBytes planningBytes)
    {
        this.lake = requireNonNull(lake, "lake is null");
        this.metadata = new TrawlMetadata(lake.catalog(), lake.scans());
        this.splitManager = new TrawlSplitManager(lake.catalog(), lake.scans(), planningBytes);
        this.pageSourceProvider = new TrawlPageSourceProvider(lake.scans());
    }

    @Override
    public ConnectorTransactionHandle beginTransaction(IsolationLevel isolationLevel, boolean readOnly, boolean autoCommit)
    {
        return TrawlTransactionHandle.INSTANCE;
    }

    @Override
    public ConnectorMetadata getMetadata(ConnectorSession session, ConnectorTransactionHandle transactionHandle)
    {
        return metadata;
    }

    @Override
    public ConnectorSplitManager getSplitManager()
    {
        return splitManager;
    }

    @Override
    public ConnectorPageSourceProvider getPageSourceProvider()
    {
        return pageSourceProvider;
    }

    @Override
    public void shutdown()
    {
        try {
            lake.store().close();
        }
        catch (Exception e) {
            // shutting down: the store's clients are released either way
            throw new IllegalStateException("Cannot close Trawl's object store: " + e.getMessage(), e);
        }
    }
}
