package io.trawl.scan.meter;

import io.trawl.engine.scan.ByteMeter;
import io.trawl.scan.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

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
        store.readFully(location, position, buffer, offset, length);
        meter.record(length);
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
