package io.trawl.scan.runtime;

import io.trawl.engine.fragment.PageCodec;
import io.trawl.engine.fragment.TaskCodec;
import io.trawl.engine.fragment.TaskResult;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;

import java.io.IOException;
import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * The coordinator's side of a worker's answer: decodes the envelope, fetches a spilled result, and removes a
 * query's spilled results when it ends. Bytes read back from the spill location are Trawl's own intermediate
 * data, not the lake's: they are not metered.
 */
public final class TaskResults
{
    private final ObjectStore spillStore;
    private final java.util.concurrent.atomic.AtomicLong spilledResultsRead = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Map<String, String> spillLocations = new java.util.concurrent.ConcurrentHashMap<>();

    public TaskResults(ObjectStore spillStore)
    {
        this.spillStore = requireNonNull(spillStore, "spillStore is null");
    }

    /**
     * @throws TrawlException with the worker's error code when the task failed for a reason retrying cannot fix;
     * INTERNAL_ERROR when the answer is not a result (a retry may help)
     */
    public TaskResult toResult(byte[] answer, String source)
    {
        TaskCodec.Envelope envelope = TaskCodec.decodeEnvelope(answer, source);
        return switch (envelope) {
            case TaskCodec.Failed failed -> throw new NonRetryableTaskException(new TrawlException(failed.errorCode(), failed.message()));
            case TaskCodec.Inline inline -> new TaskResult(inline.taskId(), inline.attempt(), PageCodec.decode(inline.pages(), source), inline.metrics());
            case TaskCodec.Spilled spilled -> spilled(spilled, source);
        };
    }

    private TaskResult spilled(TaskCodec.Spilled spilled, String source)
    {
        spilledResultsRead.incrementAndGet();
        return new TaskResult(spilled.taskId(), spilled.attempt(), PageCodec.decode(readSpill(spilled.location()), spilled.location()), spilled.metrics());
    }

    /** How many results were fetched from the spill location so far. */
    public long spilledResultsRead()
    {
        return spilledResultsRead.get();
    }

    /** Removes a result that lost a race (its duplicate was accepted first). */
    public void discard(byte[] answer, String source)
    {
        try {
            if (TaskCodec.decodeEnvelope(answer, source) instanceof TaskCodec.Spilled spilled) {
                spillStore.delete(URI.create(spilled.location()));
            }
        }
        catch (IOException | RuntimeException e) {
            // the query's spill folder is removed when it ends
        }
    }

    /** Notes where a task about to run may spill, so {@link #queryFinished} knows what to remove. */
    public void expect(io.trawl.engine.fragment.ScanTask task)
    {
        task.limits().spillLocation().ifPresent(location -> spillLocations.putIfAbsent(task.queryId(), location));
    }

    /** Deletes everything the query's tasks spilled. */
    public void queryFinished(String queryId)
    {
        String spillLocation = spillLocations.remove(queryId);
        if (spillLocation == null) {
            return;
        }
        URI prefix = URI.create(ScanWorker.spillPrefix(spillLocation, queryId));
        try {
            for (StoredObject object : spillStore.list(prefix)) {
                spillStore.delete(object.location());
            }
        }
        catch (java.nio.file.NoSuchFileException e) {
            // nothing was spilled
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot remove the spilled results of query %s under %s: %s".formatted(queryId, prefix, e.getMessage()), e);
        }
    }

    private byte[] readSpill(String location)
    {
        URI uri = URI.create(location);
        try {
            StoredObject object = spillStore.stat(uri);
            return spillStore.readRange(uri, 0, Math.toIntExact(object.size()));
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read a spilled task result at %s: %s".formatted(location, e.getMessage()), e);
        }
    }

    /** A task failure that must fail the query at once: the same task would fail the same way again. */
    public static final class NonRetryableTaskException
            extends RuntimeException
    {
        private final TrawlException failure;

        public NonRetryableTaskException(TrawlException failure)
        {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        public TrawlException failure()
        {
            return failure;
        }
    }
}
