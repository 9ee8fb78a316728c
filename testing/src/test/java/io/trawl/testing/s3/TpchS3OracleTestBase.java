package io.trawl.testing.s3;

import io.trawl.engine.QueryResult;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.tpch.TpchQueries;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a TPC-H query with the tables on the test S3 server, holds the answer to DuckDB's on the local copy of
 * the same files, and holds the bytes scanned to those of the same query over the local copy: the same reads,
 * metered at the same point.
 */
abstract class TpchS3OracleTestBase
{
    static IntStream queryNumbers()
    {
        return IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT);
    }

    static void assertMatchesOracleAndLocalMetering(TpchS3Lake lake, int queryNumber)
    {
        String sql = TpchQueries.query(queryNumber, lake.scaleFactor());

        QueryResult onS3 = lake.runOnS3(sql);
        QueryResult onLocalDisk = lake.runLocally(sql);
        List<List<Object>> oracleRows = lake.oracle().query(sql);

        ResultComparison.assertMatches(
                "Q%d on %s at %s:%n%s".formatted(queryNumber, lake.format(), lake.s3Location(), sql),
                onS3.columns(),
                TrawlRows.toRows(onS3),
                oracleRows,
                TpchQueries.sortKeys(queryNumber));
        assertThat(onS3.bytesScanned())
                .as("Q%d reads TPC-H tables from S3, so it scans bytes", queryNumber)
                .isPositive();
        assertThat(onS3.bytesScanned())
                .as("Q%d meters the same bytes from S3 as from local disk", queryNumber)
                .isEqualTo(onLocalDisk.bytesScanned());
    }
}
