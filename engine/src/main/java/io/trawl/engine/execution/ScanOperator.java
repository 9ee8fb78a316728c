package io.trawl.engine.execution;

import io.trawl.catalog.Table;
import io.trawl.engine.operator.Operator;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.predicate.TupleDomain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a table's splits in parallel, each split a scan task that reads, filters and projects its pages,
 * and hands the pages to the coordinator through a bounded queue. The in-process equivalent of fanning
 * scan tasks out to workers; tasks start on the first call to next().
 */
final class ScanOperator
        implements Operator
{
    private static final Page END = new Page(0);

    private final ScanProvider scanProvider;
    private final Table table;
    private final List<ScanColumn> columns;
    private final TupleDomain<String> domain;
    private final ByteMeter meter;
    private final TaskPipeline pipeline;
    private final java.util.function.Consumer<io.trawl.engine.TaskStats> taskStats;
    private final PartitionSource partitions;
    private final Semaphore workerSlots;
    private final io.trawl.engine.QueryControl control;
    private final BlockingQueue<Page> queue = new ArrayBlockingQueue<>(32);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Future<?>> tasks = new ArrayList<>();
    private ExecutorService executor;
    private volatile boolean closed;
    private int remainingTasks = -1;

    ScanOperator(ScanProvider scanProvider, Table table, List<ScanColumn> columns, TupleDomain<String> domain, ByteMeter meter,
            TaskPipeline pipeline, Semaphore workerSlots, java.util.function.Consumer<io.trawl.engine.TaskStats> taskStats, PartitionSource partitions,
            io.trawl.engine.QueryControl control)
    {
        this.control = control;
        this.scanProvider = scanProvider;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.domain = domain;
        this.meter = meter;
        this.pipeline = pipeline;
        this.taskStats = taskStats;
        this.partitions = partitions;
        this.workerSlots = workerSlots;
    }

    @Override
    public Page next()
    {
        if (remainingTasks < 0) {
            start();
        }
        while (remainingTasks > 0) {
            Page page;
            try {
                page = queue.poll(100, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Interrupted while scanning " + table.qualifiedName());
            }
            rethrowFailure();
            if (control.isCancelled()) {
                close();
                control.checkNotCancelled();
            }
            if (page == null) {
                continue;
            }
            if (page == END) {
                remainingTasks--;
                continue;
            }
            return page;
        }
        rethrowFailure();
        return null;
    }

    private void start()
    {
        pipeline.prepare();
        if (pipeline.yieldsNothing()) {
            remainingTasks = 0;
            return;
        }
        List<ScanSplit> splits = partitions.planSplits(scanProvider, table, domain, meter);
        control.recordSplitsPlanned(splits.size());
        remainingTasks = splits.size();
        if (splits.isEmpty()) {
            return;
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        AtomicInteger next = new AtomicInteger();
        for (int i = 0; i < splits.size(); i++) {
            tasks.add(executor.submit(() -> runTask(splits.get(next.getAndIncrement()))));
        }
    }

    private void runTask(ScanSplit split)
    {
        boolean acquired = false;
        try {
            workerSlots.acquire();
            acquired = true;
            if (!closed && failure.get() == null && !control.isCancelled()) {
                long started = System.nanoTime();
                java.util.concurrent.atomic.AtomicLong taskBytes = new java.util.concurrent.atomic.AtomicLong();
                ByteMeter taskMeter = bytes -> {
                    taskBytes.addAndGet(bytes);
                    meter.record(bytes);
                };
                long outputRows = 0;
                try (PageSource source = scanProvider.createPageSource(table, split, columns, domain, taskMeter);
                        Operator task = pipeline.create(source::nextPage)) {
                    for (Page page = task.next(); page != null && !closed && !control.isCancelled(); page = task.next()) {
                        if (page.getPositionCount() > 0) {
                            outputRows += page.getPositionCount();
                            put(page);
                        }
                    }
                }
                taskStats.accept(new io.trawl.engine.TaskStats(table.qualifiedName(), split.path(), split.start(), split.length(), taskBytes.get(), outputRows,
                        (System.nanoTime() - started) / 1_000_000));
                control.recordSplitsCompleted(1);
            }
        }
        catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
        finally {
            if (acquired) {
                workerSlots.release();
            }
            try {
                put(END);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(Page page)
            throws InterruptedException
    {
        while (!closed) {
            if (queue.offer(page, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private void rethrowFailure()
    {
        Throwable error = failure.get();
        if (error == null) {
            return;
        }
        close();
        if (error instanceof TrawlException trawl) {
            throw trawl;
        }
        if (error instanceof OutOfMemoryError) {
            throw new TrawlException(ErrorCode.EXCEEDED_MEMORY_LIMIT, "Query exceeded the available memory while scanning " + table.qualifiedName());
        }
        throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Scan of " + table.qualifiedName() + " failed: " + error, error);
    }

    @Override
    public void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        if (executor != null) {
            tasks.forEach(task -> task.cancel(true));
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pipeline.close();
    }
}
