package io.trawl.bench;

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
import io.trawl.scan.store.StoredObject;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.s3.S3TestServer;
import io.trawl.testing.tpch.TpchQueries;
import io.trawl.testing.tpch.TpchTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code scan --sf N [--data DIR] [--s3] [--runs 3]}: TPC-H Q6 (a scan of four lineitem columns with a filter and
 * one sum) as a measure of scan throughput: compressed bytes scanned per second of wall time per core, from
 * local disk and, with {@code --s3}, from the in-process S3 server ({@link S3TestServer#startOnDisk}, its store
 * a folder {@code _s3} under the data directory, so the files are uploaded once and not held in memory).
 * One warm-up run, then timed runs; the warm-up fetches the footers, so timed runs meter the column chunks.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "TPC-H Q6 scan throughput (compressed MB/s per core) from local disk and, with --s3, from the in-process S3 server.")
final class ScanThroughputCommand
        implements Callable<Integer>
{
    private static final int QUERY = 6;
    private static final String TABLE = "lineitem";
    private static final String SCHEMA = "tpch";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sf", required = true, description = "TPC-H scale factor, e.g. 10")
    double scaleFactor;

    @Option(names = "--data", description = "data directory (default: ~/.trawl/bench/tpch-sf<N>); generated when absent")
    Path dataDirectory;

    @Option(names = "--s3", description = "also read lineitem from the in-process S3 server")
    boolean s3;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs after one warm-up (default: ${DEFAULT-VALUE})")
    int runs;

    PrintStream out = System.out;

    @Override
    public Integer call()
            throws IOException
    {
        validate();
        Path data = (dataDirectory != null ? dataDirectory : TpchBenchCommand.defaultDataDirectory(scaleFactor)).toAbsolutePath();
        int filesPerTable = TpchBenchCommand.filesPerTable(scaleFactor);
        TpchTables.generateIfAbsent(data, scaleFactor, TpchFormat.PARQUET, filesPerTable);
        List<Path> files = NeededChunks.dataFiles(data.resolve(TABLE));
        long fileBytes = 0;
        for (Path file : files) {
            fileBytes += Files.size(file);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("TPC-H Q%d, SF %s, %s: %d files, %s in %s; %d cores (availableProcessors); load average %s%n",
                QUERY, TpchBenchCommand.scaleFactorName(scaleFactor), TABLE, files.size(), BenchReport.formatBytes(fileBytes), data.resolve(TABLE), cores, MachineLoad.describe());

        String sql = TpchQueries.query(QUERY, scaleFactor);
        Path home = Files.createTempDirectory("trawl-bench-scan-");
        try {
            List<ScanThroughput> results = new ArrayList<>();
            QueryEngine localEngine = new QueryEngine(new LocalCatalogStore(home.resolve("local-catalog")), LakeScanProvider.forLocalFiles(), EngineConfig.defaults());
            Session localSession = registerLineitem(localEngine, data.resolve(TABLE).toUri());
            System.err.println("local disk ...");
            Measurement local = measure(localEngine, localSession, sql);
            results.add(new ScanThroughput("local disk", local.bytesScanned(), local.wallMillis(), local.cpuMillis(), cores, true));

            if (s3) {
                S3TestServer server = S3TestServer.startOnDisk(data.resolve("_s3"));
                try {
                    URI location = server.location("tpch-sf%s/%s/".formatted(TpchBenchCommand.scaleFactorName(scaleFactor), TABLE));
                    uploadMissing(server, files, location);
                    RoutingObjectStore store = new RoutingObjectStore(new LocalObjectStore(), server::store);
                    QueryEngine s3Engine = new QueryEngine(new LocalCatalogStore(home.resolve("s3-catalog")), LakeScanProvider.create(store), EngineConfig.defaults(),
                            new ObjectStoreLocationValidator(store), Set.of());
                    Session s3Session = registerLineitem(s3Engine, location);
                    System.err.println("in-process S3 ...");
                    Measurement remote = measure(s3Engine, s3Session, sql);
                    results.add(new ScanThroughput("in-process S3 (S3Proxy, nio2 disk)", remote.bytesScanned(), remote.wallMillis(), remote.cpuMillis(), cores, remote.rows().equals(local.rows())));
                }
                finally {
                    server.stop();
                }
            }
            out.print(ScanThroughput.format(results));
            out.printf("load average at the end: %s%n", MachineLoad.describe());
            return results.stream().allMatch(ScanThroughput::sameAnswerAsLocal) ? 0 : 1;
        }
        finally {
            TpchBenchCommand.deleteRecursively(home);
        }
    }

    private static Session registerLineitem(QueryEngine engine, URI location)
    {
        Session session = engine.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA, Session.defaults()).session();
        session = engine.execute(TpchGenerator.createTableSql(SCHEMA, TABLE, location, TpchFormat.PARQUET), session).session();
        return session.withSchema(SCHEMA);
    }

    private Measurement measure(QueryEngine engine, Session session, String sql)
    {
        QueryResult result = engine.execute(sql, session);
        List<Long> wallMillis = new ArrayList<>();
        long bytesScanned = 0;
        long cpuStart = processCpuNanos();
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            result = engine.execute(sql, session);
            wallMillis.add((System.nanoTime() - start) / 1_000_000);
            bytesScanned = result.bytesScanned();
        }
        long cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
        return new Measurement(bytesScanned, wallMillis, cpuMillis, TrawlRows.toRows(result));
    }

    private static long processCpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Uploads the files the server does not hold yet with the same size; a finished upload is not repeated. */
    private static void uploadMissing(S3TestServer server, List<Path> files, URI location)
            throws IOException
    {
        Map<String, Long> stored = new HashMap<>();
        for (StoredObject object : server.store().list(location)) {
            stored.put(object.fileName(), object.size());
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (stored.getOrDefault(name, -1L) == Files.size(file)) {
                continue;
            }
            System.err.printf("uploading %s to %s%n", name, location);
            try (InputStream in = Files.newInputStream(file); OutputStream upload = server.store().create(location.resolve(name))) {
                in.transferTo(upload);
            }
        }
    }

    private void validate()
    {
        if (!(scaleFactor > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sf must be positive: " + scaleFactor);
        }
        if (runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1: " + runs);
        }
    }

    private record Measurement(long bytesScanned, List<Long> wallMillis, long cpuMillis, List<List<Object>> rows)
    {
        Measurement
        {
            wallMillis = List.copyOf(wallMillis);
            rows = List.copyOf(rows);
        }
    }
}
