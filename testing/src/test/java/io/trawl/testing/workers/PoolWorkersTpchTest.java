package io.trawl.testing.workers;

import io.trawl.datagen.TpchFormat;
import io.trawl.engine.QueryResult;
import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.engine.fragment.TaskLimits;
import io.trawl.scan.runtime.pool.PoolTaskRunner;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.s3.S3TestServer;
import io.trawl.testing.s3.TpchS3Lake;
import io.trawl.testing.tpch.TpchQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TPC-H suite with scans shipped as serialized tasks to a pool of worker threads (the full task protocol:
 * fragment JSON, page encoding, result envelopes, spilled results) over the test S3 server: the same answers
 * as DuckDB and the same bytes scanned as the in-process default, query by query.
 */
class PoolWorkersTpchTest
{
    private static TpchS3Lake lake;
    private static PoolTaskRunner runner;
    private static RemoteWorkers workers;
    private static URI spillLocation;

    @BeforeAll
    static void start()
    {
        lake = TpchS3Lake.of(TpchFormat.PARQUET);
        runner = new PoolTaskRunner(lake.store(), 2);
        spillLocation = S3TestServer.shared().location("spill/pool/");
        // a small inline limit, so results of the larger tasks travel through the spill location
        TaskLimits limits = new TaskLimits(256L << 20, 16 * 1024, Optional.of(spillLocation.toString()));
        workers = new RemoteWorkers(runner, limits, 1L << 20);
    }

    @AfterAll
    static void stop()
    {
        runner.close();
    }

    static IntStream queryNumbers()
    {
        return IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queryNumbers")
    void sameAnswersAndBytesAsInProcessScans(int queryNumber)
    {
        String sql = TpchQueries.query(queryNumber, lake.scaleFactor());

        // fresh engines, so neither finds Parquet footers cached by earlier queries
        QueryResult remote = lake.newS3Engine().withWorkers(workers).execute(sql, lake.s3Session());
        QueryResult inProcess = lake.newS3Engine().execute(sql, lake.s3Session());

        ResultComparison.assertMatches("Q%d with pool workers:%n%s".formatted(queryNumber, sql), remote.columns(), TrawlRows.toRows(remote),
                lake.oracle().query(sql), TpchQueries.sortKeys(queryNumber));
        assertThat(remote.tasks()).as("Q%d ran its scans as tasks", queryNumber).isNotEmpty();
        assertThat(remote.bytesScanned()).as("Q%d bytes scanned with workers vs in process", queryNumber).isEqualTo(inProcess.bytesScanned());
    }

    @Test
    void spilledResultsAreRemovedWhenTheQueryEnds()
            throws Exception
    {
        long spilledBefore = runner.spilledResults();
        QueryResult result = lake.newS3Engine().withWorkers(workers).execute("SELECT l_orderkey, l_comment FROM lineitem", lake.s3Session());

        assertThat(runner.spilledResults() - spilledBefore).as("results over the 16 KB inline limit were spilled").isPositive();
        assertThat(result.rowCount()).isEqualTo(lake.oracle().query("SELECT count(*) FROM lineitem").getFirst().getFirst());
        List<?> left = lake.store().list(spillLocation);
        assertThat(left).as("spill objects left under %s", spillLocation).isEmpty();
    }
}
