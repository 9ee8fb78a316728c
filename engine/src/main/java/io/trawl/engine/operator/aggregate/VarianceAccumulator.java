package io.trawl.engine.operator.aggregate;

import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;

import java.util.Arrays;

import static io.trino.spi.type.DoubleType.DOUBLE;

/**
 * var_samp, var_pop, stddev_samp and stddev_pop with Welford's online update, as Trino's
 * VarianceAggregation does: NULL without input, and the sample forms are NULL for a single row.
 */
final class VarianceAccumulator
        extends Accumulator
{
    enum Kind { VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP }

    private final Type inputType;
    private final Kind kind;
    private long[] counts = new long[0];
    private double[] means = new double[0];
    private double[] squaredDeviations = new double[0];

    VarianceAccumulator(Type inputType, Kind kind)
    {
        this.inputType = inputType == null ? DOUBLE : inputType;
        this.kind = kind;
    }

    @Override
    public void ensureCapacity(int groupCount)
    {
        if (groupCount > counts.length) {
            int capacity = grownCapacity(counts.length, groupCount);
            counts = Arrays.copyOf(counts, capacity);
            means = Arrays.copyOf(means, capacity);
            squaredDeviations = Arrays.copyOf(squaredDeviations, capacity);
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
            double value = readDouble(inputType, block, position);
            long n = ++counts[group];
            double delta = value - means[group];
            means[group] += delta / n;
            squaredDeviations[group] += delta * (value - means[group]);
        }
    }

    @Override
    public void write(int groupId, BlockBuilder out)
    {
        long n = counts[groupId];
        boolean sample = kind == Kind.VAR_SAMP || kind == Kind.STDDEV_SAMP;
        if (n == 0 || (sample && n == 1)) {
            out.appendNull();
            return;
        }
        double variance = squaredDeviations[groupId] / (sample ? n - 1 : n);
        boolean deviation = kind == Kind.STDDEV_SAMP || kind == Kind.STDDEV_POP;
        DOUBLE.writeDouble(out, deviation ? Math.sqrt(variance) : variance);
    }

    @Override
    public long retainedBytes()
    {
        return counts.length * 24L;
    }
}
