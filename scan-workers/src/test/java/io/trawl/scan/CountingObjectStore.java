package io.trawl.scan;

import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ForwardingObjectStore;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/** A local store that counts the bytes it hands out, to check the meter against what storage actually served. */
final class CountingObjectStore
        extends ForwardingObjectStore
{
    private final AtomicLong bytesServed = new AtomicLong();

    CountingObjectStore()
    {
        super(new LocalObjectStore());
    }

    long bytesServed()
    {
        return bytesServed.get();
    }

    @Override
    public void readFully(URI location, long position, byte[] buffer, int offset, int length)
            throws IOException
    {
        super.readFully(location, position, buffer, offset, length);
        bytesServed.addAndGet(length);
    }
}
