package io.trawl.testing.tpch;

import io.trawl.engine.QueryResult;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a TPC-H query through Trawl and through DuckDB on the same files, and holds Trawl to DuckDB's answer. */
abstract class TpchOracleTestBase
{
    static IntStream queryNumbers()
    {
        return IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT);
    }

    static void assertMatchesOracle(TpchLake lake, int queryNumber)
    {
        String sql = TpchQueries.query(queryNumber, lake.scaleFactor());

        QueryResult result = lake.run(sql);
        List<List<Object>> oracleRows = lake.oracle().query(sql);

        ResultComparison.assertMatches(
                "Q%d on %s:%n%s".formatted(queryNumber, lake.format(), sql),
                result.columns(),
                TrawlRows.toRows(result),
                oracleRows,
                TpchQueries.sortKeys(queryNumber));
        assertThat(result.bytesScanned())
                .as("Q%d reads TPC-H tables from storage, so it scans bytes", queryNumber)
                .isPositive();
    }
}
