package io.trawl.testing.workers;

import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.engine.fragment.ScanTask;
import io.trawl.engine.fragment.TaskLimits;
import io.trawl.engine.fragment.TaskResult;
import io.trawl.engine.fragment.TaskRunner;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.runtime.pool.PoolTaskRunner;
import io.trawl.testing.s3.TpchS3Lake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A work group's bytes-scanned cutoff and a user's cancel stop a running scan, in process and on remote
 * workers; the query fails with the reason and has read (and is billed for) only what it read before.
 */
class QueryLimitsTest
{
    private static final String FULL_SCAN = "SELECT sum(l_extendedprice), count(l_comment) FROM lineitem";
    private static final long CUTOFF = 100_000;

    private static TpchS3Lake lake;
    private static PoolTaskRunner oneWorker;
    private static long fullScanBytes;

    @BeforeAll
    static void start()
    {
        lake = TpchS3Lake.of(TpchFormat.PARQUET);
        oneWorker = new PoolTaskRunner(lake.store(), 1);
        fullScanBytes = lake.newS3Engine().execute(FULL_SCAN, lake.s3Session()).bytesScanned();
    }

    @AfterAll
    static void stop()
    {
        oneWorker.close();
    }

    @Test
    void cutoffStopsAnInProcessScanAndBillsWhatItRead()
    {
        // one scan thread: the second split would start only after the first, and never does
        QueryEngine engine = lake.newS3Engine(new EngineConfig(EngineConfig.defaults().memoryLimitBytes(), 1));
        QueryControl control = new QueryControl("cutoff-in-process", OptionalLong.of(CUTOFF));

        assertThatThrownBy(() -> engine.execute(FULL_SCAN, lake.s3Session(), control))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_SCAN_LIMIT))
                .hasMessage(QueryControl.SCAN_LIMIT_MESSAGE);
        assertThat(control.bytesScanned()).as("read past the cutoff, but not the whole table (%s bytes)", fullScanBytes)
                .isGreaterThan(CUTOFF).isLessThan(fullScanBytes);
    }

    @Test
    void cutoffStopsRemoteTasksAsTheirMetricsArrive()
    {
        QueryEngine engine = lake.newS3Engine().withWorkers(new RemoteWorkers(oneWorker, limits(), 1));
        QueryControl control = new QueryControl("cutoff-remote", OptionalLong.of(CUTOFF));

        assertThatThrownBy(() -> engine.execute(FULL_SCAN, lake.s3Session(), control))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_SCAN_LIMIT));
        QueryResult whole = lake.newS3Engine().withWorkers(new RemoteWorkers(oneWorker, limits(), 1)).execute(FULL_SCAN, lake.s3Session());
        assertThat(whole.tasks()).as("the table is read by several tasks").hasSizeGreaterThan(1);
        long firstTaskBytes = whole.tasks().stream().mapToLong(io.trawl.engine.TaskStats::bytesScanned).max().orElseThrow();
        assertThat(control.bytesScanned()).as("billed: planning plus the one task whose metrics crossed the cutoff")
                .isGreaterThan(CUTOFF).isLessThanOrEqualTo(fullScanBytes - whole.tasks().stream().mapToLong(io.trawl.engine.TaskStats::bytesScanned).sum() + firstTaskBytes);
    }

    @Test
    void userCancelStopsTheQuery()
    {
        QueryControl control = new QueryControl("cancelled", OptionalLong.empty());
        // cancels the query as soon as the first task has finished, before the others run
        TaskRunner cancelling = new TaskRunner()
        {
            @Override
            public CompletableFuture<TaskResult> run(ScanTask task)
            {
                return oneWorker.run(task).whenComplete((result, failure) -> control.cancel());
            }

            @Override
            public int parallelism()
            {
                return 1;
            }
        };
        QueryEngine engine = lake.newS3Engine().withWorkers(new RemoteWorkers(cancelling, limits(), 1));

        assertThatThrownBy(() -> engine.execute(FULL_SCAN, lake.s3Session(), control))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUERY_CANCELLED))
                .hasMessage("Query was cancelled by the user");
        assertThat(control.bytesScanned()).isPositive().isLessThan(fullScanBytes);
    }

    private static TaskLimits limits()
    {
        return new TaskLimits(256L << 20, 4L << 20, Optional.empty());
    }
}
