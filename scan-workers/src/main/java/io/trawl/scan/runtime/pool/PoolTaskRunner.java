package io.trawl.scan.runtime.pool;

import io.trawl.engine.fragment.ScanTask;
import io.trawl.engine.fragment.TaskCodec;
import io.trawl.engine.fragment.TaskResult;
import io.trawl.engine.fragment.TaskRunner;
import io.trawl.scan.runtime.ScanWorker;
import io.trawl.scan.runtime.TaskResults;
import io.trawl.scan.store.ObjectStore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Scan tasks on a fixed pool of threads of this process, through the full task protocol: each task is
 * encoded, run by a {@link ScanWorker} from its bytes, and its answer decoded, exactly as on Lambda but
 * without the network. One worker thread per core by default; tasks beyond that wait in the pool's queue.
 * What {@code trawl} uses with {@code --workers pool}, and the baseline the Lambda path is measured against.
 */
public final class PoolTaskRunner
        implements TaskRunner
{
    private final ScanWorker worker;
    private final TaskResults results;
    private final ExecutorService pool;
    private final int threads;

    public PoolTaskRunner(ObjectStore store, int threads)
    {
        requireNonNull(store, "store is null");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.worker = new ScanWorker(store, io.trawl.scan.ScanConfig.defaults());
        this.results = new TaskResults(store);
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("trawl-scan-worker-", 0).factory());
    }

    @Override
    public CompletableFuture<TaskResult> run(ScanTask task)
    {
        results.expect(task);
        CompletableFuture<TaskResult> result = new CompletableFuture<>();
        AtomicReference<Future<?>> running = new AtomicReference<>();
        running.set(pool.submit(() -> {
            try {
                byte[] answer = worker.handle(TaskCodec.encodeTask(task), () -> result.isDone() || Thread.currentThread().isInterrupted());
                result.complete(results.toResult(answer, "scan task " + task.name()));
            }
            catch (TaskResults.NonRetryableTaskException e) {
                result.completeExceptionally(e.failure());
            }
            catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }));
        result.whenComplete((ignored, failure) -> {
            if (result.isCancelled()) {
                running.get().cancel(true);
            }
        });
        return result;
    }

    @Override
    public void queryFinished(String queryId)
    {
        results.queryFinished(queryId);
    }

    /** How many task results came back through the spill location. */
    public long spilledResults()
    {
        return results.spilledResultsRead();
    }

    @Override
    public int parallelism()
    {
        return threads;
    }

    @Override
    public void close()
    {
        pool.shutdownNow();
    }
}
