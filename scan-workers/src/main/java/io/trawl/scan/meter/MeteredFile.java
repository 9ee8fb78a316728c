package io.trawl.scan.meter;

import io.trawl.engine.scan.ByteMeter;
import io.trawl.scan.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.Objects.requireNonNull;

/**
 * One object of the store as a reader sees it, with every byte fetched from storage reported to the query's
 * meter exactly once, at the moment it is fetched. Readers get their bytes only through this class, so what
 * a query is billed for is what it actually pulled out of storage: bytes served from an in-memory cache are
 * never fetched and never billed; bytes fetched and then not used (a coalesced gap, the rest of a buffer past
 * a split's end) are billed, as S3 would bill them.
 */
public final class MeteredFile
{
    private final ObjectStore store;
    private final URI location;
    private final long size;
    private final ByteMeter meter;

    public MeteredFile(ObjectStore store, URI location, long size, ByteMeter meter)
    {
        this.store = requireNonNull(store, "store is null");
        this.location = requireNonNull(location, "location is null");
        this.meter = requireNonNull(meter, "meter is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        this.size = size;
    }

    public URI location()
    {
        return location;
    }

    public long size()
    {
        return size;
    }

    public void readFully(long position, byte[] buffer, int offset, int length)
            throws IOException
    {
        InFlightBytes budget = InFlightBytes.of(meter);
        int permits = budget.acquire(length);
        try {
            store.readFully(location, position, buffer, offset, length);
        }
        finally {
            budget.release(permits);
        }
        meter.record(length);
    }

    /**
     * Fetches independent ranges of the object in parallel (on S3 each is its own GET, and one connection is
     * slow), within the query's {@link InFlightBytes} cap. Each range is metered once, as if read alone.
     *
     * @return one buffer per range, in the order given
     */
    public List<byte[]> readRanges(List<ByteRange> ranges)
            throws IOException
    {
        List<byte[]> buffers = new ArrayList<>(ranges.size());
        for (ByteRange range : ranges) {
            buffers.add(new byte[range.length()]);
        }
        if (ranges.size() == 1) {
            readFully(ranges.getFirst().position(), buffers.getFirst(), 0, ranges.getFirst().length());
            return buffers;
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> reads = new ArrayList<>(ranges.size());
            for (int i = 0; i < ranges.size(); i++) {
                ByteRange range = ranges.get(i);
                byte[] buffer = buffers.get(i);
                reads.add(executor.submit(() -> {
                    readFully(range.position(), buffer, 0, range.length());
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                awaitRead(read, reads);
            }
        }
        return buffers;
    }

    private static void awaitRead(Future<?> read, List<Future<?>> all)
            throws IOException
    {
        try {
            read.get();
        }
        catch (InterruptedException e) {
            all.forEach(each -> each.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        catch (ExecutionException e) {
            all.forEach(each -> each.cancel(true));
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    /** A range of an object: {@code length} bytes from {@code position}. */
    public record ByteRange(long position, int length)
    {
        public ByteRange
        {
            if (position < 0 || length < 0) {
                throw new IllegalArgumentException("invalid range: %d bytes at %d".formatted(length, position));
            }
        }
    }

    /**
     * A stream from the start of the object. It does not buffer: each read fetches exactly what the caller
     * asked for (capped at the object's end), and skipping moves the position without fetching anything.
     */
    public InputStream newStream()
    {
        return new MeteredInputStream();
    }

    private final class MeteredInputStream
            extends InputStream
    {
        private long position;

        @Override
        public int read()
                throws IOException
        {
            byte[] single = new byte[1];
            return read(single, 0, 1) < 0 ? -1 : single[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            if (length == 0) {
                return 0;
            }
            long remaining = size - position;
            if (remaining <= 0) {
                return -1;
            }
            int toRead = (int) Math.min(length, remaining);
            readFully(position, buffer, offset, toRead);
            position += toRead;
            return toRead;
        }

        @Override
        public long skip(long count)
        {
            long skipped = Math.max(0, Math.min(count, size - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available()
        {
            return (int) Math.min(Integer.MAX_VALUE, size - position);
        }
    }
}
