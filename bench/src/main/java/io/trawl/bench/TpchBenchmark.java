package io.trawl.bench;

import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.error.TrawlException;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.tpch.TpchQueries;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Runs TPC-H queries through Trawl (one warm-up, then timed runs) and checks every answer against DuckDB on
 * the same files; optionally times DuckDB too. One query's failure is recorded and the run goes on.
 */
final class TpchBenchmark
{
    private final QueryEngine engine;
    private final Session session;
    private final DuckDbOracle oracle;
    private final double scaleFactor;
    private final int runs;
    private final boolean timeDuckDb;
    private final PrintStream progress;

    TpchBenchmark(QueryEngine engine, Session session, DuckDbOracle oracle, double scaleFactor, int runs, boolean timeDuckDb, PrintStream progress)
    {
        this.engine = requireNonNull(engine, "engine is null");
        this.session = requireNonNull(session, "session is null");
        this.oracle = requireNonNull(oracle, "oracle is null");
        this.scaleFactor = scaleFactor;
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1: " + runs);
        }
        this.runs = runs;
        this.timeDuckDb = timeDuckDb;
        this.progress = requireNonNull(progress, "progress is null");
    }

    List<QueryOutcome> run(List<Integer> queries)
    {
        List<QueryOutcome> outcomes = new ArrayList<>();
        for (int query : queries) {
            progress.printf("Q%02d ...%n", query);
            outcomes.add(runQuery(query));
        }
        return outcomes;
    }

    private QueryOutcome runQuery(int query)
    {
        String sql = TpchQueries.query(query, scaleFactor);
        QueryResult result;
        List<Long> trawlMillis = new ArrayList<>();
        try {
            result = engine.execute(sql, session);
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                result = engine.execute(sql, session);
                trawlMillis.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        catch (TrawlException e) {
            return QueryOutcome.failed(query, "%s: %s".formatted(e.getClass().getSimpleName(), e.getMessage()));
        }
        catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return QueryOutcome.failed(query, "%s: %s".formatted(e.getClass().getName(), e.getMessage()));
        }

        List<List<Object>> oracleRows;
        List<Long> duckDbMillis = new ArrayList<>();
        try {
            oracleRows = oracle.query(sql);
            if (timeDuckDb) {
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    oracle.query(sql);
                    duckDbMillis.add((System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        catch (RuntimeException e) {
            return new QueryOutcome(query, QueryOutcome.Status.FAILED, trawlMillis, result.bytesScanned(), List.of(),
                    Optional.of("DuckDB could not answer: " + e.getMessage()));
        }

        try {
            ResultComparison.assertMatches("Q" + query, result.columns(), TrawlRows.toRows(result), oracleRows, TpchQueries.sortKeys(query));
        }
        catch (AssertionError e) {
            return new QueryOutcome(query, QueryOutcome.Status.WRONG, trawlMillis, result.bytesScanned(), duckDbMillis, Optional.of(e.getMessage()));
        }
        return new QueryOutcome(query, QueryOutcome.Status.OK, trawlMillis, result.bytesScanned(), duckDbMillis, Optional.empty());
    }
}
