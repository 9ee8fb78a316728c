package io.trawl.engine.fragment;

import java.util.concurrent.CompletableFuture;

/**
 * Runs scan tasks on workers: the runtime behind distributed scans. Implementations: AWS Lambda
 * (scan-workers' {@code runtime.lambda}), and any other place that can execute a serialized {@link ScanTask}.
 * The embedded default does not go through this interface at all: it runs fused scan pipelines on threads
 * of this process (see {@code execution.ScanOperator}).
 *
 * <p>A runner owns retries, timeouts and speculative duplicates: the future completes with the accepted
 * attempt's result, or fails once every retry has failed. Cancelling the future stops the task (best
 * effort: a Lambda invocation cannot be stopped, but its result is discarded and its bytes not billed).
 */
public interface TaskRunner
        extends AutoCloseable
{
    CompletableFuture<TaskResult> run(ScanTask task);

    /** How many tasks the runner runs at once; the coordinator sizes tasks to keep them all busy. */
    int parallelism();

    /** Releases what the query left behind on the workers' side (spilled results), once it has finished. */
    default void queryFinished(String queryId) {}

    @Override
    default void close() {}
}
