package io.trawl.scan.store;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** An object store that passes every call to another: extend it to observe or adjust a few calls. */
public abstract class ForwardingObjectStore
        implements ObjectStore
{
    private final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate)
    {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public List<StoredObject> list(URI prefix)
            throws IOException
    {
        return delegate.list(prefix);
    }

    @Override
    public List<URI> listFolders(URI prefix)
            throws IOException
    {
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

    @Override
    public void move(URI source, URI target)
            throws IOException
    {
        delegate.move(source, target);
    }
}
