package io.trawl.engine.fragment;

import io.trawl.engine.execution.LocalExecutionPlanner;
import io.trawl.engine.operator.MemoryBudget;
import io.trawl.engine.operator.Operator;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs one {@link ScanTask} where it lands (a Lambda container, a test's worker): reads its splits one after
 * the other through one operator chain (so a partial aggregation or top-N covers the whole task), and
 * returns the pages with the task's metrics. Stateless; the scan provider (and its storage client) is the
 * caller's, built once per worker.
 */
public final class FragmentExecutor
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ScanProvider scanProvider;

    public FragmentExecutor(ScanProvider scanProvider)
    {
        this.scanProvider = requireNonNull(scanProvider, "scanProvider is null");
    }

    /**
     * @param cancelled polled between pages: once true the task stops with QUERY_CANCELLED
     */
    public TaskResult run(ScanTask task, BooleanSupplier cancelled)
    {
        long wallStart = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        AtomicLong bytesRead = new AtomicLong();
        AtomicLong rowsRead = new AtomicLong();
        ByteMeter meter = bytesRead::addAndGet;
        LocalExecutionPlanner planner = new LocalExecutionPlanner(scanProvider, meter, new MemoryBudget(task.limits().memoryLimitBytes()), 1);
        LocalExecutionPlanner.TaskPlan plan = planner.taskPlan(task.fragment());
        for (ScanSplit split : task.splits()) {
            byte[] metadata = task.fileMetadata().get(split.path());
            if (metadata != null) {
                scanProvider.addFileMetadata(plan.scan().table(), split, metadata);
            }
        }
        List<Page> pages = new ArrayList<>();
        long rowsOut = 0;
        try (Operator operator = plan.pipeline().apply(new SplitPages(task, plan, meter, rowsRead))) {
            for (Page page = operator.next(); page != null; page = operator.next()) {
                if (cancelled.getAsBoolean()) {
                    throw new TrawlException(ErrorCode.QUERY_CANCELLED, "Scan task " + task.name() + " was cancelled");
                }
                if (page.getPositionCount() > 0) {
                    pages.add(page);
                    rowsOut += page.getPositionCount();
                }
            }
        }
        long cpuNanos = cpuStart < 0 ? 0 : THREADS.getCurrentThreadCpuTime() - cpuStart;
        TaskMetrics metrics = new TaskMetrics(bytesRead.get(), rowsRead.get(), rowsOut, 0, cpuNanos, System.nanoTime() - wallStart, false);
        return new TaskResult(task.taskId(), task.attempt(), pages, metrics);
    }

    /** The pages of the task's splits in order, each split's page source opened when the previous one ends. */
    private final class SplitPages
            implements Operator
    {
        private final ScanTask task;
        private final LocalExecutionPlanner.TaskPlan plan;
        private final ByteMeter meter;
        private final AtomicLong rowsRead;
        private final Iterator<ScanSplit> splits;
        private PageSource current;

        SplitPages(ScanTask task, LocalExecutionPlanner.TaskPlan plan, ByteMeter meter, AtomicLong rowsRead)
        {
            this.task = task;
            this.plan = plan;
            this.meter = meter;
            this.rowsRead = rowsRead;
            this.splits = task.splits().iterator();
        }

        @Override
        public Page next()
        {
            while (true) {
                if (current == null) {
                    if (!splits.hasNext()) {
                        return null;
                    }
                    current = scanProvider.createPageSource(plan.scan().table(), splits.next(), plan.columns(), plan.scan().domain(), meter);
                }
                Page page = current.nextPage();
                if (page != null) {
                    rowsRead.addAndGet(page.getPositionCount());
                    return page;
                }
                current.close();
                current = null;
            }
        }

        @Override
        public void close()
        {
            if (current != null) {
                current.close();
                current = null;
            }
        }

        @Override
        public String toString()
        {
            return "splits of " + task.name();
        }
    }
}
