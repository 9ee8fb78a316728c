package io.trawl.scan.store;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * {@link ObjectStore} over the local file system, for {@code file:///} URIs. Directories play the part of
 * S3 prefixes. Writes go to a hidden sibling file that is renamed into place on close, so a reader (or a
 * listing, which skips {@code .} files) never sees half an object.
 *
 * <p>Conditional writes: {@link #createIfAbsent} links the staged file into place, which fails atomically when
 * the target exists, even between processes. {@link #replaceIfUnchanged} compares the tag and renames under a
 * lock held per location in this JVM, so it is atomic between the threads of one process (the embedded
 * mode), not between processes sharing a directory. The entity tag is the file's identity (device, inode),
 * size and modification time in nanoseconds; every write through this class stamps a modification time later
 * than any it stamped before, so two versions written in the same clock tick still get different tags.
 */
public final class LocalObjectStore
        implements ObjectStore
{
    private static final int LOCK_STRIPES = 64;
    private static final ReentrantLock[] LOCKS = createLocks();
    private static final AtomicLong LAST_WRITE_NANOS = new AtomicLong();

    @Override
    public List<StoredObject> list(URI prefix)
            throws IOException
    {
        Path root = toPath(prefix);
        if (!Files.exists(root)) {
            throw new NoSuchFileException(prefix.toString());
        }
        if (Files.isRegularFile(root)) {
            return List.of(stat(prefix));
        }
        List<StoredObject> objects = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    objects.add(storedObject(path, attributes));
                }
            }
        }
        objects.sort(Comparator.comparing(object -> object.location().toString()));
        return List.copyOf(objects);
    }

    @Override
    public List<URI> listFolders(URI prefix)
            throws IOException
    {
        Path root = toPath(prefix);
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(prefix.toString());
        }
        List<URI> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (Files.isDirectory(child)) {
                    folders.add(child.toUri());
                }
            }
        }
        folders.sort(Comparator.comparing(URI::toString));
        return List.copyOf(folders);
    }

    @Override
    public StoredObject stat(URI location)
            throws IOException
    {
        Path path = toPath(location);
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new NoSuchFileException(location.toString(), null, "not a file");
        }
        return storedObject(path, attributes);
    }

    @Override
    public void readFully(URI location, long position, byte[] buffer, int offset, int length)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(toPath(location), StandardOpenOption.READ)) {
            ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
            long filePosition = position;
            while (target.hasRemaining()) {
                int read = channel.read(target, filePosition);
                if (read < 0) {
                    throw new EOFException("%s ends before byte %d (read %d of %d bytes at offset %d)".formatted(
                            location, position + length, filePosition - position, length, position));
                }
                filePosition += read;
            }
        }
    }

    @Override
    public OutputStream create(URI location)
            throws IOException
    {
        Path target = toPath(location);
        Files.createDirectories(target.getParent());
        Path temporary = temporarySibling(target);
        return new StagedFileOutputStream(Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), temporary, target);
    }

    @Override
    public boolean createIfAbsent(URI location, byte[] content)
            throws IOException
    {
        Path target = toPath(location);
        Files.createDirectories(target.getParent());
        Path temporary = temporarySibling(target);
        Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        stampWriteTime(temporary);
        ReentrantLock lock = lockFor(target);
        lock.lock();
        try {
            // a hard link fails when the target exists, which makes create-if-absent atomic on POSIX file systems
            Files.createLink(target, temporary);
            return true;
        }
        catch (FileAlreadyExistsException e) {
            return false;
        }
        finally {
            lock.unlock();
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public boolean replaceIfUnchanged(URI location, byte[] content, String expectedEtag)
            throws IOException
    {
        requireNonNull(content, "content is null");
        requireNonNull(expectedEtag, "expectedEtag is null");
        Path target = toPath(location);
        if (!Files.isDirectory(target.getParent())) {
            return false;
        }
        Path temporary = temporarySibling(target);
        Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        stampWriteTime(temporary);
        ReentrantLock lock = lockFor(target);
        lock.lock();
        try {
            String currentEtag;
            try {
                currentEtag = storedObject(target, Files.readAttributes(target, BasicFileAttributes.class)).etag();
            }
            catch (NoSuchFileException e) {
                return false;
            }
            if (!currentEtag.equals(expectedEtag)) {
                return false;
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        finally {
            lock.unlock();
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public void checkLocation(URI location)
    {
        Path path;
        try {
            path = toPath(location);
        }
        catch (IllegalArgumentException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' is not a local path: %s".formatted(location, e.getMessage()), e);
        }
        if (!Files.exists(path)) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' does not exist".formatted(location));
        }
        if (!Files.isDirectory(path)) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' is not a directory".formatted(location));
        }
    }

    @Override
    public void delete(URI location)
            throws IOException
    {
        Path target = toPath(location);
        ReentrantLock lock = lockFor(target);
        lock.lock();
        try {
            Files.deleteIfExists(target);
        }
        finally {
            lock.unlock();
        }
    }

    /** A rename, atomic on one file system; the target's folder is created as {@link #create} would. */
    @Override
    public void move(URI source, URI target)
            throws IOException
    {
        Path from = toPath(source);
        Path to = toPath(target);
        Files.createDirectories(to.getParent());
        ReentrantLock lock = lockFor(to);
        lock.lock();
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            lock.unlock();
        }
    }

    private static StoredObject storedObject(Path path, BasicFileAttributes attributes)
    {
        Instant modified = attributes.lastModifiedTime().toInstant();
        long modifiedNanos = modified.getEpochSecond() * 1_000_000_000L + modified.getNano();
        Object fileKey = attributes.fileKey();
        String etag = "\"%x-%x-%x\"".formatted(fileKey == null ? 0 : fileKey.hashCode(), attributes.size(), modifiedNanos);
        return new StoredObject(path.toUri(), attributes.size(), modified, etag);
    }

    /** Sets a modification time later than any this JVM stamped before, so each version gets its own tag. */
    private static void stampWriteTime(Path path)
            throws IOException
    {
        Instant now = Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long stamped = LAST_WRITE_NANOS.accumulateAndGet(nowNanos, (last, candidate) -> Math.max(last + 1_000, candidate));
        Files.setLastModifiedTime(path, FileTime.from(Instant.ofEpochSecond(0, stamped)));
    }

    private static ReentrantLock lockFor(Path target)
    {
        return LOCKS[Math.floorMod(target.toAbsolutePath().normalize().hashCode(), LOCK_STRIPES)];
    }

    private static ReentrantLock[] createLocks()
    {
        ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }

    /** Writes a hidden sibling file that close renames into place and abort deletes. */
    private static final class StagedFileOutputStream
            extends FilterOutputStream
            implements Abortable
    {
        private final Path temporary;
        private final Path target;
        private boolean closed;

        StagedFileOutputStream(OutputStream out, Path temporary, Path target)
        {
            super(out);
            this.temporary = temporary;
            this.target = target;
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            out.write(bytes, offset, length);
        }

        @Override
        public void close()
                throws IOException
        {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
                stampWriteTime(temporary);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }

        @Override
        public void abort()
                throws IOException
        {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
    }

    static Path toPath(URI location)
    {
        requireNonNull(location, "location is null");
        if (!"file".equals(location.getScheme())) {
            throw new IllegalArgumentException("Not a file:/// location: " + location);
        }
        return Path.of(location);
    }

    private static Path temporarySibling(Path target)
    {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }
}
