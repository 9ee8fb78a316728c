package io.trawl.engine.fragment;

import io.trino.spi.Page;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A finished scan task: its output pages (the fragment's output layout) and metrics. Which attempt produced it
 * matters for billing: only the accepted attempt's bytes are billed.
 */
public record TaskResult(int taskId, int attempt, List<Page> pages, TaskMetrics metrics)
{
    public TaskResult
    {
        pages = List.copyOf(requireNonNull(pages, "pages is null"));
        requireNonNull(metrics, "metrics is null");
    }
}
