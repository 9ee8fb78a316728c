package io.trawl.engine;

import io.trawl.catalog.CatalogStore;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import static java.util.Objects.requireNonNull;

/**
 * Runs one SQL statement end to end: parse → analyze → plan → optimize → execute. Stateless between
 * statements apart from the catalog; the session travels with each call.
 */
public final class QueryEngine
{
    private final CatalogStore catalog;
    private final ScanProvider scanProvider;
    private final EngineConfig config;

    public QueryEngine(CatalogStore catalog, ScanProvider scanProvider, EngineConfig config)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.scanProvider = requireNonNull(scanProvider, "scanProvider is null");
        this.config = requireNonNull(config, "config is null");
    }

    public QueryResult execute(String sql, Session session)
    {
        throw new TrawlException(ErrorCode.NOT_SUPPORTED, "not yet implemented");
    }
}
