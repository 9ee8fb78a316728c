package io.trawl.bench;

import io.trawl.billing.PricingPolicy;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.meter.CountingByteMeter;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.tpch.TpchQueries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code simulate --sf 1 --scale-to-sf 1000 --queries 1,6 --workers 100,1000 --memory 1769,3538}: predicts the
 * latency and Lambda price of a query's scan stage ({@link LambdaScanModel}) from real splits. The splits are
 * Trawl's own ({@code LakeScanProvider.planSplits}) on TPC-H Parquet data generated as the other bench commands
 * do; each split's bytes are the column chunks the query needs (its optimized plan's scans name the columns)
 * of the row groups the split owns, plus the file's footer, from the files' metadata ({@link NeededChunks}).
 * The split list is replicated to a larger scale factor (SF k's files ×(N/k) for SF N) and grouped into tasks
 * of a target size. Athena's price is for the same bytes. The query also runs once at the small scale factor,
 * so Trawl's billed bytes can be compared with the needed bytes the model uses.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Predict latency and Lambda cost of a query's scan for N workers of M MB, from real split sizes, next to Athena's price.")
final class SimulateCommand
        implements Callable<Integer>
{
    private static final long MIB = 1024 * 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sf", defaultValue = "1", description = "scale factor of the data whose splits are measured (default: ${DEFAULT-VALUE})")
    double scaleFactor;

    @Option(names = "--data", description = "data directory (default: ~/.trawl/bench/tpch-sf<N>); generated when absent")
    Path dataDirectory;

    @Option(names = "--scale-to-sf", description = "scale factor to predict for, a multiple of --sf (default: --sf)")
    Double scaleToFactor;

    @Option(names = "--queries", split = ",", defaultValue = "1,6", description = "TPC-H query numbers (default: ${DEFAULT-VALUE})")
    List<Integer> queries;

    @Option(names = "--workers", split = ",", defaultValue = "100,400,1000", description = "concurrent Lambda workers (default: ${DEFAULT-VALUE})")
    List<Integer> workerCounts;

    @Option(names = "--memory", split = ",", defaultValue = "1769,3538", description = "function memory in MB (default: ${DEFAULT-VALUE})")
    List<Integer> memorySizes;

    @Option(names = "--task-mib", defaultValue = "128", description = "target bytes read per task, MiB (default: ${DEFAULT-VALUE})")
    long taskMebibytes;

    @Option(names = "--scan-rate", defaultValue = "160", description = "measured scan rate, MB/s per core (bench scan; default: ${DEFAULT-VALUE})")
    double scanRatePerCore;

    @Option(names = "--network-rate", defaultValue = "78", description = "sustained S3 read rate of one function, MB/s (default: ${DEFAULT-VALUE})")
    double networkRate;

    @Option(names = "--overhead-ms", defaultValue = "25", description = "per-invocation overhead, ms, billed (default: ${DEFAULT-VALUE})")
    long overheadMillis;

    @Option(names = "--cold-start-ms", defaultValue = "1000", description = "cold start of a new worker, ms, billed (default: ${DEFAULT-VALUE})")
    long coldStartMillis;

    PrintStream out = System.out;

    @Override
    public Integer call()
            throws IOException
    {
        int replication = validate();
        double targetFactor = scaleToFactor != null ? scaleToFactor : scaleFactor;
        Path data = TpchBenchData.prepare(scaleFactor, dataDirectory);
        LambdaScanModel model = LambdaScanModel.defaults()
                .withMeasurements(scanRatePerCore, networkRate, Duration.ofMillis(overheadMillis), Duration.ofMillis(coldStartMillis));
        out.printf(Locale.ROOT, "Lambda scan model: %.0f MB/s per core, %.0f MB/s network per function, 1 vCPU per %d MB, %d ms per invocation, %d ms cold start, "
                        + "%d new environments per %d s, $%s per GB-s, $%s per 1M requests; tasks of <= %d MiB read; Athena $%s/TB (10 MB minimum)%n",
                model.scanMegabytesPerSecondPerCore(), model.networkMegabytesPerSecond(), model.megabytesPerVcpu(), overheadMillis, coldStartMillis,
                model.burstEnvironments(), model.burstWindow().toSeconds(), model.pricePerGigabyteSecond().toPlainString(), model.pricePerMillionRequests().toPlainString(),
                taskMebibytes, PricingPolicy.defaults().pricePerTerabyte().toPlainString());

        Path home = Files.createTempDirectory("trawl-bench-simulate-");
        try (DuckDbOracle duckDb = DuckDbOracle.open()) {
            CatalogStore catalog = new LocalCatalogStore(home.resolve("catalog"));
            QueryEngine planner = new QueryEngine(catalog, LakeScanProvider.forLocalFiles(), EngineConfig.defaults());
            Optional<Session> registered = TpchBenchData.registerTables(planner, data);
            if (registered.isEmpty()) {
                return 1;
            }
            Session session = registered.get();
            NeededChunks needed = new NeededChunks(duckDb);
            for (int query : queries) {
                System.err.printf("Q%02d ...%n", query);
                QuerySplits splits = querySplits(TpchQueries.query(query, scaleFactor), planner, session, needed);
                long measuredBytes = new QueryEngine(catalog, LakeScanProvider.forLocalFiles(), EngineConfig.defaults())
                        .execute(TpchQueries.query(query, scaleFactor), session).bytesScanned();
                long[] tasks = TaskGrouping.group(TaskGrouping.replicate(splits.bytes(), replication), taskMebibytes * MIB);
                out.print(report(query, targetFactor, replication, splits, measuredBytes, tasks, model));
            }
            return 0;
        }
        finally {
            TpchBenchCommand.deleteRecursively(home);
        }
    }

    private String report(int query, double targetFactor, int replication, QuerySplits splits, long measuredBytes, long[] tasks, LambdaScanModel model)
    {
        long neededAtSmallScale = 0;
        for (long bytes : splits.bytes()) {
            neededAtSmallScale += bytes;
        }
        long totalBytes = neededAtSmallScale * replication;
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%nTPC-H Q%d at SF %s: %s (%s); %d splits at SF %s x%d = %d splits -> %d tasks; reads %s (needed chunks + footers; "
                        + "Trawl billed %s at SF %s, needed %s: x%.3f)%n",
                query, TpchBenchCommand.scaleFactorName(targetFactor), String.join(", ", splits.tables()), String.join(", ", splits.columns()),
                splits.bytes().length, TpchBenchCommand.scaleFactorName(scaleFactor), replication, (long) splits.bytes().length * replication, tasks.length,
                BenchReport.formatBytes(totalBytes), BenchReport.formatBytes(measuredBytes), TpchBenchCommand.scaleFactorName(scaleFactor),
                BenchReport.formatBytes(neededAtSmallScale), (double) measuredBytes / Math.max(1, neededAtSmallScale)));
        String row = "%8s %7s %5s %12s %8s %6s %11s %12s %13s %12s %8s%n";
        report.append(row.formatted("workers", "mem MB", "vCPU", "MB/s/worker", "bound", "envs", "latency s", "GB-s", "Lambda $", "Athena $", "ratio"));
        BigDecimal athena = PricingPolicy.defaults().cost(totalBytes);
        for (int memoryMb : memorySizes) {
            for (int workers : workerCounts) {
                LambdaScanModel.ScanEstimate estimate = model.estimate(tasks, workers, memoryMb);
                report.append(row.formatted(workers, memoryMb, String.format(Locale.ROOT, "%.2f", estimate.vcpus()),
                        String.format(Locale.ROOT, "%.1f", estimate.workerBytesPerSecond() / 1e6), estimate.networkBound() ? "network" : "cpu",
                        estimate.environments(), String.format(Locale.ROOT, "%.2f", estimate.latency().toNanos() / 1e9),
                        estimate.gigabyteSeconds().setScale(1, RoundingMode.HALF_UP).toPlainString(),
                        "$" + estimate.lambdaCost().setScale(4, RoundingMode.HALF_UP).toPlainString(),
                        "$" + athena.setScale(4, RoundingMode.HALF_UP).toPlainString(),
                        String.format(Locale.ROOT, "%.3f", estimate.lambdaCost().doubleValue() / Math.max(1e-12, athena.doubleValue()))));
            }
        }
        return report.toString();
    }

    /** The splits of every table scan of the query's plan, each with the bytes it reads for this query. */
    private static QuerySplits querySplits(String sql, QueryEngine planner, Session session, NeededChunks needed)
    {
        List<TableScanNode> scans = ScannedBytesCommand.tableScans(planner.plan(ScannedBytesCommand.parseQuery(sql), session));
        LakeScanProvider provider = LakeScanProvider.forLocalFiles();
        List<Long> splitBytes = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (TableScanNode scan : scans) {
            Path directory = ScannedBytesCommand.tableDirectory(scan);
            tables.add(scan.table().name());
            columns.addAll(scan.columnNames());
            Map<Path, List<NeededChunks.RowGroupChunks>> rowGroupsByFile = new HashMap<>();
            for (NeededChunks.RowGroupChunks rowGroup : needed.rowGroups(directory)) {
                rowGroupsByFile.computeIfAbsent(rowGroup.file(), _ -> new ArrayList<>()).add(rowGroup);
            }
            for (ScanSplit split : provider.planSplits(scan.table(), new CountingByteMeter())) {
                Path file = Path.of(URI.create(split.path())).toAbsolutePath().normalize();
                long bytes = NeededChunks.footerLength(file);
                for (NeededChunks.RowGroupChunks rowGroup : rowGroupsByFile.getOrDefault(file, List.of())) {
                    // a split owns the row groups whose first byte lies inside it
                    if (rowGroup.start() >= split.start() && rowGroup.start() < split.start() + split.length()) {
                        bytes += rowGroup.columnBytes(scan.columnNames());
                    }
                }
                splitBytes.add(bytes);
            }
        }
        return new QuerySplits(tables, columns, splitBytes.stream().mapToLong(Long::longValue).toArray());
    }

    /** The replication factor from --sf to --scale-to-sf. */
    private int validate()
    {
        TpchBenchData.validate(spec, scaleFactor, queries);
        if (workerCounts.stream().anyMatch(workers -> workers < 1) || memorySizes.stream().anyMatch(memory -> memory < 128 || memory > 10_240)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be >= 1 and --memory within Lambda's 128..10240 MB");
        }
        if (taskMebibytes < 1 || !(scanRatePerCore > 0) || !(networkRate > 0) || overheadMillis < 0 || coldStartMillis < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--task-mib, --scan-rate and --network-rate must be positive, --overhead-ms and --cold-start-ms not negative");
        }
        double ratio = (scaleToFactor != null ? scaleToFactor : scaleFactor) / scaleFactor;
        long replication = Math.round(ratio);
        if (replication < 1 || Math.abs(ratio - replication) > 1e-9 * ratio) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale-to-sf must be a whole multiple of --sf: %s / %s".formatted(scaleToFactor, scaleFactor));
        }
        return Math.toIntExact(replication);
    }

    private record QuerySplits(List<String> tables, List<String> columns, long[] bytes)
    {
        QuerySplits
        {
            tables = List.copyOf(tables);
            columns = List.copyOf(columns);
        }
    }
}
