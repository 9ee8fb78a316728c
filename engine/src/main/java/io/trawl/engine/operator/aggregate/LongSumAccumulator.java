package io.trawl.engine.operator.aggregate;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;

import java.util.Arrays;

/** sum over bigint, integer, smallint and tinyint: a bigint that fails on overflow, as Trino's does. */
final class LongSumAccumulator
        extends Accumulator
{
    private final Type inputType;
    private final Type outputType;
    private long[] sums = new long[0];
    private boolean[] present = new boolean[0];

    LongSumAccumulator(Type inputType, Type outputType)
    {
        this.inputType = inputType;
        this.outputType = outputType;
    }

    @Override
    public void ensureCapacity(int groupCount)
    {
        if (groupCount > sums.length) {
            int capacity = grownCapacity(sums.length, groupCount);
            sums = Arrays.copyOf(sums, capacity);
            present = Arrays.copyOf(present, capacity);
        }
    }

    @Override
    public void add(int[] groupIds, Block block, int[] positions, int count)
    {
        try {
            for (int i = 0; i < count; i++) {
                int position = positions[i];
                if (block.isNull(position)) {
                    continue;
                }
                int group = groupIds[i];
                sums[group] = Math.addExact(sums[group], inputType.getLong(block, position));
                present[group] = true;
            }
        }
        catch (ArithmeticException e) {
            throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "bigint addition overflow in sum()", e);
        }
    }

    @Override
    public void write(int groupId, BlockBuilder out)
    {
        if (!present[groupId]) {
            out.appendNull();
        }
        else {
            outputType.writeLong(out, sums[groupId]);
        }
    }

    @Override
    public long retainedBytes()
    {
        return sums.length * 9L;
    }
}
