package io.trawl.engine.operator.aggregate;

import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;

import java.util.Arrays;

import static io.trino.spi.type.BooleanType.BOOLEAN;

/** bool_and (every) and bool_or: NULL for a group without non-null input. */
final class BooleanAccumulator
        extends Accumulator
{
    private static final byte EMPTY = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;

    private final boolean conjunction;
    private byte[] states = new byte[0];

    BooleanAccumulator(boolean conjunction)
    {
        this.conjunction = conjunction;
    }

    @Override
    public void ensureCapacity(int groupCount)
    {
        if (groupCount > states.length) {
            states = Arrays.copyOf(states, grownCapacity(states.length, groupCount));
        }
    }

    @Override
    public void add(int[] groupIds, Block block, int[] positions, int count)
    {
        // AND stays true until a false arrives; OR stays false until a true arrives
        byte absorbing = conjunction ? FALSE : TRUE;
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            if (block.isNull(position)) {
                continue;
            }
            int group = groupIds[i];
            byte value = BOOLEAN.getBoolean(block, position) ? TRUE : FALSE;
            if (states[group] == EMPTY || value == absorbing) {
                states[group] = value;
            }
        }
    }

    @Override
    public void write(int groupId, BlockBuilder out)
    {
        byte state = states[groupId];
        if (state == EMPTY) {
            out.appendNull();
        }
        else {
            BOOLEAN.writeBoolean(out, state == TRUE);
        }
    }

    @Override
    public long retainedBytes()
    {
        return states.length;
    }
}
