package io.trawl.scan.writer;

import io.trawl.engine.write.FileWriter;
import io.trawl.engine.write.WrittenFile;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.type.Type;

import java.io.IOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What every format's writer shares: the life of one file (open, then committed or aborted, never both), row
 * counting, checking each page against the file's columns, and turning I/O failures into STORAGE_ERROR naming the
 * file. A format supplies how pages are encoded, how the file is finished, and how many bytes it has produced.
 */
abstract class TableFileWriter
        implements FileWriter
{
    private enum State { OPEN, FAILED, COMMITTED, ABORTED }

    private final FileOutput output;
    private final List<Type> types;
    private long rows;
    private State state = State.OPEN;

    TableFileWriter(FileOutput output, List<Type> types)
    {
        this.output = requireNonNull(output, "output is null");
        this.types = List.copyOf(types);
    }

    /** Encodes the page's rows; the page has been checked to hold the file's columns. */
    abstract void writePage(Page page)
            throws IOException;

    /** Writes whatever completes the file (a footer, the last block, a compressed stream's trailer) to the output. */
    abstract void finish()
            throws IOException;

    final FileOutput output()
    {
        return output;
    }

    @Override
    public final void append(Page page)
    {
        requireNonNull(page, "page is null");
        checkState(State.OPEN, "append to");
        if (page.getChannelCount() != types.size()) {
            throw new IllegalArgumentException("Page has %d channels, the file %s has %d columns".formatted(page.getChannelCount(), output.location(), types.size()));
        }
        try {
            writePage(page);
            rows += page.getPositionCount();
        }
        catch (IOException e) {
            state = State.FAILED;
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot write %s: %s".formatted(output.location(), e.getMessage()), e);
        }
        catch (RuntimeException | Error e) {
            state = State.FAILED;
            throw e;
        }
    }

    @Override
    public final long writtenRows()
    {
        return rows;
    }

    @Override
    public final WrittenFile commit()
    {
        checkState(State.OPEN, "commit");
        try {
            finish();
            output.publish();
            state = State.COMMITTED;
            return new WrittenFile(output.location(), output.bytes(), rows);
        }
        catch (IOException e) {
            state = State.FAILED;
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot finish %s: %s".formatted(output.location(), e.getMessage()), e);
        }
        catch (RuntimeException | Error e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Leaves nothing at the location. After a successful {@link #commit()} it does nothing: the file is the engine's
     * to publish or clean up then, and a {@code finally} that aborts whatever was not committed must not delete it.
     * A storage failure while discarding is not raised, so it cannot hide why the write failed; whatever an abort
     * could not remove is under the statement's staging prefix, which the engine cleans up.
     */
    @Override
    public final void abort()
    {
        if (state == State.COMMITTED || state == State.ABORTED) {
            return;
        }
        state = State.ABORTED;
        try {
            output.abort();
        }
        catch (IOException | RuntimeException ignored) {
            // see the method comment
        }
    }

    private void checkState(State expected, String action)
    {
        if (state != expected) {
            throw new IllegalStateException("Cannot %s %s: the writer is %s".formatted(action, output.location(), state.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
