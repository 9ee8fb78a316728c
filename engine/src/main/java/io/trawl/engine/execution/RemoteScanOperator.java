package io.trawl.engine.execution;

import io.trawl.engine.TaskStats;
import io.trawl.engine.fragment.ScanTask;
import io.trawl.engine.fragment.TaskResult;
import io.trawl.engine.operator.Operator;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A scan fragment run as tasks on a {@link io.trawl.engine.fragment.TaskRunner}: plans the table's splits
 * here (the bytes of that planning, Parquet footers, are metered here and shipped with the tasks so workers do
 * not fetch them again), groups them into tasks, submits them all (the runner bounds concurrency), and hands
 * on each task's pages as its result arrives. Only accepted results are metered: a retried or duplicated
 * attempt's bytes never are.
 */
final class RemoteScanOperator
        implements Operator
{
    private static final long POLL_MILLIS = 50;

    private final RemoteScans remote;
    private final PlanNode fragment;
    private final TableScanNode scan;
    private final ScanProvider scanProvider;
    private final ByteMeter meter;
    private final PartitionSource partitions;
    private final Consumer<TaskStats> taskStats;
    private final LinkedBlockingQueue<Object> completions = new LinkedBlockingQueue<>();
    private final List<CompletableFuture<TaskResult>> running = new ArrayList<>();
    private final ArrayDeque<Page> ready = new ArrayDeque<>();
    private int remainingTasks = -1;
    private boolean closed;

    RemoteScanOperator(RemoteScans remote, PlanNode fragment, ScanProvider scanProvider, ByteMeter meter, PartitionSource partitions, Consumer<TaskStats> taskStats)
    {
        this.remote = remote;
        this.fragment = fragment;
        this.scan = LocalExecutionPlanner.fragmentScan(fragment);
        this.scanProvider = scanProvider;
        this.meter = meter;
        this.partitions = partitions;
        this.taskStats = taskStats;
    }

    @Override
    public Page next()
    {
        if (remainingTasks < 0) {
            start();
        }
        while (ready.isEmpty()) {
            if (remainingTasks == 0) {
                return null;
            }
            checkCancelled();
            Object completion;
            try {
                completion = completions.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Interrupted while scanning " + scan.table().qualifiedName());
            }
            if (completion == null) {
                continue;
            }
            remainingTasks--;
            if (completion instanceof Throwable failure) {
                checkCancelled();
                throw failure(failure);
            }
            accept((Completed) completion);
        }
        return ready.poll();
    }

    private record Completed(ScanTask task, TaskResult result) {}

    private void accept(Completed completed)
    {
        TaskResult result = completed.result();
        meter.record(result.metrics().bytesRead());
        long rows = 0;
        for (Page page : result.pages()) {
            if (page.getPositionCount() > 0) {
                rows += page.getPositionCount();
                ready.add(page);
            }
        }
        List<ScanSplit> splits = completed.task().splits();
        ScanSplit first = splits.getFirst();
        String path = splits.size() == 1 ? first.path() : first.path() + " (+" + (splits.size() - 1) + " more splits)";
        taskStats.accept(new TaskStats(scan.table().qualifiedName(), path, first.start(), completed.task().inputBytes(), result.metrics().bytesRead(), rows,
                result.metrics().wallNanos() / 1_000_000));
        remote.control().recordSplitsCompleted(splits.size());
    }

    private void start()
    {
        List<ScanSplit> splits = partitions.planSplits(scanProvider, scan.table(), scan.domain(), meter);
        remote.control().recordSplitsPlanned(splits.size());
        List<List<ScanSplit>> groups = io.trawl.engine.fragment.TaskSizing.group(splits, remote.targetTaskBytes(), remote.runner().parallelism(), remote.maxTasksPerScan());
        remainingTasks = groups.size();
        for (List<ScanSplit> group : groups) {
            Map<String, byte[]> metadata = new HashMap<>();
            for (ScanSplit split : group) {
                if (!metadata.containsKey(split.path())) {
                    scanProvider.fileMetadata(scan.table(), split).ifPresent(bytes -> metadata.put(split.path(), bytes));
                }
            }
            ScanTask task = new ScanTask(remote.queryId(), remote.taskIds().getAndIncrement(), 0, fragment, group, metadata, remote.limits());
            CompletableFuture<TaskResult> future = remote.runner().run(task);
            running.add(future);
            future.whenComplete((result, failure) -> completions.add(failure != null ? failure : new Completed(task, result)));
        }
    }

    private void checkCancelled()
    {
        if (remote.control().isCancelled()) {
            close();
            remote.control().checkNotCancelled();
        }
    }

    private TrawlException failure(Throwable failure)
    {
        close();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TrawlException trawl) {
            return trawl;
        }
        if (cause instanceof CancellationException) {
            return new TrawlException(ErrorCode.QUERY_CANCELLED, "Query was cancelled while scanning " + scan.table().qualifiedName());
        }
        return new TrawlException(ErrorCode.INTERNAL_ERROR, "Scan of " + scan.table().qualifiedName() + " failed: " + cause, cause);
    }

    @Override
    public void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        running.forEach(future -> future.cancel(true));
        ready.clear();
    }
}
