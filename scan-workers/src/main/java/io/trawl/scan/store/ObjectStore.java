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
 */
public interface ObjectStore
{
    /**
     * Every object under {@code prefix}, recursively, in lexicographic order of location.
     *
     * @throws java.nio.file.NoSuchFileException when the prefix names nothing that exists
     */
    List<StoredObject> list(URI prefix)
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

    /** A stream that replaces the object at {@code location} when closed; nothing is visible before. */
    OutputStream create(URI location)
            throws IOException;

    /**
     * Writes the object only if nothing exists at {@code location} (S3's {@code If-None-Match: *}).
     *
     * @return false when an object already existed, which is then left unchanged
     */
    boolean createIfAbsent(URI location, byte[] content)
            throws IOException;

    /** Deletes the object; deleting a missing object is not an error (as in S3). */
    void delete(URI location)
            throws IOException;
}
