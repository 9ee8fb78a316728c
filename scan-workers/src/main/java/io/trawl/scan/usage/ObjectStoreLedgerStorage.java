package io.trawl.scan.usage;

import io.trawl.billing.ledger.LedgerStorage;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The usage ledger's storage on the lake's {@link ObjectStore} ({@code file://} or {@code s3://}): key {@code k} is
 * the object {@code <metaLocation>/usage/k}. Create-if-absent is the store's (S3 {@code If-None-Match: *}, a hard
 * link on local disk), atomic between processes on both.
 */
public final class ObjectStoreLedgerStorage
        implements LedgerStorage
{
    private final ObjectStore store;
    private final URI root;

    /** The usage ledger's storage, at {@link #usageLocation}. */
    public ObjectStoreLedgerStorage(ObjectStore store, URI metaLocation)
    {
        this(usageLocation(metaLocation), store);
    }

    private ObjectStoreLedgerStorage(URI root, ObjectStore store)
    {
        this.store = requireNonNull(store, "store is null");
        this.root = requireNonNull(root, "root is null");
    }

    /** The work-group limits' state (fired alerts, disabled work groups) under {@code <metaLocation>/limits/}. */
    public static ObjectStoreLedgerStorage limitsState(ObjectStore store, URI metaLocation)
    {
        return new ObjectStoreLedgerStorage(folder(metaLocation, "limits/"), store);
    }

    /** {@code <metaLocation>/usage/}: where the ledger's files are, and the location of {@code system.billing.usage}. */
    public static URI usageLocation(URI metaLocation)
    {
        return folder(metaLocation, "usage/");
    }

    private static URI folder(URI metaLocation, String name)
    {
        requireNonNull(metaLocation, "metaLocation is null");
        String path = metaLocation.getPath() == null || metaLocation.getPath().isEmpty() ? "/" : metaLocation.getPath();
        return uri(metaLocation, (path.endsWith("/") ? path : path + "/") + name);
    }

    public URI root()
    {
        return root;
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content)
            throws IOException
    {
        return store.createIfAbsent(location(key), content);
    }

    @Override
    public List<String> list(String prefix)
            throws IOException
    {
        requireNonNull(prefix, "prefix is null");
        if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/"))) {
            throw new IllegalArgumentException("Invalid ledger folder: " + prefix);
        }
        List<StoredObject> objects;
        try {
            objects = store.list(uri(root, root.getPath() + prefix));
        }
        catch (NoSuchFileException _) {
            // nothing was ever recorded on those days (local disk; S3 lists nothing)
            return List.of();
        }
        List<String> keys = new ArrayList<>(objects.size());
        for (StoredObject object : objects) {
            String path = object.location().getPath();
            if (path != null && path.startsWith(root.getPath())) {
                keys.add(path.substring(root.getPath().length()));
            }
        }
        keys.sort(null);
        return List.copyOf(keys);
    }

    @Override
    public Optional<byte[]> read(String key)
            throws IOException
    {
        URI location = location(key);
        try {
            StoredObject object = store.stat(location);
            return Optional.of(store.readRange(location, 0, Math.toIntExact(object.size())));
        }
        catch (NoSuchFileException _) {
            return Optional.empty();
        }
    }

    private URI location(String key)
    {
        requireNonNull(key, "key is null");
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("..")) {
            throw new IllegalArgumentException("Invalid ledger key: " + key);
        }
        return uri(root, root.getPath() + key);
    }

    private static URI uri(URI base, String path)
    {
        try {
            return new URI(base.getScheme(), base.getAuthority(), path, null, null);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("Ledger path '%s' under '%s' does not form a URI".formatted(path, base), e);
        }
    }
}
