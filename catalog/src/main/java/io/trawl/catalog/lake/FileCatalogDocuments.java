package io.trawl.catalog.lake;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Catalog documents in a local directory, for the embedded mode. Documents are written to a hidden temporary
 * file and renamed into place, so readers take no lock and never see half a document. Conditional writes and
 * deletes hold a lock on {@code root/.lock} (a file lock, so they are atomic between processes sharing the
 * directory, plus a lock per root within this JVM, since a file lock belongs to the whole process). The
 * entity tag is a hash of the content: two versions with equal bytes are the same version, which is all a
 * compare-and-swap needs.
 */
public final class FileCatalogDocuments
        implements CatalogDocuments
{
    private static final Map<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final ReentrantLock processLock;

    public FileCatalogDocuments(Path root)
    {
        requireNonNull(root, "root is null");
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot create catalog directory '" + root + "': " + e.getMessage(), e);
        }
        this.processLock = PROCESS_LOCKS.computeIfAbsent(this.root, _ -> new ReentrantLock());
    }

    @Override
    public Optional<Document> read(String key)
    {
        Path file = resolve(key);
        try {
            byte[] content = Files.readAllBytes(file);
            return Optional.of(new Document(content, etag(content)));
        }
        catch (NoSuchFileException _) {
            return Optional.empty();
        }
        catch (IOException e) {
            if (Files.isDirectory(file)) {
                return Optional.empty();
            }
            throw storageError("read", key, e);
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content)
    {
        Path file = resolve(key);
        return locked(key, () -> {
            if (Files.exists(file)) {
                return false;
            }
            write(file, content);
            return true;
        });
    }

    @Override
    public boolean replaceIfUnchanged(String key, byte[] content, String etag)
    {
        requireNonNull(etag, "etag is null");
        Path file = resolve(key);
        return locked(key, () -> {
            Optional<Document> current = read(key);
            if (current.isEmpty() || !current.get().etag().equals(etag)) {
                return false;
            }
            write(file, content);
            return true;
        });
    }

    @Override
    public void delete(String key)
    {
        Path file = resolve(key);
        locked(key, () -> {
            Files.deleteIfExists(file);
            // empty folders would otherwise stay in folder listings (partition walks) for ever
            for (Path folder = file.getParent(); !folder.equals(root); folder = folder.getParent()) {
                try {
                    Files.deleteIfExists(folder);
                }
                catch (DirectoryNotEmptyException _) {
                    break;
                }
            }
            return null;
        });
    }

    @Override
    public List<String> list(String prefix)
    {
        Path folder = resolveFolder(prefix);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.filter(Files::isRegularFile)
                    .map(this::keyOf)
                    .filter(key -> !isHidden(key))
                    .forEach(keys::add);
        }
        catch (NoSuchFileException _) {
            // the folder (or a folder inside it) was deleted while walking: what remains is listed
        }
        catch (IOException | java.io.UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw storageError("list", prefix, e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause());
            }
        }
        keys.sort(null);
        return List.copyOf(keys);
    }

    @Override
    public List<String> listFolders(String prefix)
    {
        Path folder = resolveFolder(prefix);
        List<String> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            children.filter(Files::isDirectory)
                    .filter(child -> !child.getFileName().toString().startsWith("."))
                    .forEach(child -> folders.add(keyOf(child) + "/"));
        }
        catch (NoSuchFileException _) {
            return List.of();
        }
        catch (IOException e) {
            throw storageError("list", prefix, e);
        }
        folders.sort(null);
        return List.copyOf(folders);
    }

    private String keyOf(Path path)
    {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private static boolean isHidden(String key)
    {
        return key.startsWith(".") || key.contains("/.");
    }

    private Path resolve(String key)
    {
        requireNonNull(key, "key is null");
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || isHidden(key) || key.contains("..")) {
            throw new IllegalArgumentException("Invalid catalog document key: " + key);
        }
        return root.resolve(key);
    }

    private Path resolveFolder(String prefix)
    {
        requireNonNull(prefix, "prefix is null");
        if (prefix.isEmpty()) {
            return root;
        }
        if (!prefix.endsWith("/") || prefix.startsWith("/") || prefix.contains("..")) {
            throw new IllegalArgumentException("Invalid catalog folder key: " + prefix);
        }
        return root.resolve(prefix.substring(0, prefix.length() - 1));
    }

    private void write(Path file, byte[] content)
            throws IOException
    {
        Files.createDirectories(file.getParent());
        // hidden temporary name: listings skip dot files, so a crash never shows a half-made document
        Path temporary = Files.createTempFile(file.getParent(), ".tmp-", ".json");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    private <T> T locked(String key, IoSupplier<T> action)
    {
        processLock.lock();
        try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock _ = channel.lock()) {
            return action.get();
        }
        catch (IOException e) {
            throw storageError("write", key, e);
        }
        finally {
            processLock.unlock();
        }
    }

    private TrawlException storageError(String operation, String key, IOException e)
    {
        return new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot %s catalog document '%s' in '%s': %s".formatted(operation, key, root, e.getMessage()), e);
    }

    private static String etag(byte[] content)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 16);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface IoSupplier<T>
    {
        T get()
                throws IOException;
    }
}
