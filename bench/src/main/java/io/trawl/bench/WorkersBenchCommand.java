package io.trawl.bench;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.engine.fragment.TaskLimits;
import io.trawl.engine.fragment.TaskRunner;
import io.trawl.error.TrawlException;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.runtime.TaskResults;
import io.trawl.scan.runtime.lambda.LambdaRunnerConfig;
import io.trawl.scan.runtime.lambda.LambdaTaskRunner;
import io.trawl.scan.runtime.lambda.ScanWorkerHandler;
import io.trawl.scan.runtime.pool.PoolTaskRunner;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStore;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.lambda.InvocationRecord;
import io.trawl.testing.lambda.LambdaFunction;
import io.trawl.testing.lambda.LocalLambdaServer;
import io.trawl.testing.tpch.TpchQueries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code workers --sf N [--workers 2] [--runs 2] [--queries ...]}: the TPC-H queries with their scans run three
 * ways over the same local Parquet files: in this process's scan threads (the embedded default), as serialized
 * tasks on a pool of worker threads ({@link PoolTaskRunner}), and as invocations of the real scan-worker handler
 * through {@code LambdaAsyncClient} and the local Lambda endpoint ({@link LocalLambdaServer}, one class loader per
 * container). Each engine is fresh per query, answers and bytes scanned are checked against the in-process run,
 * and the report gives each runtime's total time in the last run, the per-task overhead of the pool and of the
 * Lambda path, the workers' cold starts, and how fast a bytes-scanned cutoff stops a full scan of lineitem.
 */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "Per-task overhead of the pool and Lambda scan runtimes vs in-process scans on TPC-H; worker cold start; cutoff reaction time.")
final class WorkersBenchCommand
        implements Callable<Integer>
{
    private static final String FUNCTION = "trawl-scan-worker";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sf", required = true, description = "TPC-H scale factor, e.g. 1")
    double scaleFactor;

    @Option(names = "--data", description = "data directory (default: ~/.trawl/bench/tpch-sf<N>); generated when absent")
    Path dataDirectory;

    @Option(names = "--queries", split = ",", description = "query numbers, e.g. 1,3,6 (default: all 22)")
    List<Integer> queries;

    @Option(names = "--workers", defaultValue = "2", description = "worker threads / concurrent Lambda containers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--runs", defaultValue = "2", description = "runs of the query set; the last one is reported (default: ${DEFAULT-VALUE})")
    int runs;

    PrintStream out = System.out;

    private record Runtime(String name, Function<QueryEngine, QueryEngine> engine) {}

    @Override
    public Integer call()
            throws IOException
    {
        TpchBenchData.validate(spec, scaleFactor, queries);
        if (workers < 1 || runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers and --runs must be at least 1");
        }
        Path data = TpchBenchData.prepare(scaleFactor, dataDirectory).toAbsolutePath();
        out.printf("TPC-H SF %s, Parquet in %s; %d workers; load average %s%n", TpchBenchCommand.scaleFactorName(scaleFactor), data, workers, MachineLoad.describe());
        Path home = Files.createTempDirectory("trawl-bench-workers-");
        ObjectStore store = new LocalObjectStore();
        TaskLimits limits = new TaskLimits(EngineConfig.defaults().memoryLimitBytes() / Math.max(1, workers), TaskLimits.LAMBDA_INLINE_RESULT_BYTES,
                Optional.of(home.resolve("spill").toUri().toString()));
        try (LocalLambdaServer lambda = LocalLambdaServer.start();
                LambdaAsyncClient client = lambdaClient(lambda);
                PoolTaskRunner pool = new PoolTaskRunner(store, workers);
                LambdaTaskRunner onLambda = new LambdaTaskRunner(client, LambdaRunnerConfig.defaults(FUNCTION).withMaxConcurrency(workers)
                        .withSpeculation(1000, Duration.ofHours(1), Integer.MAX_VALUE), new TaskResults(store))) {
            lambda.register(LambdaFunction.builder(FUNCTION, ScanWorkerHandler.class.getName()).environment(Map.of()).memoryMb(1769)
                    .timeout(Duration.ofMinutes(15)).reservedConcurrency(workers).build());
            CatalogStore catalog = new LocalCatalogStore(home.resolve("catalog"));
            Optional<Session> registered = TpchBenchData.registerTables(freshEngine(catalog), data);
            if (registered.isEmpty()) {
                return 1;
            }
            Session session = registered.get();
            List<Runtime> runtimes = List.of(
                    new Runtime("in-process", Function.identity()),
                    new Runtime("pool", engine -> engine.withWorkers(new RemoteWorkers(pool, limits, 128L << 20))),
                    new Runtime("lambda", engine -> engine.withWorkers(new RemoteWorkers(onLambda, limits, 128L << 20))));
            long[] millis = new long[runtimes.size()];
            long[] tasks = new long[runtimes.size()];
            boolean allAgree = true;
            for (int run = 1; run <= runs; run++) {
                java.util.Arrays.fill(millis, 0);
                java.util.Arrays.fill(tasks, 0);
                for (int query : TpchBenchData.selectedQueries(queries)) {
                    System.err.printf("run %d Q%02d ...%n", run, query);
                    String sql = TpchQueries.query(query, scaleFactor);
                    QueryResult reference = null;
                    for (int i = 0; i < runtimes.size(); i++) {
                        QueryEngine engine = runtimes.get(i).engine().apply(freshEngine(catalog));
                        long start = System.nanoTime();
                        QueryResult result = engine.execute(sql, session);
                        millis[i] += (System.nanoTime() - start) / 1_000_000;
                        tasks[i] += result.tasks().size();
                        if (reference == null) {
                            reference = result;
                        }
                        else {
                            allAgree &= agrees(query, runtimes.get(i).name(), result, reference);
                        }
                    }
                }
            }
            for (int i = 0; i < runtimes.size(); i++) {
                out.printf(Locale.ROOT, "%-10s %8d ms  %5d tasks%n", runtimes.get(i).name(), millis[i], tasks[i]);
            }
            out.printf(Locale.ROOT, "per-task overhead: pool vs in-process %.1f ms, lambda vs pool %.1f ms (last run)%n",
                    (millis[1] - millis[0]) / (double) tasks[1], (millis[2] - millis[1]) / (double) tasks[2]);
            reportColdStarts(lambda.invocations(FUNCTION));
            reportCutoff("in-process", freshEngine(catalog), session);
            reportCutoff("lambda", freshEngine(catalog).withWorkers(new RemoteWorkers(onLambda, limits, 128L << 20)), session);
            out.printf("answers and bytes scanned: %s; load average at the end: %s%n", allAgree ? "identical in all runtimes" : "DIFFERENT (see stderr)", MachineLoad.describe());
            return allAgree ? 0 : 1;
        }
        finally {
            TpchBenchCommand.deleteRecursively(home);
        }
    }

    private boolean agrees(int query, String runtime, QueryResult result, QueryResult reference)
    {
        try {
            ResultComparison.assertMatches("Q%d on %s".formatted(query, runtime), result.columns(), TrawlRows.toRows(result), TrawlRows.toRows(reference), TpchQueries.sortKeys(query));
        }
        catch (AssertionError e) {
            System.err.printf("Q%d on %s: a different answer than in process: %s%n", query, runtime, e.getMessage());
            return false;
        }
        if (result.bytesScanned() != reference.bytesScanned()) {
            System.err.printf("Q%d on %s: %d bytes scanned, in process %d%n", query, runtime, result.bytesScanned(), reference.bytesScanned());
            return false;
        }
        return true;
    }

    private void reportColdStarts(List<InvocationRecord> invocations)
    {
        List<InvocationRecord> cold = invocations.stream().filter(InvocationRecord::coldStart).toList();
        long[] warm = invocations.stream().filter(record -> !record.coldStart()).mapToLong(record -> record.duration().toMillis()).sorted().toArray();
        for (InvocationRecord record : cold) {
            out.printf("lambda cold start: init %d ms, first invocation %d ms%n", record.initDuration().toMillis(), record.duration().toMillis());
        }
        out.printf("lambda warm invocations: %d, median %d ms%n", warm.length, warm.length == 0 ? 0 : warm[warm.length / 2]);
    }

    /** A full scan of lineitem under a cutoff of a tenth of what it reads: how long after crossing the query fails, and what it read. */
    private void reportCutoff(String runtime, QueryEngine engine, Session session)
    {
        String sql = "SELECT sum(l_extendedprice), count(l_comment) FROM lineitem";
        long full = engine.execute(sql, session).bytesScanned();
        QueryControl control = new QueryControl("cutoff-" + runtime, OptionalLong.of(full / 10));
        try {
            engine.execute(sql, session, control);
            out.printf("cutoff (%s): the query finished, it did not stop%n", runtime);
        }
        catch (TrawlException e) {
            out.printf(Locale.ROOT, "cutoff (%s): %s %.1f ms after crossing %d bytes; read %d of %d bytes%n", runtime, e.errorCode(), (System.nanoTime() - control.cancelledAtNanos()) / 1e6,
                    full / 10, control.bytesScanned(), full);
        }
    }

    private static QueryEngine freshEngine(CatalogStore catalog)
    {
        return new QueryEngine(catalog, LakeScanProvider.create(new LocalObjectStore()), EngineConfig.defaults());
    }

    private static LambdaAsyncClient lambdaClient(LocalLambdaServer lambda)
    {
        return LambdaAsyncClient.builder()
                .endpointOverride(lambda.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofMinutes(16)).maxConcurrency(256))
                .build();
    }
}
