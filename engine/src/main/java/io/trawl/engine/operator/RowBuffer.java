package io.trawl.engine.operator;

import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;

import java.util.List;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

/**
 * Collects all pages of an input into one page (one block per column), reserving what it retains in the
 * query's {@link MemoryBudget} as it grows, so that random access by row index (sorting, hash join build
 * side, windows) is a plain position lookup and a too-large input fails with EXCEEDED_MEMORY_LIMIT.
 * The reservation is held until {@link #close()}.
 * <p>
 * Public only because operator.window buffers its partitions with it.
 */
public final class RowBuffer
        implements AutoCloseable
{
    private final List<Type> types;
    private final MemoryBudget memoryBudget;
    private final String holder;
    private BlockBuilder[] builders;
    private int positionCount;
    private long reservedBytes;
    private boolean closed;

    /**
     * @param types the column types of the pages to add
     * @param holder what is buffering, named in the memory-limit error
     */
    public RowBuffer(List<Type> types, MemoryBudget memoryBudget, String holder)
    {
        this.types = List.copyOf(requireNonNull(types, "types is null"));
        this.memoryBudget = requireNonNull(memoryBudget, "memoryBudget is null");
        this.holder = requireNonNull(holder, "holder is null");
        this.builders = new BlockBuilder[types.size()];
        for (int channel = 0; channel < builders.length; channel++) {
            builders[channel] = types.get(channel).createBlockBuilder(null, 1024);
        }
    }

    /** Appends every row of {@code page}. */
    public void add(Page page)
    {
        checkState(builders != null, "buffer already built");
        int count = page.getPositionCount();
        if (count == 0) {
            return;
        }
        long retained = 0;
        for (int channel = 0; channel < builders.length; channel++) {
            builders[channel].appendBlockRange(page.getBlock(channel), 0, count);
            retained += builders[channel].getRetainedSizeInBytes();
        }
        positionCount += count;
        updateReservation(retained);
    }

    public int positionCount()
    {
        return positionCount;
    }

    /** The buffered rows as one page; the buffer accepts no more rows afterwards. */
    public Page build()
    {
        checkState(builders != null, "buffer already built");
        Block[] blocks = new Block[builders.length];
        for (int channel = 0; channel < builders.length; channel++) {
            blocks[channel] = builders[channel].build();
        }
        builders = null;
        Page page = new Page(positionCount, blocks);
        updateReservation(page.getRetainedSizeInBytes());
        return page;
    }

    public List<Type> types()
    {
        return types;
    }

    private void updateReservation(long retainedBytes)
    {
        long delta = retainedBytes - reservedBytes;
        if (delta > 0) {
            memoryBudget.reserve(delta, holder);
        }
        else {
            memoryBudget.free(-delta);
        }
        reservedBytes = retainedBytes;
    }

    @Override
    public void close()
    {
        if (!closed) {
            closed = true;
            memoryBudget.free(reservedBytes);
            reservedBytes = 0;
            builders = null;
        }
    }
}
