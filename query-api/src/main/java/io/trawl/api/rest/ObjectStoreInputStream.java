package io.trawl.api.rest;

import io.trawl.scan.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import static java.util.Objects.requireNonNull;

/** An object read front to back in ranged reads of 1 MB, so a large result streams without being held in memory. */
final class ObjectStoreInputStream
        extends InputStream
{
    private static final int CHUNK = 1 << 20;

    private final ObjectStore store;
    private final URI location;
    private final long size;
    private long position;
    private byte[] buffer = new byte[0];
    private int index;

    ObjectStoreInputStream(ObjectStore store, URI location)
            throws IOException
    {
        this.store = requireNonNull(store, "store is null");
        this.location = requireNonNull(location, "location is null");
        this.size = store.stat(location).size();
    }

    @Override
    public int read()
            throws IOException
    {
        if (!fill()) {
            return -1;
        }
        return buffer[index++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length)
            throws IOException
    {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, buffer.length - index);
        System.arraycopy(buffer, index, target, offset, count);
        index += count;
        return count;
    }

    private boolean fill()
            throws IOException
    {
        if (index < buffer.length) {
            return true;
        }
        if (position >= size) {
            return false;
        }
        int length = (int) Math.min(CHUNK, size - position);
        buffer = store.readRange(location, position, length);
        position += length;
        index = 0;
        return true;
    }
}
