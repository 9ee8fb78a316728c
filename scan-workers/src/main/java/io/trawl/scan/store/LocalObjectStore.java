package io.trawl.scan.store;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * {@link ObjectStore} over the local file system, for {@code file:///} URIs. Directories play the part of
 * S3 prefixes. Writes go to a hidden sibling file that is renamed into place on close, so a reader (or a
 * listing, which skips {@code .} files) never sees half an object.
 */
public final class LocalObjectStore
        implements ObjectStore
{
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
                    objects.add(new StoredObject(path.toUri(), attributes.size(), attributes.lastModifiedTime().toInstant()));
                }
            }
        }
        objects.sort(Comparator.comparing(object -> object.location().toString()));
        return List.copyOf(objects);
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
        return new StoredObject(path.toUri(), attributes.size(), attributes.lastModifiedTime().toInstant());
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
        OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FilterOutputStream(out)
        {
            private boolean closed;

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
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                finally {
                    Files.deleteIfExists(temporary);
                }
            }
        };
    }

    @Override
    public boolean createIfAbsent(URI location, byte[] content)
            throws IOException
    {
        Path target = toPath(location);
        Files.createDirectories(target.getParent());
        Path temporary = temporarySibling(target);
        Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            // a hard link fails when the target exists, which makes create-if-absent atomic on POSIX file systems
            Files.createLink(target, temporary);
            return true;
        }
        catch (FileAlreadyExistsException e) {
            return false;
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public void delete(URI location)
            throws IOException
    {
        Files.deleteIfExists(toPath(location));
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
