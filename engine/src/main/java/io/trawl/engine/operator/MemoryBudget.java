package io.trawl.engine.operator;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One query's memory accounting. Operators reserve what their hash tables and buffers retain (an estimate,
 * e.g. {@code Page.getRetainedSizeInBytes()}) and free it when done. Passing the limit fails the query with
 * a clear error instead of letting the JVM die with an OutOfMemoryError.
 */
public final class MemoryBudget
{
    private final long limitBytes;
    private final AtomicLong reservedBytes = new AtomicLong();

    public MemoryBudget(long limitBytes)
    {
        this.limitBytes = limitBytes;
    }

    public static MemoryBudget unlimited()
    {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    /** @param holder what is reserving, named in the error (e.g. "hash join build side") */
    public void reserve(long bytes, String holder)
    {
        long total = reservedBytes.addAndGet(bytes);
        if (total > limitBytes) {
            reservedBytes.addAndGet(-bytes);
            throw new TrawlException(ErrorCode.EXCEEDED_MEMORY_LIMIT,
                    "Query exceeded memory limit of %d MB in %s (needed %d MB)".formatted(limitBytes >> 20, holder, total >> 20));
        }
    }

    public void free(long bytes)
    {
        reservedBytes.addAndGet(-bytes);
    }

    public long reservedBytes()
    {
        return reservedBytes.get();
    }
}
