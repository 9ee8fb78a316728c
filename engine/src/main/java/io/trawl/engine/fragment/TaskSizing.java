package io.trawl.engine.fragment;

import io.trawl.engine.scan.ScanSplit;

import java.util.ArrayList;
import java.util.List;

/**
 * How a scan's splits become tasks: consecutive splits up to a target input size, but at least as many tasks
 * as the runner runs at once (when there are enough splits), and at most {@code maxTasks} (beyond that,
 * tasks grow: batching instead of unbounded fan-out).
 */
public final class TaskSizing
{
    private TaskSizing() {}

    public static List<List<ScanSplit>> group(List<ScanSplit> splits, long targetTaskBytes, int parallelism, int maxTasks)
    {
        long total = splits.stream().mapToLong(ScanSplit::length).sum();
        long target = Math.max(1, Math.min(targetTaskBytes, Math.ceilDiv(total, Math.max(1, parallelism))));
        target = Math.max(target, Math.ceilDiv(total, Math.max(1, maxTasks)));
        List<List<ScanSplit>> groups = new ArrayList<>();
        List<ScanSplit> current = new ArrayList<>();
        long currentBytes = 0;
        for (ScanSplit split : splits) {
            if (!current.isEmpty() && currentBytes + split.length() > target) {
                groups.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(split);
            currentBytes += split.length();
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }
}
