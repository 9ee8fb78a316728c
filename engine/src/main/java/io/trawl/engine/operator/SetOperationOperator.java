package io.trawl.engine.operator;

import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * INTERSECT and EXCEPT, DISTINCT or ALL, over two inputs with the same column types. Rows are compared
 * as whole tuples with NULL equal to NULL (set operations use IS NOT DISTINCT FROM). Both inputs are
 * counted per distinct row in one hash table; the output repeats each row as often as the operation says:
 * INTERSECT ALL min(left, right) times, EXCEPT ALL max(left - right, 0) times, the DISTINCT forms at most
 * once. Output order is unspecified.
 */
public final class SetOperationOperator
        implements Operator
{
    /** Which set operation to evaluate. */
    public enum Operation
    {
        INTERSECT_DISTINCT, INTERSECT_ALL, EXCEPT_DISTINCT, EXCEPT_ALL
    }

    private static final int OUTPUT_PAGE_ROWS = 8192;

    private final Operator left;
    private final Operator right;
    private final List<Type> types;
    private final Operation operation;
    private final MemoryBudget memoryBudget;
    private final GroupByHash rows;
    private long[] leftCounts = new long[1024];
    private long[] rightCounts = new long[1024];
    private long countsReserved;
    private boolean consumed;
    private int nextRow;
    private long emittedOfCurrentRow;

    /**
     * @param left the first input (the one EXCEPT keeps rows of)
     * @param right the second input
     * @param types the column types of both inputs
     */
    public SetOperationOperator(Operator left, Operator right, List<Type> types, Operation operation, MemoryBudget memoryBudget)
    {
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
        this.types = List.copyOf(types);
        this.operation = requireNonNull(operation, "operation is null");
        this.memoryBudget = requireNonNull(memoryBudget, "memoryBudget is null");
        this.rows = GroupByHash.create(this.types, memoryBudget, "set operation");
    }

    @Override
    public Page next()
    {
        if (!consumed) {
            consume(left, true);
            consume(right, false);
            consumed = true;
        }
        int rowCount = rows.groupCount();
        if (nextRow >= rowCount) {
            return null;
        }
        PageBuilder pageBuilder = new PageBuilder(types);
        BlockBuilder[] builders = new BlockBuilder[types.size()];
        for (int channel = 0; channel < builders.length; channel++) {
            builders[channel] = pageBuilder.getBlockBuilder(channel);
        }
        while (nextRow < rowCount && pageBuilder.getPositionCount() < OUTPUT_PAGE_ROWS) {
            long copies = outputCopies(leftCounts[nextRow], rightCounts[nextRow]);
            if (emittedOfCurrentRow < copies) {
                rows.appendKey(nextRow, builders, 0);
                pageBuilder.declarePosition();
                emittedOfCurrentRow++;
            }
            else {
                nextRow++;
                emittedOfCurrentRow = 0;
            }
        }
        return pageBuilder.build();
    }

    private long outputCopies(long leftCount, long rightCount)
    {
        return switch (operation) {
            case INTERSECT_DISTINCT -> leftCount > 0 && rightCount > 0 ? 1 : 0;
            case INTERSECT_ALL -> Math.min(leftCount, rightCount);
            case EXCEPT_DISTINCT -> leftCount > 0 && rightCount == 0 ? 1 : 0;
            case EXCEPT_ALL -> Math.max(leftCount - rightCount, 0);
        };
    }

    private void consume(Operator input, boolean isLeft)
    {
        for (Page page = input.next(); page != null; page = input.next()) {
            int positionCount = page.getPositionCount();
            if (positionCount == 0) {
                continue;
            }
            Block[] blocks = new Block[types.size()];
            for (int channel = 0; channel < blocks.length; channel++) {
                blocks[channel] = page.getBlock(channel);
            }
            int[] ids = rows.groupIds(blocks, positionCount);
            int rowCount = rows.groupCount();
            if (rowCount > leftCounts.length) {
                int capacity = Math.max(rowCount, leftCounts.length * 2);
                leftCounts = Arrays.copyOf(leftCounts, capacity);
                rightCounts = Arrays.copyOf(rightCounts, capacity);
                long bytes = capacity * 16L;
                memoryBudget.reserve(bytes - countsReserved, "set operation");
                countsReserved = bytes;
            }
            long[] counts = isLeft ? leftCounts : rightCounts;
            for (int id : ids) {
                counts[id]++;
            }
        }
    }

    @Override
    public void close()
    {
        rows.close();
        memoryBudget.free(countsReserved);
        countsReserved = 0;
        try (left; right) {
            // closes both inputs even if one fails
        }
    }
}
