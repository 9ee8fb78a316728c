package io.trawl.testing.s3;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStoreLocationValidator;
import io.trawl.scan.store.RoutingObjectStore;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchTables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The TPC-H lake of {@link TpchLake} copied to the test S3 server ({@link S3TestServer}), with two Trawl
 * engines over the same files: one whose tables' LOCATIONs are {@code s3://} and a twin over the local copy.
 * Each engine has its own scan provider (and so its own Parquet footer cache); run every query on both, in the
 * same order, and their caches stay in step, so the bytes each meters must be equal. The DuckDB oracle reads
 * the local copy, as DuckDB here cannot read S3.
 *
 * <p>Shared by the tests of a JVM, one lake per format: tests must not change its tables.
 */
public final class TpchS3Lake
{
    public static final String SCHEMA = "tpch";

    private static final Map<TpchFormat, TpchS3Lake> LAKES = new EnumMap<>(TpchFormat.class);

    private final TpchFormat format;
    private final URI s3Location;
    private final Path localDirectory;
    private final QueryEngine s3Engine;
    private final Session s3Session;
    private final QueryEngine localEngine;
    private final Session localSession;
    private final RoutingObjectStore store;
    private final io.trawl.catalog.CatalogStore s3Catalog;

    private TpchS3Lake(TpchFormat format, URI s3Location, Path localDirectory, QueryEngine s3Engine, Session s3Session, QueryEngine localEngine, Session localSession,
            RoutingObjectStore store, io.trawl.catalog.CatalogStore s3Catalog)
    {
        this.store = requireNonNull(store, "store is null");
        this.s3Catalog = requireNonNull(s3Catalog, "s3Catalog is null");
        this.format = requireNonNull(format, "format is null");
        this.s3Location = requireNonNull(s3Location, "s3Location is null");
        this.localDirectory = requireNonNull(localDirectory, "localDirectory is null");
        this.s3Engine = requireNonNull(s3Engine, "s3Engine is null");
        this.s3Session = requireNonNull(s3Session, "s3Session is null");
        this.localEngine = requireNonNull(localEngine, "localEngine is null");
        this.localSession = requireNonNull(localSession, "localSession is null");
    }

    public static synchronized TpchS3Lake of(TpchFormat format)
    {
        return LAKES.computeIfAbsent(format, TpchS3Lake::create);
    }

    public QueryResult runOnS3(String sql)
    {
        return s3Engine.execute(sql, s3Session);
    }

    /**
     * A new engine over the same S3 tables with a scan provider of its own (an empty Parquet footer cache),
     * so the bytes it bills do not depend on what other engines' queries fetched before.
     */
    public QueryEngine newS3Engine()
    {
        return newS3Engine(EngineConfig.defaults());
    }

    public QueryEngine newS3Engine(EngineConfig config)
    {
        return new QueryEngine(s3Catalog, LakeScanProvider.create(store), config, new ObjectStoreLocationValidator(store), Set.of());
    }

    /** The session in which the TPC-H tables of the S3 copy resolve. */
    public Session s3Session()
    {
        return s3Session;
    }

    /** Storage reaching both the test S3 server ({@code s3://}) and local files. */
    public RoutingObjectStore store()
    {
        return store;
    }

    public QueryResult runLocally(String sql)
    {
        return localEngine.execute(sql, localSession);
    }

    /** DuckDB over the local copy of the files (shared with {@link TpchLake}). */
    public DuckDbOracle oracle()
    {
        return TpchLake.of(scaleFactor(), format).oracle();
    }

    public double scaleFactor()
    {
        return TpchLake.DEFAULT_SCALE_FACTOR;
    }

    public TpchFormat format()
    {
        return format;
    }

    /** {@code s3://<bucket>/<prefix>/tpch-sf0.01-<format>/}: the tables are its sub-folders. */
    public URI s3Location()
    {
        return s3Location;
    }

    public Path localDirectory()
    {
        return localDirectory;
    }

    private static TpchS3Lake create(TpchFormat format)
    {
        S3TestServer server = S3TestServer.shared();
        double scaleFactor = TpchLake.DEFAULT_SCALE_FACTOR;
        Path localDirectory = TpchLake.dataDirectory(scaleFactor, format);
        String name = "tpch-sf%s-%s".formatted(TpchLakeNames.scaleFactorName(scaleFactor), format.name().toLowerCase(Locale.ROOT));
        URI s3Location = server.upload(localDirectory, server.location(name + "/"));

        RoutingObjectStore store = new RoutingObjectStore(new LocalObjectStore(), server::store);
        LocalCatalogStore s3Catalog = new LocalCatalogStore(temporaryHome(name + "-s3").resolve("catalog"));
        QueryEngine s3Engine = new QueryEngine(
                s3Catalog,
                LakeScanProvider.create(store),
                EngineConfig.defaults(),
                new ObjectStoreLocationValidator(store),
                Set.of());
        Session s3Session = s3Engine.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA, Session.defaults()).session();
        for (String table : TpchGenerator.tableNames()) {
            String ddl = TpchGenerator.createTableSql(SCHEMA, table, s3Location.resolve(table + "/"), format);
            s3Session = s3Engine.execute(ddl, s3Session).session();
        }

        QueryEngine localEngine = new QueryEngine(
                new LocalCatalogStore(temporaryHome(name + "-local").resolve("catalog")),
                LakeScanProvider.forLocalFiles(),
                EngineConfig.defaults());
        Session localSession = TpchTables.registerTables(localEngine, Session.defaults(), SCHEMA, localDirectory, format);
        return new TpchS3Lake(format, s3Location, localDirectory, s3Engine, s3Session.withSchema(SCHEMA), localEngine, localSession, store, s3Catalog);
    }

    private static Path temporaryHome(String name)
    {
        try {
            Path home = Files.createTempDirectory("trawl-" + name + "-home-");
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> TpchLakeNames.deleteQuietly(home)));
            return home;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create a catalog home for " + name, e);
        }
    }
}
