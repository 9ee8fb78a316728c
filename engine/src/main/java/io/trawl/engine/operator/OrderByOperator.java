package io.trawl.engine.operator;

import io.trino.spi.Page;
import io.trino.spi.connector.SortOrder;
import io.trino.spi.type.Type;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * ORDER BY without a limit: buffers the whole input (reserved in the memory budget), sorts the row
 * indexes with a stable merge sort and emits all columns in order, at most 8192 rows per page.
 */
public final class OrderByOperator
        implements Operator
{
    private static final int OUTPUT_PAGE_ROWS = 8192;

    private final Operator source;
    private final RowComparator comparator;
    private final RowBuffer buffer;
    private Page sorted;
    private int[] order;
    private int nextPosition;

    /**
     * @param types the source's column types (all are output)
     * @param sortChannels the channels to sort by, most significant first
     * @param orders direction and NULL placement for each sort channel
     */
    public OrderByOperator(Operator source, List<Type> types, List<Integer> sortChannels, List<SortOrder> orders, MemoryBudget memoryBudget)
    {
        this.source = requireNonNull(source, "source is null");
        this.comparator = new RowComparator(types, sortChannels, orders);
        this.buffer = new RowBuffer(types, memoryBudget, "order by");
    }

    @Override
    public Page next()
    {
        if (sorted == null) {
            for (Page page = source.next(); page != null; page = source.next()) {
                buffer.add(page);
            }
            sorted = buffer.build();
            order = comparator.sortedPositions(sorted);
        }
        if (nextPosition >= order.length) {
            return null;
        }
        int length = Math.min(OUTPUT_PAGE_ROWS, order.length - nextPosition);
        Page page = sorted.copyPositions(order, nextPosition, length);
        nextPosition += length;
        return page;
    }

    @Override
    public void close()
    {
        buffer.close();
        source.close();
    }
}
