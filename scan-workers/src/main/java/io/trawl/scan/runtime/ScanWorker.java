package io.trawl.scan.runtime;

import io.trawl.engine.fragment.FragmentExecutor;
import io.trawl.engine.fragment.PageCodec;
import io.trawl.engine.fragment.ScanTask;
import io.trawl.engine.fragment.TaskCodec;
import io.trawl.engine.fragment.TaskResult;
import io.trawl.error.ErrorType;
import io.trawl.error.TrawlException;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.ScanConfig;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.RoutingObjectStore;
import io.trawl.scan.store.s3.S3Config;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * What a scan worker is, wherever it runs: takes a serialized {@link ScanTask}, runs it against the lake, and
 * answers with a {@link TaskCodec} envelope — pages inline when they fit the task's inline limit, otherwise
 * written to {@code <spillLocation>/<queryId>/<taskId>.<attempt>.pages} and returned by reference. A failure
 * retrying cannot fix (bad data, a failed cast, a memory limit) is answered as a failed envelope; anything
 * else is thrown, so the runtime reports a crashed worker and the coordinator retries the task.
 *
 * <p>One instance per container: the storage clients and the Parquet footer cache live as long as it does.
 */
public final class ScanWorker
{
    private final ObjectStore store;
    private final FragmentExecutor executor;

    public ScanWorker(ObjectStore store, ScanConfig config)
    {
        this.store = requireNonNull(store, "store is null");
        this.executor = new FragmentExecutor(new LakeScanProvider(store, config));
    }

    /** A worker reaching {@code file://} locations and S3 as the environment configures it ({@link S3Config#fromEnvironment}). */
    public static ScanWorker fromEnvironment(Map<String, String> environment)
    {
        return new ScanWorker(RoutingObjectStore.create(S3Config.fromEnvironment(environment)), ScanConfig.defaults());
    }

    public byte[] handle(byte[] request, BooleanSupplier cancelled)
    {
        ScanTask task = TaskCodec.decodeTask(request);
        TaskResult result;
        try {
            result = executor.run(task, cancelled);
        }
        catch (TrawlException e) {
            if (e.errorType() == ErrorType.USER_ERROR) {
                return TaskCodec.encodeEnvelope(new TaskCodec.Failed(task.taskId(), task.attempt(), e.errorCode(), e.getMessage()));
            }
            throw e;
        }
        byte[] pages = PageCodec.encode(result.pages());
        if (pages.length <= task.limits().inlineResultBytes() || task.limits().spillLocation().isEmpty()) {
            return TaskCodec.encodeEnvelope(new TaskCodec.Inline(task.taskId(), task.attempt(), result.metrics().withResult(pages.length, false), pages));
        }
        URI location = spillLocation(task);
        try (OutputStream output = store.create(location)) {
            output.write(pages);
        }
        catch (IOException e) {
            throw new TrawlException(io.trawl.error.ErrorCode.STORAGE_ERROR, "Cannot write the result of scan task %s to %s: %s".formatted(task.name(), location, e.getMessage()), e);
        }
        return TaskCodec.encodeEnvelope(new TaskCodec.Spilled(task.taskId(), task.attempt(), result.metrics().withResult(pages.length, true), location.toString()));
    }

    /** Where a task's oversized result goes; one object per attempt, so duplicates never overwrite each other. */
    public static URI spillLocation(ScanTask task)
    {
        return URI.create(spillPrefix(task.limits().spillLocation().orElseThrow(), task.queryId()) + task.taskId() + "." + task.attempt() + ".pages");
    }

    /** The folder of one query's spilled results, removed when the query ends. */
    public static String spillPrefix(String spillLocation, String queryId)
    {
        return (spillLocation.endsWith("/") ? spillLocation : spillLocation + "/") + queryId + "/";
    }
}
