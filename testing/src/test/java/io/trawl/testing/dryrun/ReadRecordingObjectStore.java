package io.trawl.testing.dryrun;

import io.trawl.scan.store.ForwardingObjectStore;
import io.trawl.scan.store.LocalObjectStore;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local store that records every range it serves, to show exactly which bytes an estimate fetched. */
final class ReadRecordingObjectStore
        extends ForwardingObjectStore
{
    record Read(URI location, long position, int length) {}

    private final List<Read> reads = new CopyOnWriteArrayList<>();

    ReadRecordingObjectStore()
    {
        super(new LocalObjectStore());
    }

    List<Read> reads()
    {
        return List.copyOf(reads);
    }

    long bytesServed()
    {
        return reads.stream().mapToLong(Read::length).sum();
    }

    void clear()
    {
        reads.clear();
    }

    @Override
    public void readFully(URI location, long position, byte[] buffer, int offset, int length)
            throws IOException
    {
        super.readFully(location, position, buffer, offset, length);
        reads.add(new Read(location, position, length));
    }
}
