package io.trawl.scan.store;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

/**
 * The lake's storage, shaped after S3 so the local and S3 implementations are interchangeable: objects are
 * addressed by URI, listed by prefix (recursively, like an S3 listing without a delimiter), read by byte
 * range and written whole. Readers never see a partly written object: {@link #create} publishes the object
 * when the stream is closed, as an S3 PutObject or multipart upload does.
 *
 * <p>Failures: a missing object is {@link java.nio.file.NoSuchFileException}, a read past the end of an
 * object is {@link java.io.EOFException} naming the object and the offset, any other storage failure an
 * {@link IOException} or, where the store knows what the user did wrong (a missing S3 bucket, access denied),
 * a {@link io.trawl.error.TrawlException} naming the bucket and key.
 */
public interface ObjectStore
{
    /**
     * Every object under {@code prefix}, recursively, in lexicographic order of location.
     *
     * @throws java.nio.file.NoSuchFileException on local disk, when the prefix names no file or folder; S3
     * has no folders, so there an empty or missing prefix lists nothing (as Athena reads an empty location as
     * an empty table), and only a missing bucket fails
     */
    List<StoredObject> list(URI prefix)
            throws IOException;

    /**
     * The folders directly under {@code prefix} (on S3, the common prefixes of a listing with delimiter
     * {@code /}), each ending with {@code /}, in lexicographic order: how partitioned tables are walked
     * one partition level at a time, so pruned partitions are never listed.
     */
    List<URI> listFolders(URI prefix)
            throws IOException;

    /**
     * @throws java.nio.file.NoSuchFileException when the object does not exist
     */
    StoredObject stat(URI location)
            throws IOException;

    /**
     * Reads exactly {@code length} bytes starting at {@code position} into {@code buffer}.
     *
     * @throws java.io.EOFException when the object ends before {@code position + length}
     */
    void readFully(URI location, long position, byte[] buffer, int offset, int length)
            throws IOException;

    default byte[] readRange(URI location, long position, int length)
            throws IOException
    {
        byte[] buffer = new byte[length];
        readFully(location, position, buffer, 0, length);
        return buffer;
    }

    /**
     * A stream that replaces the object at {@code location} when closed; nothing is visible before. The stream is
     * {@link Abortable}: aborting it instead of closing it leaves nothing at the location.
     */
    OutputStream create(URI location)
            throws IOException;

    /**
     * Writes the object only if nothing exists at {@code location} (S3's {@code If-None-Match: *}).
     *
     * @return false when an object already existed, which is then left unchanged
     */
    boolean createIfAbsent(URI location, byte[] content)
            throws IOException;

    /**
     * Writes the object only if it is still the version tagged {@code expectedEtag} (S3's {@code If-Match}):
     * the compare-and-swap under optimistic concurrency, e.g. for catalog entries.
     *
     * @return false when the object changed since that version or no longer exists; it is then left unchanged
     */
    boolean replaceIfUnchanged(URI location, byte[] content, String expectedEtag)
            throws IOException;

    /**
     * Checks that {@code location} can hold a table before a catalog records it: on local disk an existing
     * directory, on S3 an existing bucket these credentials reach. An empty prefix is fine (Athena accepts a
     * LOCATION with no objects yet).
     *
     * @throws io.trawl.error.TrawlException INVALID_LOCATION naming the location when it cannot
     */
    void checkLocation(URI location)
            throws IOException;

    /** Deletes the object; deleting a missing object is not an error (as in S3). */
    void delete(URI location)
            throws IOException;

    /**
     * Moves an object to {@code target}, replacing any object there: how a write publishes its staged files. On local
     * disk an atomic rename; on S3, which cannot rename, a server-side copy and then a delete of the source (so for a
     * moment both exist). This default copies the bytes through this process, for stores that can do no better.
     *
     * @throws java.nio.file.NoSuchFileException when the source does not exist
     */
    default void move(URI source, URI target)
            throws IOException
    {
        long size = stat(source).size();
        byte[] buffer = new byte[(int) Math.min(size, 8 << 20)];
        try (OutputStream out = create(target)) {
            for (long position = 0; position < size; ) {
                int length = (int) Math.min(buffer.length, size - position);
                readFully(source, position, buffer, 0, length);
                out.write(buffer, 0, length);
                position += length;
            }
        }
        delete(source);
    }
}
