package io.trawl.engine.fragment;

import static java.util.Objects.requireNonNull;

/**
 * Scan workers outside the coordinator's threads: where scan tasks go and what each task may use.
 *
 * @param targetTaskBytes splits are grouped into tasks of about this much input
 */
public record RemoteWorkers(TaskRunner runner, TaskLimits limits, long targetTaskBytes)
{
    public RemoteWorkers
    {
        requireNonNull(runner, "runner is null");
        requireNonNull(limits, "limits is null");
        if (targetTaskBytes <= 0) {
            throw new IllegalArgumentException("targetTaskBytes must be positive: " + targetTaskBytes);
        }
    }
}
