package io.trawl.bench;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.engine.parser.StatementParser;
import io.trawl.engine.parser.TrinoStatement;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.error.TrawlException;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.ScanConfig;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.tpch.TpchQueries;
import io.trino.sql.tree.Query;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code bytes --sf N [--data DIR] [--queries 1,6]}: for each TPC-H query on Parquet, the bytes Trawl billed next
 * to the needed column chunks plus footers computed from the files' own metadata ({@link NeededChunks}). The
 * columns a query needs are those its optimized plan's table scans name. Each query runs on a new scan provider,
 * so its footers are fetched (and billed) by that query, not served from an earlier query's cache.
 */
@Command(name = "bytes", mixinStandardHelpOptions = true,
        description = "Bytes scanned per TPC-H query on Parquet next to the needed column chunks plus footers, from the files' metadata.")
final class ScannedBytesCommand
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

        Path home = Files.createTempDirectory("trawl-bench-bytes-");
        try (DuckDbOracle duckDb = DuckDbOracle.open()) {
            CatalogStore catalog = new LocalCatalogStore(home.resolve("catalog"));
            QueryEngine planner = new QueryEngine(catalog, LakeScanProvider.forLocalFiles(), EngineConfig.defaults());
            Optional<Session> registered = TpchBenchData.registerTables(planner, data);
            if (registered.isEmpty()) {
                return 1;
            }
            Session session = registered.get();
            NeededChunks needed = new NeededChunks(duckDb);
            List<ScannedBytesOutcome> outcomes = new ArrayList<>();
            for (int query : selectedQueries()) {
                System.err.printf("Q%02d ...%n", query);
                outcomes.add(measure(query, catalog, planner, session, needed));
            }
            out.print(ScannedBytesReport.format(outcomes));
            out.printf("load average at the end: %s%n", MachineLoad.describe());
            return outcomes.stream().allMatch(outcome -> outcome.failure().isEmpty()) ? 0 : 1;
        }
        finally {
            TpchBenchCommand.deleteRecursively(home);
        }
    }

    private ScannedBytesOutcome measure(int query, CatalogStore catalog, QueryEngine planner, Session session, NeededChunks needed)
    {
        String sql = TpchQueries.query(query, scaleFactor);
        try {
            List<TableScanNode> scans = tableScans(planner.plan(parseQuery(sql), session));
            long trawlBytes = bytesScanned(sql, catalog, session, ScanConfig.defaults());
            // without merging, gaps between chunks are not read: what is left above the needed bytes is pruning reads
            long unmergedBytes = bytesScanned(sql, catalog, session, new ScanConfig(ScanConfig.defaults().targetSplitBytes(), 0));

            Map<Path, Set<String>> columnsPerTable = new LinkedHashMap<>();
            long neededPerScan = 0;
            for (TableScanNode scan : scans) {
                Path directory = tableDirectory(scan);
                columnsPerTable.computeIfAbsent(directory, _ -> new LinkedHashSet<>()).addAll(scan.columnNames());
                neededPerScan += needed.columnBytes(directory, scan.columnNames());
            }
            long neededOnce = 0;
            for (Map.Entry<Path, Set<String>> table : columnsPerTable.entrySet()) {
                long footers = needed.footerBytes(table.getKey());
                neededOnce += footers + needed.columnBytes(table.getKey(), table.getValue());
                neededPerScan += footers;
            }
            List<String> tableNames = scans.stream().map(scan -> scan.table().name()).toList();
            return new ScannedBytesOutcome(query, tableNames, trawlBytes, unmergedBytes, neededOnce, neededPerScan, Optional.empty());
        }
        catch (TrawlException | IllegalStateException | UncheckedIOException e) {
            return ScannedBytesOutcome.failed(query, "%s: %s".formatted(e.getClass().getSimpleName(), e.getMessage()));
        }
    }

    /** Runs the query on a new scan provider, so no footer is cached from planning or from another query. */
    private static long bytesScanned(String sql, CatalogStore catalog, Session session, ScanConfig config)
    {
        QueryEngine engine = new QueryEngine(catalog, new LakeScanProvider(new LocalObjectStore(), config), EngineConfig.defaults());
        return engine.execute(sql, session).bytesScanned();
    }

    static Query parseQuery(String sql)
    {
        if (StatementParser.parse(sql) instanceof TrinoStatement(Query query)) {
            return query;
        }
        throw new IllegalStateException("not a query: " + sql);
    }

    /** Every table scan of the plan, in plan order; a table read twice appears twice. */
    static List<TableScanNode> tableScans(PlanNode plan)
    {
        List<TableScanNode> scans = new ArrayList<>();
        collectScans(plan, scans);
        return scans;
    }

    private static void collectScans(PlanNode node, List<TableScanNode> scans)
    {
        if (node instanceof TableScanNode scan) {
            scans.add(scan);
        }
        for (PlanNode source : node.sources()) {
            collectScans(source, scans);
        }
    }

    static Path tableDirectory(TableScanNode scan)
    {
        return Path.of(URI.create(scan.table().storageDescriptor().location()));
    }


    private List<Integer> selectedQueries()
    {
        return TpchBenchData.selectedQueries(queries);
    }
}
