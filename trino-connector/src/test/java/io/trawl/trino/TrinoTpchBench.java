package io.trawl.trino;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.lake.LakeCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStoreCatalogDocuments;
import io.trawl.scan.usage.ObjectStoreLedgerStorage;
import io.trawl.testing.tpch.TpchQueries;
import io.trawl.testing.tpch.TpchTables;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.QueryCompletedEvent;
import io.trino.spi.security.Identity;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.QueryRunner.MaterializedResultWithPlan;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * TPC-H through Trino with the Trawl plugin against Trawl's own engine, on the same Parquet files: per query the
 * median wall time of {@code --runs} runs in each, and the bytes each billed. Not a test: a main for measuring
 * (see trino-connector/bin/bench-tpch).
 *
 * <pre>
 *   --sf 10              scale factor (default 1)
 *   --data DIR           the Parquet lake (default ~/.trawl/bench/tpch-sf&lt;sf&gt;, the one `./trawl bench tpch` uses;
 *                        generated when absent, about four files per table per scale factor unit)
 *   --workers N          Trino workers besides the coordinator (default 1)
 *   --runs N             timed runs per query and engine, after one untimed warm-up run (default 3)
 *   --queries 1,3,5      the queries (default all 22)
 * </pre>
 * Both engines run in this JVM: Trawl's with its in-process scan pool, the Trino cluster with its nodes sharing the
 * machine, so on one machine the comparison is of plans and operators, not of cluster scale-out.
 */
public final class TrinoTpchBench
{
    private TrinoTpchBench() {}

    public static void main(String[] args)
            throws Exception
    {
        // Trino's logging takes over System.out once a server starts: the report goes to the process's own stdout
        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        Map<String, String> options = options(args);
        double scaleFactor = Double.parseDouble(options.getOrDefault("--sf", "1"));
        String scaleName = BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
        Path data = Path.of(options.getOrDefault("--data", Path.of(System.getProperty("user.home"), ".trawl", "bench", "tpch-sf" + scaleName).toString()));
        int workers = Integer.parseInt(options.getOrDefault("--workers", "1"));
        int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
        List<Integer> queries = options.containsKey("--queries")
                ? Arrays.stream(options.get("--queries").split(",")).map(String::strip).map(Integer::parseInt).toList()
                : IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT).boxed().toList();

        TpchTables.generateIfAbsent(data, scaleFactor, TpchFormat.PARQUET, (int) Math.max(1, Math.round(scaleFactor * 4)));
        Path home = Files.createTempDirectory("trawl-trino-bench-");
        URI metaLocation = Files.createDirectories(home.resolve("meta")).toUri();
        Files.createDirectories(Path.of(ObjectStoreLedgerStorage.usageLocation(metaLocation)));
        LocalObjectStore store = new LocalObjectStore();
        CatalogStore catalog = new LakeCatalogStore(new ObjectStoreCatalogDocuments(store, metaLocation));
        QueryEngine trawl = new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults());
        Session trawlSession = TpchTables.registerTables(trawl, Session.defaults(), "tpch", data, TpchFormat.PARQUET);

        Map<String, String> properties = Map.of("trawl.meta-location", metaLocation.toString());
        TrawlPlugin plugin = new TrawlPlugin();
        Map<String, QueryCompletedEvent> completed = new ConcurrentHashMap<>();
        EventListener usage = plugin.getEventListenerFactories().iterator().next().create(properties, null);
        EventListener recorder = new EventListener()
        {
            @Override
            public void queryCompleted(QueryCompletedEvent event)
            {
                completed.put(event.getMetadata().getQueryId(), event);
            }
        };
        io.trino.Session trinoSession = testSessionBuilder().setCatalog("trawl").setSchema("tpch").setIdentity(Identity.ofUser("bench")).build();
        out.printf("TPC-H SF %s in %s; Trino: coordinator + %d worker(s); %d timed run(s) per query%n", scaleName, data, workers, runs);
        out.printf("%-4s %12s %12s %16s %16s%n", "q", "trawl ms", "trino ms", "trawl bytes", "trino bytes");
        try (DistributedQueryRunner runner = DistributedQueryRunner.builder(trinoSession).setWorkerCount(workers).setEventListeners(List.of(usage, recorder)).build()) {
            runner.installPlugin(new io.trino.spi.Plugin()
            {
                @Override
                public Iterable<io.trino.spi.connector.ConnectorFactory> getConnectorFactories()
                {
                    return plugin.getConnectorFactories();
                }
            });
            runner.createCatalog("trawl", TrawlConnectorFactory.NAME, properties);
            long trawlTotal = 0;
            long trinoTotal = 0;
            for (int query : queries) {
                String sql = TpchQueries.query(query, scaleFactor);
                trawl.execute(sql, trawlSession);
                runner.execute(trinoSession, sql);
                List<Long> trawlMillis = new ArrayList<>();
                List<Long> trinoMillis = new ArrayList<>();
                long trawlBytes = 0;
                long trinoBytes = 0;
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    QueryResult result = trawl.execute(sql, trawlSession);
                    trawlMillis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                    trawlBytes = result.bytesScanned();

                    start = System.nanoTime();
                    MaterializedResultWithPlan trino = runner.executeWithPlan(trinoSession, sql);
                    trinoMillis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                    trinoBytes = physicalInput(completed, trino.queryId().toString());
                }
                long trawlMedian = median(trawlMillis);
                long trinoMedian = median(trinoMillis);
                trawlTotal += trawlMedian;
                trinoTotal += trinoMedian;
                out.printf("Q%-3d %12d %12d %16d %16d%n", query, trawlMedian, trinoMedian, trawlBytes, trinoBytes);
            }
            out.printf("%-4s %12d %12d%n", "sum", trawlTotal, trinoTotal);
        }
    }

    private static long physicalInput(Map<String, QueryCompletedEvent> completed, String queryId)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!completed.containsKey(queryId) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        QueryCompletedEvent event = completed.get(queryId);
        return event == null ? -1 : event.getStatistics().getPhysicalInputBytes();
    }

    private static long median(List<Long> values)
    {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static Map<String, String> options(String[] args)
    {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--sf N] [--data DIR] [--workers N] [--runs N] [--queries 1,2,...]; not understood: " + args[i]);
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }
}
