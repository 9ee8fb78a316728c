package io.trawl.trino;

import io.trino.spi.connector.ConnectorTransactionHandle;

/** The connector only reads, and each read sees the catalog as it is then: one handle serves every transaction. */
public enum TrawlTransactionHandle
        implements ConnectorTransactionHandle
{
    INSTANCE
}
