package io.trawl.engine.fragment;

import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.scan.ScanSplit;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One unit of work for a scan worker: a plan fragment (a table scan with the filters, projections and the
 * partial aggregation above it), the splits it reads, and the query's limits. What the coordinator sends to
 * a worker, in process or on AWS Lambda; its wire form is {@link TaskCodec}'s.
 *
 * @param queryId the query the task belongs to (spill objects and logs are named after it)
 * @param taskId the task's number within the query, stable across attempts
 * @param attempt 0 for the first run, then one more for each retry or speculative duplicate
 * @param fragment a tree of {@link FragmentPlanner#isShippable shippable} nodes over one table scan
 * @param splits the byte ranges this task reads, in order
 * @param fileMetadata per file path, metadata the coordinator already fetched while planning (Parquet
 * footers), so the worker does not fetch, and the query is not billed for, the same bytes twice
 * @param limits what the task may use
 */
public record ScanTask(String queryId, int taskId, int attempt, PlanNode fragment, List<ScanSplit> splits, Map<String, byte[]> fileMetadata, TaskLimits limits)
{
    public ScanTask
    {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(fragment, "fragment is null");
        splits = List.copyOf(requireNonNull(splits, "splits is null"));
        fileMetadata = Map.copyOf(requireNonNull(fileMetadata, "fileMetadata is null"));
        requireNonNull(limits, "limits is null");
    }

    /** The same task, to run again (a retry or a speculative duplicate). */
    public ScanTask withAttempt(int newAttempt)
    {
        return new ScanTask(queryId, taskId, newAttempt, fragment, splits, fileMetadata, limits);
    }

    /** Compressed input bytes of the task's splits: what sizes a task. */
    public long inputBytes()
    {
        return splits.stream().mapToLong(ScanSplit::length).sum();
    }

    /** A short name for logs and errors: {@code <query>/<task>.<attempt>}. */
    public String name()
    {
        return queryId + "/" + taskId + "." + attempt;
    }
}
