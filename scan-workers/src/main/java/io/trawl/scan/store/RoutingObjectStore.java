package io.trawl.scan.store;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.s3.S3Config;
import io.trawl.scan.store.s3.S3ObjectStore;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One {@link ObjectStore} for every location a table may have: {@code file://} goes to the local store,
 * {@code s3://} (and Hadoop's {@code s3a://}, {@code s3n://}) to the S3 store. The S3 store, with its client,
 * is built on first use, so a process that only reads local files never resolves AWS credentials.
 */
public final class RoutingObjectStore
        implements ObjectStore, AutoCloseable
{
    private final ObjectStore local;
    private final Supplier<? extends ObjectStore> s3Factory;
    private volatile ObjectStore s3;

    public RoutingObjectStore(ObjectStore local, Supplier<? extends ObjectStore> s3Factory)
    {
        this.local = requireNonNull(local, "local is null");
        this.s3Factory = requireNonNull(s3Factory, "s3Factory is null");
    }

    /** Local files, and S3 reached with {@code s3Config}. */
    public static RoutingObjectStore create(S3Config s3Config)
    {
        requireNonNull(s3Config, "s3Config is null");
        return new RoutingObjectStore(new LocalObjectStore(), () -> new S3ObjectStore(s3Config));
    }

    @Override
    public List<StoredObject> list(URI prefix)
            throws IOException
    {
        return storeFor(prefix).list(prefix);
    }

    @Override
    public List<URI> listFolders(URI prefix)
            throws IOException
    {
        return storeFor(prefix).listFolders(prefix);
    }

    @Override
    public StoredObject stat(URI location)
            throws IOException
    {
        return storeFor(location).stat(location);
    }

    @Override
    public void readFully(URI location, long position, byte[] buffer, int offset, int length)
            throws IOException
    {
        storeFor(location).readFully(location, position, buffer, offset, length);
    }

    @Override
    public OutputStream create(URI location)
            throws IOException
    {
        return storeFor(location).create(location);
    }

    @Override
    public boolean createIfAbsent(URI location, byte[] content)
            throws IOException
    {
        return storeFor(location).createIfAbsent(location, content);
    }

    @Override
    public boolean replaceIfUnchanged(URI location, byte[] content, String expectedEtag)
            throws IOException
    {
        return storeFor(location).replaceIfUnchanged(location, content, expectedEtag);
    }

    @Override
    public void checkLocation(URI location)
            throws IOException
    {
        storeFor(location).checkLocation(location);
    }

    @Override
    public void delete(URI location)
            throws IOException
    {
        storeFor(location).delete(location);
    }

    /** Within one store, that store's move (a rename, an S3 copy); across stores, the bytes are copied through this process. */
    @Override
    public void move(URI source, URI target)
            throws IOException
    {
        ObjectStore from = storeFor(source);
        if (from == storeFor(target)) {
            from.move(source, target);
            return;
        }
        ObjectStore.super.move(source, target);
    }

    @Override
    public void close()
            throws Exception
    {
        ObjectStore created = s3;
        if (created instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private ObjectStore storeFor(URI location)
    {
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> local;
            case "s3", "s3a", "s3n" -> s3();
            default -> throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' has unsupported scheme '%s': use s3:// or file://".formatted(location, scheme));
        };
    }

    private ObjectStore s3()
    {
        ObjectStore created = s3;
        if (created == null) {
            synchronized (this) {
                created = s3;
                if (created == null) {
                    created = requireNonNull(s3Factory.get(), "s3Factory returned null");
                    s3 = created;
                }
            }
        }
        return created;
    }
}
