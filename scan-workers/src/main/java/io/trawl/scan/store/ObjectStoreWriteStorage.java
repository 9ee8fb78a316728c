package io.trawl.scan.store;

import io.trawl.engine.write.WriteStorage;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The engine's {@link WriteStorage} over an {@link ObjectStore}: listing, moving, writing and deleting objects, with
 * the folders local disk has and S3 does not (a table folder must exist on disk to be read; emptied staging folders
 * are removed there). Storage failures become STORAGE_ERROR naming the location.
 */
public final class ObjectStoreWriteStorage
        implements WriteStorage
{
    private final ObjectStore store;

    public ObjectStoreWriteStorage(ObjectStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public List<URI> list(URI prefix)
    {
        try {
            return store.list(prefix).stream().map(StoredObject::location).toList();
        }
        catch (NoSuchFileException e) {
            return List.of();
        }
        catch (IOException e) {
            throw failure("list", prefix, e);
        }
    }

    @Override
    public void move(URI source, URI target)
    {
        try {
            store.move(source, target);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot move '%s' to '%s': %s".formatted(source, target, e.getMessage()), e);
        }
    }

    @Override
    public void write(URI location, byte[] content)
    {
        try (OutputStream out = store.create(location)) {
            out.write(content);
        }
        catch (IOException e) {
            throw failure("write", location, e);
        }
    }

    @Override
    public void delete(URI location)
    {
        try {
            store.delete(location);
        }
        catch (IOException e) {
            throw failure("delete", location, e);
        }
    }

    @Override
    public void deleteAll(URI prefix)
    {
        for (URI object : list(prefix)) {
            delete(object);
        }
        if (isLocal(prefix)) {
            deleteEmptyFolders(Path.of(prefix));
        }
    }

    @Override
    public void deleteFolderIfEmpty(URI folder)
    {
        if (!isLocal(folder)) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(folder));
        }
        catch (DirectoryNotEmptyException ignored) {
            // it holds files: it stays
        }
        catch (IOException e) {
            throw failure("remove folder", folder, e);
        }
    }

    @Override
    public void createFolder(URI location)
    {
        if (!isLocal(location)) {
            return;
        }
        try {
            Files.createDirectories(Path.of(location));
        }
        catch (IOException e) {
            throw failure("create folder", location, e);
        }
    }

    private static boolean isLocal(URI location)
    {
        return "file".equalsIgnoreCase(location.getScheme());
    }

    /** Removes the folder and the folders under it that hold no files, deepest first. */
    private static void deleteEmptyFolders(Path root)
    {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path folder : paths.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(folder);
                }
                catch (DirectoryNotEmptyException ignored) {
                    // something else wrote here since the listing; it stays
                }
            }
        }
        catch (IOException | UncheckedIOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot remove the folders under '%s': %s".formatted(root, e.getMessage()), e);
        }
    }

    private static TrawlException failure(String operation, URI location, IOException e)
    {
        return new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot %s '%s': %s".formatted(operation, location, e.getMessage()), e);
    }
}
