package io.trawl.scan.meter;

import io.trawl.engine.scan.ByteMeter;

import java.io.InterruptedIOException;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Semaphore;

/**
 * A cap on the bytes one query has in flight from storage at once: parallel splits and parallel range reads
 * share it, so a wide scan cannot buffer unbounded fetched data. Queries are told apart by their meter (each
 * query has its own), which every read already carries, so readers need not pass anything new. A single read
 * larger than the cap takes the whole cap, so it waits for the others rather than forever.
 */
public final class InFlightBytes
{
    public static final int DEFAULT_LIMIT_BYTES = 256 * 1024 * 1024;

    private static final Map<ByteMeter, InFlightBytes> BY_METER = new WeakHashMap<>();

    private final int limitBytes;
    private final Semaphore available;

    public InFlightBytes(int limitBytes)
    {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes must be positive: " + limitBytes);
        }
        this.limitBytes = limitBytes;
        this.available = new Semaphore(limitBytes, true);
    }

    /** The cap of the query metered by {@code meter}, created with the default limit on first use. */
    public static InFlightBytes of(ByteMeter meter)
    {
        synchronized (BY_METER) {
            return BY_METER.computeIfAbsent(meter, _ -> new InFlightBytes(DEFAULT_LIMIT_BYTES));
        }
    }

    /** Waits until {@code bytes} (at most the limit) may be fetched; returns what to pass to {@link #release}. */
    public int acquire(long bytes)
            throws InterruptedIOException
    {
        int permits = (int) Math.min(bytes, limitBytes);
        try {
            available.acquire(permits);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for %d bytes of read budget".formatted(permits));
        }
        return permits;
    }

    public void release(int permits)
    {
        available.release(permits);
    }

    public int limitBytes()
    {
        return limitBytes;
    }

    /** Bytes that may be fetched right now without waiting. */
    public int availableBytes()
    {
        return available.availablePermits();
    }
}
