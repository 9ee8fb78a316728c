package io.trawl.engine;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * One running query's handle, shared by whoever runs it and whoever may stop it: its id, the bytes it has
 * read from storage so far (the meter every scan task reports to), a bytes-scanned cutoff (the work group's
 * {@code BytesScannedCutoffPerQuery}) and cancellation. Crossing the cutoff cancels the query at once; scans
 * notice within one page (in process) or one poll of the task results (remote workers), stop their tasks and
 * fail the query with EXCEEDED_SCAN_LIMIT. {@link #bytesScanned()} stays readable afterwards: a cancelled query
 * is billed for what it read before the cancel.
 */
public final class QueryControl
{
    /** Athena's StateChangeReason when the work group's cutoff stops a query. */
    public static final String SCAN_LIMIT_MESSAGE = "Bytes scanned limit was exceeded";

    private final String queryId;
    private final OptionalLong bytesScannedCutoff;
    private final AtomicLong bytesScanned = new AtomicLong();
    private final AtomicLong splitsPlanned = new AtomicLong();
    private final AtomicLong splitsCompleted = new AtomicLong();
    private final AtomicReference<TrawlException> cancellation = new AtomicReference<>();
    private volatile long cancelledAtNanos;

    public QueryControl(String queryId, OptionalLong bytesScannedCutoff)
    {
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.bytesScannedCutoff = requireNonNull(bytesScannedCutoff, "bytesScannedCutoff is null");
        bytesScannedCutoff.ifPresent(cutoff -> {
            if (cutoff <= 0) {
                throw new IllegalArgumentException("bytesScannedCutoff must be positive: " + cutoff);
            }
        });
    }

    /** A query with a fresh id, no cutoff. */
    public static QueryControl create()
    {
        return new QueryControl(UUID.randomUUID().toString(), OptionalLong.empty());
    }

    public static QueryControl withCutoff(long bytesScannedCutoff)
    {
        return new QueryControl(UUID.randomUUID().toString(), OptionalLong.of(bytesScannedCutoff));
    }

    public String queryId()
    {
        return queryId;
    }

    public OptionalLong bytesScannedCutoff()
    {
        return bytesScannedCutoff;
    }

    /** Adds bytes read from storage; crossing the cutoff cancels the query. */
    public void recordBytes(long bytes)
    {
        long total = bytesScanned.addAndGet(bytes);
        if (bytesScannedCutoff.isPresent() && total > bytesScannedCutoff.getAsLong()) {
            cancel(new TrawlException(ErrorCode.EXCEEDED_SCAN_LIMIT, SCAN_LIMIT_MESSAGE));
        }
    }

    public long bytesScanned()
    {
        return bytesScanned.get();
    }

    /** A scan planned {@code splits} more splits: progress reporting's denominator (it grows as later scans start). */
    public void recordSplitsPlanned(int splits)
    {
        splitsPlanned.addAndGet(splits);
    }

    /** {@code splits} planned splits have been read. */
    public void recordSplitsCompleted(int splits)
    {
        splitsCompleted.addAndGet(splits);
    }

    public long splitsPlanned()
    {
        return splitsPlanned.get();
    }

    public long splitsCompleted()
    {
        return splitsCompleted.get();
    }

    /** Cancels the query on the user's behalf; running scans stop and the query fails with QUERY_CANCELLED. */
    public void cancel()
    {
        cancel(new TrawlException(ErrorCode.QUERY_CANCELLED, "Query was cancelled by the user"));
    }

    private void cancel(TrawlException reason)
    {
        if (cancellation.compareAndSet(null, reason)) {
            cancelledAtNanos = System.nanoTime();
        }
    }

    public boolean isCancelled()
    {
        return cancellation.get() != null;
    }

    /** When the cancel happened ({@link System#nanoTime()}), to measure how fast scans react; 0 if not cancelled. */
    public long cancelledAtNanos()
    {
        return cancelledAtNanos;
    }

    /** Throws the cancellation's reason if the query was cancelled. */
    public void checkNotCancelled()
    {
        TrawlException reason = cancellation.get();
        if (reason != null) {
            throw new TrawlException(reason.errorCode(), reason.getMessage());
        }
    }
}
