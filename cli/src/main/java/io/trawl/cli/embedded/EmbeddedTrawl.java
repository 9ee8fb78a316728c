package io.trawl.cli.embedded;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.cli.StatementRunner;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.ObjectStoreLocationValidator;
import io.trawl.scan.store.RoutingObjectStore;
import io.trawl.scan.store.s3.S3Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Trawl in this process, with no server: the catalog is JSON under {@code <home>/catalog}, tables read
 * local files ({@code file://} locations) and S3 ({@code s3://}, through the given {@link S3Config}: AWS, or
 * LocalStack/MinIO with an endpoint), and {@code <home>/lake} is where the CLI puts data it makes (the demo's
 * TPC-H tables). A table's LOCATION is checked against its storage at CREATE (an S3 bucket must exist).
 */
public final class EmbeddedTrawl
        implements StatementRunner
{
    private final Path home;
    private final QueryEngine engine;

    private EmbeddedTrawl(Path home, QueryEngine engine)
    {
        this.home = requireNonNull(home, "home is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    /** Opens Trawl's state at {@code home}, creating the directories on first use; S3 is AWS's, default chain. */
    public static EmbeddedTrawl open(Path home)
    {
        return open(home, S3Config.defaults());
    }

    /** Opens Trawl's state at {@code home}, with {@code s3://} locations read as {@code s3} says. */
    public static EmbeddedTrawl open(Path home, S3Config s3)
    {
        return open(home, s3, java.util.Optional.empty());
    }

    /**
     * As {@link #open(Path, S3Config)}, with the catalog kept at {@code catalogLocation} ({@code s3://bucket/meta/}
     * or {@code file:///dir/}) as lake-native JSON documents with conditional writes, so several processes
     * (CLI runs, API instances) can share one catalog; empty keeps it under {@code <home>/catalog}.
     */
    public static EmbeddedTrawl open(Path home, S3Config s3, java.util.Optional<java.net.URI> catalogLocation)
    {
        requireNonNull(s3, "s3 is null");
        Path absoluteHome = home.toAbsolutePath();
        try {
            Files.createDirectories(absoluteHome.resolve("catalog"));
            Files.createDirectories(absoluteHome.resolve("lake"));
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot create Trawl's home directory %s: %s".formatted(absoluteHome, e.getMessage()), e);
        }
        // the S3 client is built on the first s3:// location, so local-only use never resolves AWS credentials
        RoutingObjectStore store = RoutingObjectStore.create(s3);
        io.trawl.catalog.CatalogStore catalog = catalogLocation
                .<io.trawl.catalog.CatalogStore>map(location -> new io.trawl.catalog.lake.LakeCatalogStore(new io.trawl.scan.store.ObjectStoreCatalogDocuments(store, location)))
                .orElseGet(() -> new LocalCatalogStore(absoluteHome.resolve("catalog")));
        QueryEngine engine = new QueryEngine(
                catalog,
                LakeScanProvider.create(store),
                EngineConfig.defaults(),
                new ObjectStoreLocationValidator(store),
                Set.of());
        return new EmbeddedTrawl(absoluteHome, engine);
    }

    public Path home()
    {
        return home;
    }

    /** Where the CLI keeps data it generates, as plain files readable by any engine. */
    public Path lakeDirectory()
    {
        return home.resolve("lake");
    }

    @Override
    public QueryResult execute(String sql, Session session)
    {
        return engine.execute(sql, session);
    }
}
