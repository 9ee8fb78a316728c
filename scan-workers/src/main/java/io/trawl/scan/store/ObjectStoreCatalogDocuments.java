package io.trawl.scan.store;

import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The lake-native catalog's documents on an {@link ObjectStore} ({@code file://} or {@code s3://}): key
 * {@code k} is the object {@code <metaLocation>/catalog/k}. Conditional writes map onto the store's
 * create-if-absent and replace-if-unchanged (S3 {@code If-None-Match: *} / {@code If-Match}).
 *
 * <p>A read must return the bytes and the tag of the same version, or a later compare-and-swap would install
 * a change computed from older bytes. The store reads ranges and reports tags separately, so a read takes the
 * tag, the bytes, and the tag again, and starts over when they differ; a tag names one content (S3's ETag of
 * a single PUT is the MD5 of the bytes, the local store's tag changes with every write), so equal tags before
 * and after mean the bytes belong to that tag.
 */
public final class ObjectStoreCatalogDocuments
        implements CatalogDocuments
{
    private static final int MAX_READ_ATTEMPTS = 20;

    private final ObjectStore store;
    private final URI root;

    public ObjectStoreCatalogDocuments(ObjectStore store, URI metaLocation)
    {
        this.store = requireNonNull(store, "store is null");
        requireNonNull(metaLocation, "metaLocation is null");
        String path = metaLocation.getPath() == null || metaLocation.getPath().isEmpty() ? "/" : metaLocation.getPath();
        this.root = uri(metaLocation, (path.endsWith("/") ? path : path + "/") + "catalog/");
    }

    /** Where the documents live: {@code <metaLocation>/catalog/}. */
    public URI root()
    {
        return root;
    }

    @Override
    public Optional<Document> read(String key)
    {
        URI location = location(key);
        try {
            for (int attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
                StoredObject before;
                byte[] content;
                StoredObject after;
                try {
                    before = store.stat(location);
                    content = store.readRange(location, 0, Math.toIntExact(before.size()));
                    after = store.stat(location);
                }
                catch (NoSuchFileException e) {
                    return Optional.empty();
                }
                catch (java.io.EOFException e) {
                    continue; // replaced by a shorter version while reading
                }
                if (before.etag().equals(after.etag()) && after.size() == content.length) {
                    return Optional.of(new Document(content, after.etag()));
                }
            }
        }
        catch (IOException e) {
            throw storageError("read", location, e);
        }
        throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Catalog document '%s' kept changing while it was read; retry".formatted(location));
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content)
    {
        URI location = location(key);
        try {
            return store.createIfAbsent(location, content);
        }
        catch (IOException e) {
            throw storageError("write", location, e);
        }
    }

    @Override
    public boolean replaceIfUnchanged(String key, byte[] content, String etag)
    {
        URI location = location(key);
        try {
            return store.replaceIfUnchanged(location, content, etag);
        }
        catch (IOException e) {
            throw storageError("write", location, e);
        }
    }

    @Override
    public void delete(String key)
    {
        URI location = location(key);
        try {
            store.delete(location);
        }
        catch (NoSuchFileException _) {
            // already gone
        }
        catch (IOException e) {
            throw storageError("delete", location, e);
        }
    }

    @Override
    public List<String> list(String prefix)
    {
        URI location = folder(prefix);
        try {
            List<String> keys = new ArrayList<>();
            for (StoredObject object : store.list(location)) {
                String key = keyOf(object.location());
                // the local store's staging files are hidden; S3 has none
                if (!key.startsWith(".") && !key.contains("/.")) {
                    keys.add(key);
                }
            }
            keys.sort(null);
            return List.copyOf(keys);
        }
        catch (NoSuchFileException _) {
            return List.of();
        }
        catch (IOException e) {
            throw storageError("list", location, e);
        }
    }

    @Override
    public List<String> listFolders(String prefix)
    {
        URI location = folder(prefix);
        try {
            List<String> folders = new ArrayList<>();
            for (URI folder : store.listFolders(location)) {
                String key = keyOf(folder);
                if (!key.endsWith("/")) {
                    key += "/";
                }
                if (!key.startsWith(".") && !key.contains("/.")) {
                    folders.add(key);
                }
            }
            folders.sort(null);
            return List.copyOf(folders);
        }
        catch (NoSuchFileException _) {
            return List.of();
        }
        catch (IOException e) {
            throw storageError("list", location, e);
        }
    }

    private URI location(String key)
    {
        requireNonNull(key, "key is null");
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("Invalid catalog document key: " + key);
        }
        return uri(root, root.getPath() + key);
    }

    private URI folder(String prefix)
    {
        requireNonNull(prefix, "prefix is null");
        if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/"))) {
            throw new IllegalArgumentException("Invalid catalog folder key: " + prefix);
        }
        return uri(root, root.getPath() + prefix);
    }

    /** The key of a location under the root, from the decoded path (keys may hold Hive's %XX escapes). */
    private String keyOf(URI location)
    {
        String path = location.getPath();
        String rootPath = root.getPath();
        if (path == null || !path.startsWith(rootPath)) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Object store listed '%s' outside the catalog root '%s'".formatted(location, root));
        }
        return path.substring(rootPath.length());
    }

    /** Builds the URI from a decoded path, so a '%' in a key is quoted rather than read as an escape. */
    private static URI uri(URI base, String path)
    {
        try {
            return new URI(base.getScheme(), base.getAuthority(), path, null, null);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("Catalog path '%s' under '%s' does not form a URI".formatted(path, base), e);
        }
    }

    private static TrawlException storageError(String operation, URI location, IOException e)
    {
        return new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot %s catalog document '%s': %s".formatted(operation, location, e.getMessage()), e);
    }
}
