package io.trawl.engine.operator.aggregate;

import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;

import java.util.Arrays;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;

/** count(*), count(x) and count_if(x): a bigint per group that is 0, never NULL, for an empty group. */
final class CountAccumulator
        extends Accumulator
{
    enum Mode { ALL, NON_NULL, TRUE }

    private final Mode mode;
    private long[] counts = new long[0];

    CountAccumulator(Mode mode)
    {
        this.mode = mode;
    }

    @Override
    public void ensureCapacity(int groupCount)
    {
        if (groupCount > counts.length) {
            counts = Arrays.copyOf(counts, grownCapacity(counts.length, groupCount));
        }
    }

    @Override
    public void add(int[] groupIds, Block block, int[] positions, int count)
    {
        switch (mode) {
            case ALL -> {
                for (int i = 0; i < count; i++) {
                    counts[groupIds[i]]++;
                }
            }
            case NON_NULL -> {
                for (int i = 0; i < count; i++) {
                    if (!block.isNull(positions[i])) {
                        counts[groupIds[i]]++;
                    }
                }
            }
            case TRUE -> {
                for (int i = 0; i < count; i++) {
                    int position = positions[i];
                    if (!block.isNull(position) && BOOLEAN.getBoolean(block, position)) {
                        counts[groupIds[i]]++;
                    }
                }
            }
        }
    }

    @Override
    public void write(int groupId, BlockBuilder out)
    {
        BIGINT.writeLong(out, counts[groupId]);
    }

    @Override
    public long retainedBytes()
    {
        return counts.length * 8L;
    }
}
