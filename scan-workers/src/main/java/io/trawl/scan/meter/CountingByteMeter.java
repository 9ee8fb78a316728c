package io.trawl.scan.meter;

import io.trawl.engine.scan.ByteMeter;

import java.util.concurrent.atomic.AtomicLong;

/** A meter that sums what it is told; safe to share between the splits of one query running in parallel. */
public final class CountingByteMeter
        implements ByteMeter
{
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public void record(long count)
    {
        if (count < 0) {
            throw new IllegalArgumentException("negative byte count: " + count);
        }
        bytes.addAndGet(count);
    }

    public long bytes()
    {
        return bytes.get();
    }
}
