package io.trawl.bench;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.tpch.TpchTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code tpch --sf N [--data DIR] [--vs duckdb] [--runs 3] [--queries 1,3,6]}: generates Parquet data when
 * absent, registers it in a temporary catalog, and runs the queries, checking each answer against DuckDB.
 */
@Command(name = "tpch", mixinStandardHelpOptions = true, description = "Run the TPC-H queries on Parquet data, checking each answer against DuckDB.")
final class TpchBenchCommand
        implements Callable<Integer>
{
    enum Rival { duckdb }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sf", required = true, description = "TPC-H scale factor, e.g. 1 or 0.1")
    double scaleFactor;

    @Option(names = "--data", description = "data directory (default: ~/.trawl/bench/tpch-sf<N>); generated when absent")
    Path dataDirectory;

    @Option(names = "--vs", description = "also time this engine on the same files (2 threads): ${COMPLETION-CANDIDATES}")
    Rival rival;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs per query after one warm-up (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--queries", split = ",", description = "query numbers, e.g. 1,3,6 (default: all 22)")
    List<Integer> queries;

    @Override
    public Integer call()
            throws IOException
    {
        validate();
        Path data = TpchBenchData.prepare(scaleFactor, dataDirectory);
        System.out.printf("TPC-H SF %s, Parquet in %s (%d files per table when generated)%n", scaleFactorName(scaleFactor), data, filesPerTable(scaleFactor));

        Path home = Files.createTempDirectory("trawl-bench-home-");
        try (DuckDbOracle oracle = DuckDbOracle.open()) {
            QueryEngine engine = new QueryEngine(new LocalCatalogStore(home.resolve("catalog")), LakeScanProvider.forLocalFiles(), EngineConfig.defaults());
            Optional<Session> registered = TpchBenchData.registerTables(engine, data);
            if (registered.isEmpty()) {
                return 1;
            }
            Session session = registered.get();
            TpchTables.createOracleViews(oracle, data, TpchFormat.PARQUET);

            TpchBenchmark benchmark = new TpchBenchmark(engine, session, oracle, scaleFactor, runs, rival != null, System.err);
            List<QueryOutcome> outcomes = benchmark.run(selectedQueries());

            System.out.print(BenchReport.format(outcomes, rival != null));
            boolean allOk = outcomes.stream().allMatch(outcome -> outcome.status() == QueryOutcome.Status.OK);
            return allOk ? 0 : 1;
        }
        finally {
            deleteRecursively(home);
        }
    }

    private void validate()
    {
        if (runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1: " + runs);
        }
        TpchBenchData.validate(spec, scaleFactor, queries);
    }

    private List<Integer> selectedQueries()
    {
        return TpchBenchData.selectedQueries(queries);
    }

    static Path defaultDataDirectory(double scaleFactor)
    {
        return Path.of(System.getProperty("user.home"), ".trawl", "bench", "tpch-sf" + scaleFactorName(scaleFactor));
    }

    /** About four files per scale factor unit, so large tables are read as several splits; at least one. */
    static int filesPerTable(double scaleFactor)
    {
        return (int) Math.max(1, Math.round(scaleFactor * 4));
    }

    static String scaleFactorName(double scaleFactor)
    {
        return BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
    }

    static void deleteRecursively(Path directory)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
