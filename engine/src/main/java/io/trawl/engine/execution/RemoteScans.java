package io.trawl.engine.execution;

import io.trawl.engine.QueryControl;
import io.trawl.engine.TaskStats;
import io.trawl.engine.fragment.TaskLimits;
import io.trawl.engine.fragment.TaskRunner;
import io.trawl.engine.operator.Operator;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.ScanProvider;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One query's scans as tasks on a {@link TaskRunner}: numbers the tasks across all the query's scans, and
 * sizes them (splits are grouped up to {@code targetTaskBytes} of input, but into at least as many tasks as
 * the runner runs at once when there are enough splits).
 *
 * @param control the query's id, meter and cancellation, polled by the scans while they wait for results
 */
public record RemoteScans(QueryControl control, TaskRunner runner, TaskLimits limits, long targetTaskBytes, int maxTasksPerScan, AtomicInteger taskIds)
{
    public static final long DEFAULT_TARGET_TASK_BYTES = 128L << 20;
    /** Beyond this many tasks a scan's tasks grow instead of multiplying (batching instead of unbounded fan-out). */
    public static final int DEFAULT_MAX_TASKS_PER_SCAN = 500;

    public RemoteScans
    {
        requireNonNull(control, "control is null");
        requireNonNull(runner, "runner is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(taskIds, "taskIds is null");
        if (targetTaskBytes <= 0 || maxTasksPerScan <= 0) {
            throw new IllegalArgumentException("task sizing must be positive: %s bytes, %s tasks".formatted(targetTaskBytes, maxTasksPerScan));
        }
    }

    public RemoteScans(QueryControl control, TaskRunner runner, TaskLimits limits, long targetTaskBytes)
    {
        this(control, runner, limits, targetTaskBytes, DEFAULT_MAX_TASKS_PER_SCAN, new AtomicInteger());
    }

    public String queryId()
    {
        return control.queryId();
    }

    Operator operator(PlanNode fragment, ScanProvider scanProvider, ByteMeter meter, PartitionSource partitions, Consumer<TaskStats> taskStats)
    {
        return new RemoteScanOperator(this, fragment, scanProvider, meter, partitions, taskStats);
    }
}
