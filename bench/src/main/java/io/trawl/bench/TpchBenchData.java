package io.trawl.bench;

import io.trawl.datagen.TpchFormat;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.error.TrawlException;
import io.trawl.testing.tpch.TpchQueries;
import io.trawl.testing.tpch.TpchTables;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** What the TPC-H bench commands share: their data directory, its tables, and the queries they run. */
final class TpchBenchData
{
    private TpchBenchData() {}

    /** The Parquet data of {@code scaleFactor} in {@code dataDirectory} (default under ~/.trawl/bench), generated when absent. */
    static Path prepare(double scaleFactor, Path dataDirectory)
    {
        Path data = dataDirectory != null ? dataDirectory : TpchBenchCommand.defaultDataDirectory(scaleFactor);
        TpchTables.generateIfAbsent(data, scaleFactor, TpchFormat.PARQUET, TpchBenchCommand.filesPerTable(scaleFactor));
        return data;
    }

    /** The TPC-H tables over {@code data} in schema {@code tpch}, or empty (having said why on stderr). */
    static Optional<Session> registerTables(QueryEngine engine, Path data)
    {
        try {
            return Optional.of(TpchTables.registerTables(engine, Session.defaults(), "tpch", data, TpchFormat.PARQUET));
        }
        catch (TrawlException e) {
            System.err.printf("cannot register the TPC-H tables over %s: %s%n", data, e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code --queries} as given, or all 22 when none are. */
    static List<Integer> selectedQueries(List<Integer> queries)
    {
        if (queries == null || queries.isEmpty()) {
            return IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT).boxed().toList();
        }
        return List.copyOf(queries);
    }

    /** Refuses a non-positive scale factor and query numbers TPC-H does not have. */
    static void validate(CommandLine.Model.CommandSpec spec, double scaleFactor, List<Integer> queries)
    {
        if (!(scaleFactor > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sf must be positive: " + scaleFactor);
        }
        for (int query : selectedQueries(queries)) {
            if (query < 1 || query > TpchQueries.QUERY_COUNT) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--queries: TPC-H has queries 1 to 22, not " + query);
            }
        }
    }
}
