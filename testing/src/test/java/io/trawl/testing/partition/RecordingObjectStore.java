package io.trawl.testing.partition;

import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store that records which prefixes were listed, to show what partition pruning never touched. */
final class RecordingObjectStore
        implements ObjectStore
{
    private final ObjectStore delegate;
    private final List<String> listed = new CopyOnWriteArrayList<>();

    RecordingObjectStore(ObjectStore delegate)
    {
        this.delegate = delegate;
    }

    List<String> listed()
    {
        return List.copyOf(listed);
    }

    void clear()
    {
        listed.clear();
    }

    @Override
    public List<StoredObject> list(URI prefix)
            throws IOException
    {
        listed.add(prefix.toString());
        return delegate.list(prefix);
    }

    @Override
    public List<URI> listFolders(URI prefix)
            throws IOException
    {
        listed.add(prefix.toString());
        return delegate.listFolders(prefix);
    }

    @Override
    public StoredObject stat(URI location)
            throws IOException
    {
        return delegate.stat(location);
    }

    @Override
    public void readFully(URI location, long position, byte[] buffer, int offset, int length)
            throws IOException
    {
        delegate.readFully(location, position, buffer, offset, length);
    }

    @Override
    public OutputStream create(URI location)
            throws IOException
    {
        return delegate.create(location);
    }

    @Override
    public boolean createIfAbsent(URI location, byte[] content)
            throws IOException
    {
        return delegate.createIfAbsent(location, content);
    }

    @Override
    public boolean replaceIfUnchanged(URI location, byte[] content, String expectedEtag)
            throws IOException
    {
        return delegate.replaceIfUnchanged(location, content, expectedEtag);
    }

    @Override
    public void checkLocation(URI location)
            throws IOException
    {
        delegate.checkLocation(location);
    }

    @Override
    public void delete(URI location)
            throws IOException
    {
        delegate.delete(location);
    }
}
