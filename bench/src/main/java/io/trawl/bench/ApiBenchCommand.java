package io.trawl.bench;

import io.micronaut.runtime.server.EmbeddedServer;
import io.trawl.api.http.TrawlApplication;
import io.trawl.api.service.ServerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code api [--endpoint URL] [--queries 300] [--pollers 4] [--seconds 10]}: the query API's own overhead, measured
 * with the AWS SDK's AthenaClient as users drive it. (1) A small query's latency, warm, from StartQueryExecution until
 * GetQueryResults has answered its rows, polling GetQueryExecution without pause; p50, p90, p99, max. (2) The rate of
 * GetQueryExecution polling the service sustains with N concurrent pollers, and its latency. Without an endpoint it
 * starts the API in this process over a temporary home (embedded engine, local meta store).
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Latency of a small query through the Athena API (p50/p99, warm) and the GetQueryExecution polling rate it sustains.")
final class ApiBenchCommand
        implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", description = "a running Trawl API (default: start one in this process)")
    URI endpoint;

    @Option(names = "--queries", defaultValue = "300", description = "measured small queries, after 50 warm-up ones (default: ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--pollers", defaultValue = "4", description = "concurrent GetQueryExecution pollers (default: ${DEFAULT-VALUE})")
    int pollers;

    @Option(names = "--seconds", defaultValue = "10", description = "how long the polling test runs (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--sql", defaultValue = "SELECT 1 AS one", description = "the small query (default: ${DEFAULT-VALUE})")
    String sql;

    @Override
    public Integer call()
            throws Exception
    {
        PrintWriter out = spec.commandLine().getOut();
        Path home = null;
        EmbeddedServer server = null;
        URI target = endpoint;
        if (target == null) {
            home = Files.createTempDirectory("trawl-bench-api-");
            server = TrawlApplication.start(ServerSettings.defaults(home), 0);
            target = URI.create("http://127.0.0.1:" + server.getPort());
        }
        try (AthenaClient athena = client(target)) {
            out.printf("endpoint %s  machine: %s%n", target, MachineLoad.describe());
            for (int i = 0; i < 50; i++) {
                runSmallQuery(athena);
            }
            long[] latencies = new long[queries];
            for (int i = 0; i < queries; i++) {
                latencies[i] = runSmallQuery(athena);
            }
            Arrays.sort(latencies);
            out.printf("small query (%s), %d warm runs: p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    sql, queries, millis(percentile(latencies, 50)), millis(percentile(latencies, 90)), millis(percentile(latencies, 99)), millis(latencies[latencies.length - 1]));

            String finished = athena.startQueryExecution(request -> request.queryString(sql)).queryExecutionId();
            awaitDone(athena, finished);
            pollingRate(target, finished, out);
        }
        finally {
            if (server != null) {
                server.getApplicationContext().close();
            }
            if (home != null) {
                deleteRecursively(home);
            }
        }
        out.flush();
        return 0;
    }

    private void pollingRate(URI target, String queryId, PrintWriter out)
            throws Exception
    {
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(pollers)) {
            for (int i = 0; i < pollers; i++) {
                results.add(threads.submit(() -> {
                    List<Long> own = new ArrayList<>();
                    try (AthenaClient athena = client(target)) {
                        while (!stop.get()) {
                            long begin = System.nanoTime();
                            athena.getQueryExecution(request -> request.queryExecutionId(queryId));
                            own.add(System.nanoTime() - begin);
                        }
                    }
                    return own.stream().mapToLong(Long::longValue).toArray();
                }));
            }
            Thread.sleep(Duration.ofSeconds(seconds));
            stop.set(true);
        }
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        List<Long> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            for (long latency : result.get()) {
                all.add(latency);
            }
        }
        long[] latencies = all.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf("GetQueryExecution polling, %d pollers for %d s: %.0f requests/s  p50 %.2f ms  p99 %.2f ms%n",
                pollers, seconds, latencies.length / elapsedSeconds, millis(percentile(latencies, 50)), millis(percentile(latencies, 99)));
    }

    private long runSmallQuery(AthenaClient athena)
    {
        long begin = System.nanoTime();
        String id = athena.startQueryExecution(request -> request.queryString(sql)).queryExecutionId();
        awaitDone(athena, id);
        athena.getQueryResults(request -> request.queryExecutionId(id));
        return System.nanoTime() - begin;
    }

    private static void awaitDone(AthenaClient athena, String id)
    {
        while (true) {
            QueryExecutionState state = athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution().status().state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new IllegalStateException("the benchmark query ended " + state);
            }
        }
    }

    private static AthenaClient client(URI endpoint)
    {
        return AthenaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench-secret")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    private static long percentile(long[] sorted, int percent)
    {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos)
    {
        return nanos / 1e6;
    }

    private static void deleteRecursively(Path root)
            throws IOException
    {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
