package io.trawl.scan.writer;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.Abortable;
import io.trawl.scan.store.ObjectStore;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * The stream one data file's bytes go to: counts them as they are written (buffered or not), and ends either in
 * {@link #publish()}, which makes the object visible, or in {@link #abort()}, which leaves nothing at the location.
 *
 * <p>{@link #close()} deliberately publishes nothing: format writers close their output when they finish, and some
 * also when they fail half-way (trino-parquet's writer closes its stream in a try-with-resources around the
 * footer), which must not publish a truncated file. Only the writer that knows the file is complete publishes it.
 */
final class FileOutput
        extends OutputStream
{
    private static final int BUFFER_BYTES = 64 * 1024;

    private final ObjectStore store;
    private final URI location;
    private final OutputStream object;
    private final BufferedOutputStream buffer;
    private long bytes;
    private boolean finished;

    private FileOutput(ObjectStore store, URI location, OutputStream object)
    {
        this.store = requireNonNull(store, "store is null");
        this.location = requireNonNull(location, "location is null");
        this.object = requireNonNull(object, "object is null");
        // a format writer may write a few bytes at a time; the store's stream (a local file) should not see each
        this.buffer = new BufferedOutputStream(object, BUFFER_BYTES);
    }

    /**
     * @throws TrawlException STORAGE_ERROR when the store cannot start the object
     */
    static FileOutput create(ObjectStore store, URI location)
    {
        try {
            return new FileOutput(store, location, store.create(location));
        }
        catch (IOException | RuntimeException e) {
            if (e instanceof TrawlException trawl) {
                throw trawl;
            }
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot write %s: %s".formatted(location, e.getMessage()), e);
        }
    }

    URI location()
    {
        return location;
    }

    /** Every byte written so far, including bytes still buffered here. */
    long bytes()
    {
        return bytes;
    }

    @Override
    public void write(int value)
            throws IOException
    {
        checkOpen();
        buffer.write(value);
        bytes++;
    }

    @Override
    public void write(byte[] data, int offset, int length)
            throws IOException
    {
        checkOpen();
        buffer.write(data, offset, length);
        bytes += length;
    }

    @Override
    public void flush()
    {
        // the object is written whole at publish; flushing part of it would only shrink the store's writes
    }

    @Override
    public void close()
    {
        // see the class comment: closing is not publishing
    }

    /** Makes the object visible with everything written. */
    void publish()
            throws IOException
    {
        checkOpen();
        finished = true;
        buffer.flush();
        object.close();
    }

    /** Leaves nothing at the location; safe after a failed {@link #publish()} and more than once. */
    void abort()
            throws IOException
    {
        if (object instanceof Abortable abortable) {
            finished = true;
            abortable.abort();
            return;
        }
        // a stream that cannot be given up publishes on close, so the partial object is deleted straight after
        try {
            if (!finished) {
                finished = true;
                object.close();
            }
        }
        finally {
            store.delete(location);
        }
    }

    private void checkOpen()
            throws IOException
    {
        if (finished) {
            throw new IOException("Output to %s is already published or aborted".formatted(location));
        }
    }
}
