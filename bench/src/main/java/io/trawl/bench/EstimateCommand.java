package io.trawl.bench;

import io.trawl.billing.PricingPolicy;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.engine.dryrun.QueryEstimate;
import io.trawl.engine.dryrun.TableScanEstimate;
import io.trawl.error.TrawlException;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.tpch.TpchQueries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code estimate --sf N [--data DIR] [--queries 1,6]}: for each TPC-H query on Parquet, the dry run's estimate
 * of the bytes it scans (what {@code EXPLAIN (TYPE IO)} and {@code trawl query --dry-run} report) next to the
 * bytes the query is billed for when it runs. The estimate and the run each use a new scan provider, so neither
 * is helped or charged by footers the other cached.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Dry-run estimate of the bytes each TPC-H query scans, next to the bytes it scans when run.")
final class EstimateCommand
        implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sf", required = true, description = "TPC-H scale factor, e.g. 1 or 0.1")
    double scaleFactor;

    @Option(names = "--data", description = "data directory (default: ~/.trawl/bench/tpch-sf<N>); generated when absent")
    Path dataDirectory;

    @Option(names = "--queries", split = ",", description = "query numbers, e.g. 1,3,6 (default: all 22)")
    List<Integer> queries;

    PrintStream out = System.out;

    @Override
    public Integer call()
            throws IOException
    {
        TpchBenchData.validate(spec, scaleFactor, queries);
        Path data = TpchBenchData.prepare(scaleFactor, dataDirectory);
        out.printf("TPC-H SF %s, Parquet in %s (%d files per table when generated); load average %s%n",
                TpchBenchCommand.scaleFactorName(scaleFactor), data, TpchBenchCommand.filesPerTable(scaleFactor), MachineLoad.describe());

        Path home = Files.createTempDirectory("trawl-bench-estimate-");
        try {
            CatalogStore catalog = new LocalCatalogStore(home.resolve("catalog"));
            Optional<Session> registered = TpchBenchData.registerTables(freshEngine(catalog), data);
            if (registered.isEmpty()) {
                return 1;
            }
            Session session = registered.get();
            List<EstimateOutcome> outcomes = new ArrayList<>();
            for (int query : selectedQueries()) {
                System.err.printf("Q%02d ...%n", query);
                outcomes.add(measure(query, catalog, session));
            }
            out.print(EstimateReport.format(outcomes, PricingPolicy.defaults()));
            out.printf("load average at the end: %s%n", MachineLoad.describe());
            return outcomes.stream().allMatch(outcome -> outcome.failure().isEmpty()) ? 0 : 1;
        }
        finally {
            TpchBenchCommand.deleteRecursively(home);
        }
    }

    private EstimateOutcome measure(int query, CatalogStore catalog, Session session)
    {
        String sql = TpchQueries.query(query, scaleFactor);
        try {
            QueryEstimate estimate = freshEngine(catalog).estimate(sql, session);
            long actual = freshEngine(catalog).execute(sql, session).bytesScanned();
            List<String> tables = estimate.scans().stream().map(TableScanEstimate::scan).map(scan -> scan.table().name()).toList();
            return new EstimateOutcome(query, tables, estimate.bytesScanned(), estimate.metadataBytesRead(), actual, Optional.empty());
        }
        catch (TrawlException e) {
            return EstimateOutcome.failed(query, "%s: %s".formatted(e.getClass().getSimpleName(), e.getMessage()));
        }
    }

    /** An engine with a scan provider of its own, so no footer is cached from another query or from the estimate. */
    private static QueryEngine freshEngine(CatalogStore catalog)
    {
        return new QueryEngine(catalog, LakeScanProvider.create(new LocalObjectStore()), EngineConfig.defaults());
    }


    private List<Integer> selectedQueries()
    {
        return TpchBenchData.selectedQueries(queries);
    }
}
