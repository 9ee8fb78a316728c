package io.trawl.engine.operator.aggregate;

import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;

import java.util.Arrays;

/**
 * sum over double/real, and avg over double, real and the integer types: a double sum and a count, as in
 * Trino's DoubleSumAggregation, RealSumAggregation and AverageAggregations.
 */
final class DoubleSumAccumulator
        extends Accumulator
{
    private final Type inputType;
    private final Type outputType;
    private final boolean average;
    private double[] sums = new double[0];
    private long[] counts = new long[0];

    DoubleSumAccumulator(Type inputType, Type outputType, boolean average)
    {
        this.inputType = inputType;
        this.outputType = outputType;
        this.average = average;
    }

    @Override
    public void ensureCapacity(int groupCount)
    {
        if (groupCount > sums.length) {
            int capacity = grownCapacity(sums.length, groupCount);
            sums = Arrays.copyOf(sums, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
    }

    @Override
    public void add(int[] groupIds, Block block, int[] positions, int count)
    {
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            if (block.isNull(position)) {
                continue;
            }
            int group = groupIds[i];
            sums[group] += readDouble(inputType, block, position);
            counts[group]++;
        }
    }

    @Override
    public void write(int groupId, BlockBuilder out)
    {
        long count = counts[groupId];
        if (count == 0) {
            out.appendNull();
            return;
        }
        writeDouble(outputType, out, average ? sums[groupId] / count : sums[groupId]);
    }

    @Override
    public long retainedBytes()
    {
        return sums.length * 16L;
    }
}
