package io.trawl.testing.partition;

import io.trawl.scan.store.ForwardingObjectStore;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store that records which prefixes were listed, to show what partition pruning never touched. */
final class RecordingObjectStore
        extends ForwardingObjectStore
{
    private final List<String> listed = new CopyOnWriteArrayList<>();

    RecordingObjectStore(ObjectStore delegate)
    {
        super(delegate);
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
        return super.list(prefix);
    }

    @Override
    public List<URI> listFolders(URI prefix)
            throws IOException
    {
        listed.add(prefix.toString());
        return super.listFolders(prefix);
    }
}
