package io.trawl.infra.coldstart;

import io.trawl.engine.QueryResult;
import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.engine.fragment.ScanTask;
import io.trawl.engine.fragment.TaskCodec;
import io.trawl.engine.fragment.TaskLimits;
import io.trawl.engine.fragment.TaskResult;
import io.trawl.engine.fragment.TaskRunner;
import io.trawl.scan.runtime.pool.PoolTaskRunner;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.tpch.TpchLake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * A real scan-worker payload: the coordinator plans a TPC-H query over local Parquet files (SF 0.01, generated into
 * {@code target/} by the test kit) and the scan tasks it hands its workers are captured in their wire form
 * ({@link TaskCodec}) on the way to an in-process pool, which runs them. What the scan-worker Lambda function receives.
 *
 * <p>{@code main(out)} writes the first task's payload to {@code out}, for {@code infra/coldstart.sh}.
 */
public final class ScanTaskPayloads
{
    /** A scan with a filter and a partial aggregation over lineitem: the shape of most of a query's scan tasks. */
    public static final String QUERY = "SELECT l_returnflag, l_linestatus, count(*), sum(l_quantity) FROM lineitem "
            + "WHERE l_shipdate <= DATE '1998-09-02' GROUP BY l_returnflag, l_linestatus";

    private ScanTaskPayloads() {}

    /** The encoded scan tasks of {@link #QUERY}, in the order the coordinator handed them out. */
    public static List<byte[]> lineitemScanTasks()
    {
        TpchLake lake = TpchLake.parquet();
        try (CapturingRunner runner = new CapturingRunner(new PoolTaskRunner(new LocalObjectStore(), 1))) {
            TaskLimits limits = new TaskLimits(256L << 20, TaskLimits.LAMBDA_INLINE_RESULT_BYTES, Optional.empty());
            QueryResult result = lake.engine().withWorkers(new RemoteWorkers(runner, limits, 1L << 20)).execute(QUERY, lake.session());
            if (result.tasks().isEmpty() || runner.payloads().isEmpty()) {
                throw new IllegalStateException("the query ran no remote scan task: " + QUERY);
            }
            return runner.payloads();
        }
    }

    public static void main(String[] args)
            throws IOException
    {
        if (args.length != 1) {
            System.err.println("usage: ScanTaskPayloads OUTPUT_FILE");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lineitemScanTasks().getFirst());
        System.out.println(out);
    }

    /** Records each task's wire form, then lets the pool run it (through the same codec, as a worker would). */
    private static final class CapturingRunner
            implements TaskRunner
    {
        private final PoolTaskRunner pool;
        private final List<byte[]> payloads = new ArrayList<>();

        CapturingRunner(PoolTaskRunner pool)
        {
            this.pool = requireNonNull(pool, "pool is null");
        }

        @Override
        public CompletableFuture<TaskResult> run(ScanTask task)
        {
            synchronized (payloads) {
                payloads.add(TaskCodec.encodeTask(task));
            }
            return pool.run(task);
        }

        List<byte[]> payloads()
        {
            synchronized (payloads) {
                return List.copyOf(payloads);
            }
        }

        @Override
        public int parallelism()
        {
            return pool.parallelism();
        }

        @Override
        public void queryFinished(String queryId)
        {
            pool.queryFinished(queryId);
        }

        @Override
        public void close()
        {
            pool.close();
        }
    }
}
