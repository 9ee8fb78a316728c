package io.trawl.trino;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.trawl.billing.ledger.UsageDates;
import io.trawl.billing.ledger.UsageLedger;
import io.trawl.billing.ledger.UsageRecord;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.access.AccessModel;
import io.trawl.catalog.access.AccessStore;
import io.trawl.catalog.lake.LakeCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.datagen.TpchGenerator;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.RoutingObjectStore;
import io.trawl.scan.store.s3.S3Config;
import io.trawl.testing.s3.S3TestServer;
import io.trawl.scan.store.ObjectStoreCatalogDocuments;
import io.trawl.scan.usage.ObjectStoreLedgerStorage;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchTables;
import io.trawl.trino.access.TrawlAccessControlFactory;
import io.trawl.trino.billing.UsageEventListenerFactory;
import io.trino.spi.Plugin;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.EventListenerFactory;
import io.trino.spi.eventlistener.QueryCompletedEvent;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemAccessControlFactory;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.QueryRunner.MaterializedResultWithPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * A Trino cluster in this JVM (a coordinator and a worker) with the Trawl plugin over the TPC-H lake at SF 0.01
 * (Parquet, two files per table): catalog {@code trawl} (schema {@code tpch}) backed by a lake-native catalog under a
 * temporary meta location, the {@code trawl} event listener writing the usage ledger there, and the {@code trawl}
 * access control reading the grants there ({@value #ADMIN} administers). Next to it, Trawl's own engine over the same
 * catalog, with a scan provider of its own, to compare with.
 */
final class TrinoLakeCluster
        implements AutoCloseable
{
    static final String ADMIN = "admin";
    static final String CATALOG = "trawl";
    /** A second catalog over the same lake: a connector of its own, so its footer cache is cold when a test starts. */
    static final String COLD_CATALOG = "trawl_cold";
    static final String SCHEMA = TpchLake.SCHEMA;

    private final Path home;
    private final CatalogStore catalog;
    private final ObjectStore store;
    private final DistributedQueryRunner runner;
    private final QueryEngine trawl;
    private final UsageLedger ledger;
    private final AccessStore access;
    private final Path dataDirectory;
    private final CompletedQueries completed;

    private TrinoLakeCluster(Path home, CatalogStore catalog, ObjectStore store, DistributedQueryRunner runner, QueryEngine trawl, UsageLedger ledger, AccessStore access, Path dataDirectory, CompletedQueries completed)
    {
        this.completed = completed;
        this.home = home;
        this.catalog = catalog;
        this.store = store;
        this.runner = runner;
        this.trawl = trawl;
        this.ledger = ledger;
        this.access = access;
        this.dataDirectory = dataDirectory;
    }

    static TrinoLakeCluster start()
            throws Exception
    {
        return start(new TrawlPlugin());
    }

    /** The cluster with {@code plugin}: the Trawl plugin as the test classpath has it, or as a Trino server loads it. */
    static TrinoLakeCluster start(Plugin plugin)
            throws Exception
    {
        Path dataDirectory = TpchLake.dataDirectory(TpchLake.DEFAULT_SCALE_FACTOR, TpchFormat.PARQUET);
        Path home = Files.createTempDirectory("trawl-trino-");
        URI metaLocation = Files.createDirectories(home.resolve("meta")).toUri();
        Files.createDirectories(Path.of(ObjectStoreLedgerStorage.usageLocation(metaLocation)));
        LocalObjectStore store = new LocalObjectStore();
        CatalogStore catalog = new LakeCatalogStore(new ObjectStoreCatalogDocuments(store, metaLocation));
        TpchTables.registerTables(new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults()), Session.defaults(), SCHEMA, dataDirectory, TpchFormat.PARQUET);
        return start(plugin, home, dataDirectory, metaLocation, store, catalog, Map.of());
    }

    /**
     * The same cluster over the in-process S3 server: the TPC-H files uploaded there, the catalog, grants and usage
     * ledger at an {@code s3://} meta location, the connector reaching S3 through the endpoint, region and credentials
     * of its properties.
     */
    static TrinoLakeCluster startOnS3(S3TestServer server)
            throws Exception
    {
        Path dataDirectory = TpchLake.dataDirectory(TpchLake.DEFAULT_SCALE_FACTOR, TpchFormat.PARQUET);
        Path home = Files.createTempDirectory("trawl-trino-s3-");
        String run = "trino-" + UUID.randomUUID();
        URI lake = server.upload(dataDirectory, server.location(run + "/lake/"));
        URI metaLocation = server.location(run + "/meta/");
        ObjectStore store = new RoutingObjectStore(new LocalObjectStore(), server::store);
        CatalogStore catalog = new LakeCatalogStore(new ObjectStoreCatalogDocuments(store, metaLocation));
        QueryEngine engine = new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults());
        Session session = engine.execute("CREATE DATABASE " + SCHEMA, Session.defaults()).session();
        for (String table : TpchGenerator.tableNames()) {
            session = engine.execute(TpchGenerator.createTableSql(SCHEMA, table, lake.resolve(table + "/"), TpchFormat.PARQUET), session).session();
        }
        S3Config s3 = server.config();
        Map<String, String> s3Properties = Map.of(
                "trawl.s3.endpoint", s3.endpoint().orElseThrow().toString(),
                "trawl.s3.region", s3.region(),
                "trawl.s3.path-style", String.valueOf(s3.pathStyle()),
                "trawl.aws.access-key-id", s3.accessKey().orElseThrow(),
                "trawl.aws.secret-access-key", s3.secretKey().orElseThrow());
        return start(new TrawlPlugin(), home, dataDirectory, metaLocation, store, catalog, s3Properties);
    }

    private static TrinoLakeCluster start(Plugin plugin, Path home, Path dataDirectory, URI metaLocation, ObjectStore store, CatalogStore catalog, Map<String, String> storeProperties)
            throws Exception
    {
        Map<String, String> properties = new HashMap<>(storeProperties);
        properties.put("trawl.meta-location", metaLocation.toString());
        properties.put("trawl.admins", ADMIN);
        properties.put("trawl.catalogs", CATALOG + "," + COLD_CATALOG);
        CompletedQueries completed = new CompletedQueries();
        EventListener listener = only(plugin.getEventListenerFactories()).create(properties, new TestContext());
        SystemAccessControl accessControl = only(plugin.getSystemAccessControlFactories()).create(properties, new TestContext());
        DistributedQueryRunner runner = DistributedQueryRunner.builder(testSessionBuilder().setCatalog(CATALOG).setSchema(SCHEMA).setIdentity(Identity.ofUser(ADMIN)).build())
                .setWorkerCount(1)
                .setEventListeners(List.of(listener, completed))
                .setSystemAccessControl(accessControl)
                .build();
        try {
            // the test server would create every plugin listener with an empty configuration; the listener and the
            // access control above are the plugin's own, configured as etc/*.properties would configure them
            runner.installPlugin(new ConnectorsOnly(plugin));
            if (plugin.getClass().getClassLoader() instanceof io.trino.server.PluginClassLoader loader) {
                // what a server's plugin manager does for a plugin it loads from a directory: handles of the plugin's
                // classes travel between nodes under the plugin's class loader (the wrapper above hides it)
                runner.getServers().forEach(server -> server.getInstance(com.google.inject.Key.get(io.trino.metadata.HandleResolver.class)).registerClassLoader(loader));
            }
            runner.createCatalog(CATALOG, TrawlConnectorFactory.NAME, properties);
            runner.createCatalog(COLD_CATALOG, TrawlConnectorFactory.NAME, properties);
        }
        catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        QueryEngine trawl = new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults());
        UsageLedger ledger = new UsageLedger(new ObjectStoreLedgerStorage(store, metaLocation));
        AccessStore access = new AccessStore(new ObjectStoreCatalogDocuments(store, metaLocation), Set.of(ADMIN));
        return new TrinoLakeCluster(home, catalog, store, runner, trawl, ledger, access, dataDirectory, completed);
    }

    DistributedQueryRunner runner()
    {
        return runner;
    }

    MaterializedResultWithPlan run(String user, String sql)
    {
        io.trino.Session session = testSessionBuilder().setCatalog(CATALOG).setSchema(SCHEMA).setIdentity(Identity.ofUser(user)).build();
        return runner.executeWithPlan(session, sql);
    }

    /** Trawl's own engine over the same catalog and files; its scan provider is its own (its own footer cache). */
    QueryEngine trawl()
    {
        return trawl;
    }

    /** Another Trawl engine over the same catalog, whose scan provider has fetched no footer yet. */
    QueryEngine coldTrawl()
    {
        return new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults());
    }

    /** Trawl's engine with its writers, for tables the tests make (CTAS) in a schema of their own. */
    QueryEngine writingTrawl()
    {
        return coldTrawl().withWriters(new io.trawl.scan.writer.LakeFileWriters(store), new io.trawl.scan.store.ObjectStoreWriteStorage(store));
    }

    /** A folder for the tables tests make, removed with the cluster. */
    Path scratch()
    {
        return home;
    }

    Session trawlSession()
    {
        return Session.defaults().withSchema(SCHEMA);
    }

    DuckDbOracle oracle()
    {
        return TpchLake.parquet().oracle();
    }

    Path dataDirectory()
    {
        return dataDirectory;
    }

    void changeAccess(UnaryOperator<AccessModel> change)
    {
        access.update(change);
    }

    /** The query's records in the usage ledger, waiting (with a deadline) for the completion event that writes them. */
    List<UsageRecord> usageOf(String queryId)
            throws IOException, InterruptedException
    {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<UsageRecord> records = ledger.read(UsageDates.all()).stream().filter(record -> record.queryId().equals(queryId)).toList();
            if (!records.isEmpty() || Instant.now().isAfter(deadline)) {
                return records;
            }
            Thread.sleep(20);
        }
    }

    /** Trino's completion event of a query, waiting (with a deadline) for it. */
    QueryCompletedEvent completionOf(String queryId)
            throws InterruptedException
    {
        return completed.await(queryId);
    }

    /** Every record in the ledger: for checking that a query left none, after a query that does leave one has been recorded. */
    List<UsageRecord> allUsage()
            throws IOException
    {
        return ledger.read(UsageDates.all());
    }

    @Override
    public void close()
    {
        runner.close();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T only(Iterable<T> values)
    {
        return values.iterator().next();
    }

    /** Trino's own account of each query, next to the usage listener: per-table physical input bytes. */
    private static final class CompletedQueries
            implements EventListener
    {
        private final Map<String, QueryCompletedEvent> events = new ConcurrentHashMap<>();

        @Override
        public void queryCompleted(QueryCompletedEvent event)
        {
            events.put(event.getMetadata().getQueryId(), event);
        }

        QueryCompletedEvent await(String queryId)
                throws InterruptedException
        {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!events.containsKey(queryId)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no completion event for query " + queryId);
                }
                Thread.sleep(20);
            }
            return events.get(queryId);
        }
    }

    private record ConnectorsOnly(Plugin plugin)
            implements Plugin
    {
        @Override
        public Iterable<io.trino.spi.connector.ConnectorFactory> getConnectorFactories()
        {
            return plugin.getConnectorFactories();
        }
    }

    /** What Trino hands a plugin's factories; the Trawl factories use none of it. */
    private record TestContext()
            implements EventListenerFactory.EventListenerContext, SystemAccessControlFactory.SystemAccessControlContext
    {
        @Override
        public String getVersion()
        {
            return "test";
        }

        @Override
        public OpenTelemetry getOpenTelemetry()
        {
            return OpenTelemetry.noop();
        }

        @Override
        public Tracer getTracer()
        {
            return OpenTelemetry.noop().getTracer("trawl");
        }
    }
}
