package io.trawl.engine.operator.aggregate;

import io.airlift.slice.Slice;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;

import java.util.Arrays;

import static io.trino.spi.type.RealType.REAL;

/**
 * min, max and arbitrary: keeps one value of the input type per group in a primitive array for the
 * value's Java representation. Floating point orders NaN above every number, as Trino's ordering does.
 */
abstract sealed class ExtremeAccumulator
        extends Accumulator
{
    enum Mode { MIN, MAX, FIRST }

    protected final Type type;
    private final Mode mode;
    protected boolean[] present = new boolean[0];

    private ExtremeAccumulator(Type type, Mode mode)
    {
        this.type = type;
        this.mode = mode;
    }

    static ExtremeAccumulator create(Type type, Mode mode)
    {
        Class<?> javaType = type.getJavaType();
        if (javaType == long.class) {
            return new LongExtreme(type, mode);
        }
        if (javaType == double.class) {
            return new DoubleExtreme(type, mode);
        }
        if (javaType == boolean.class) {
            return new BooleanExtreme(type, mode);
        }
        if (javaType == Slice.class || javaType == Int128.class) {
            return new ObjectExtreme(type, mode);
        }
        throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Aggregate %s(%s) is not supported".formatted(mode.name().toLowerCase(java.util.Locale.ROOT), type.getDisplayName()));
    }

    @Override
    public final void ensureCapacity(int groupCount)
    {
        if (groupCount > present.length) {
            int capacity = grownCapacity(present.length, groupCount);
            present = Arrays.copyOf(present, capacity);
            grow(capacity);
        }
    }

    @Override
    public final void add(int[] groupIds, Block block, int[] positions, int count)
    {
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            if (block.isNull(position)) {
                continue;
            }
            int group = groupIds[i];
            if (!present[group]) {
                present[group] = true;
                store(group, block, position);
            }
            else if (mode != Mode.FIRST) {
                int comparison = compareToStored(group, block, position);
                if (mode == Mode.MIN ? comparison < 0 : comparison > 0) {
                    store(group, block, position);
                }
            }
        }
    }

    @Override
    public final void write(int groupId, BlockBuilder out)
    {
        if (!present[groupId]) {
            out.appendNull();
        }
        else {
            writeStored(groupId, out);
        }
    }

    abstract void grow(int capacity);

    abstract void store(int group, Block block, int position);

    /** Sign of (value at position) compared with the stored value. */
    abstract int compareToStored(int group, Block block, int position);

    abstract void writeStored(int group, BlockBuilder out);

    static final class LongExtreme
            extends ExtremeAccumulator
    {
        private final boolean real;
        private long[] values = new long[0];

        LongExtreme(Type type, Mode mode)
        {
            super(type, mode);
            this.real = type.equals(REAL);
        }

        @Override
        void grow(int capacity)
        {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void store(int group, Block block, int position)
        {
            values[group] = type.getLong(block, position);
        }

        @Override
        int compareToStored(int group, Block block, int position)
        {
            long value = type.getLong(block, position);
            if (real) {
                return compareFloatingPoint(Float.intBitsToFloat((int) value), Float.intBitsToFloat((int) values[group]));
            }
            return Long.compare(value, values[group]);
        }

        @Override
        void writeStored(int group, BlockBuilder out)
        {
            type.writeLong(out, values[group]);
        }

        @Override
        public long retainedBytes()
        {
            return values.length * 9L;
        }
    }

    static final class DoubleExtreme
            extends ExtremeAccumulator
    {
        private double[] values = new double[0];

        DoubleExtreme(Type type, Mode mode)
        {
            super(type, mode);
        }

        @Override
        void grow(int capacity)
        {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void store(int group, Block block, int position)
        {
            values[group] = type.getDouble(block, position);
        }

        @Override
        int compareToStored(int group, Block block, int position)
        {
            return compareFloatingPoint(type.getDouble(block, position), values[group]);
        }

        @Override
        void writeStored(int group, BlockBuilder out)
        {
            type.writeDouble(out, values[group]);
        }

        @Override
        public long retainedBytes()
        {
            return values.length * 9L;
        }
    }

    static final class BooleanExtreme
            extends ExtremeAccumulator
    {
        private boolean[] values = new boolean[0];

        BooleanExtreme(Type type, Mode mode)
        {
            super(type, mode);
        }

        @Override
        void grow(int capacity)
        {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void store(int group, Block block, int position)
        {
            values[group] = type.getBoolean(block, position);
        }

        @Override
        int compareToStored(int group, Block block, int position)
        {
            return Boolean.compare(type.getBoolean(block, position), values[group]);
        }

        @Override
        void writeStored(int group, BlockBuilder out)
        {
            type.writeBoolean(out, values[group]);
        }

        @Override
        public long retainedBytes()
        {
            return values.length * 2L;
        }
    }

    /** varchar, char (Slice) and long decimal (Int128) values. */
    static final class ObjectExtreme
            extends ExtremeAccumulator
    {
        private final boolean slice;
        private Object[] values = new Object[0];
        private long valueBytes;

        ObjectExtreme(Type type, Mode mode)
        {
            super(type, mode);
            this.slice = type.getJavaType() == Slice.class;
        }

        @Override
        void grow(int capacity)
        {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void store(int group, Block block, int position)
        {
            if (slice) {
                // a copy, so one kept value does not pin the input page's whole buffer
                Slice value = type.getSlice(block, position).copy();
                valueBytes += value.length() + 48;
                values[group] = value;
            }
            else {
                values[group] = type.getObject(block, position);
                valueBytes += Int128.INSTANCE_SIZE;
            }
        }

        @Override
        int compareToStored(int group, Block block, int position)
        {
            if (slice) {
                return type.getSlice(block, position).compareTo((Slice) values[group]);
            }
            return ((Int128) type.getObject(block, position)).compareTo((Int128) values[group]);
        }

        @Override
        void writeStored(int group, BlockBuilder out)
        {
            if (slice) {
                type.writeSlice(out, (Slice) values[group]);
            }
            else {
                type.writeObject(out, values[group]);
            }
        }

        @Override
        public long retainedBytes()
        {
            return values.length * 9L + valueBytes;
        }
    }

    static int compareFloatingPoint(double left, double right)
    {
        if (left < right) {
            return -1;
        }
        if (left > right) {
            return 1;
        }
        boolean leftNaN = Double.isNaN(left);
        boolean rightNaN = Double.isNaN(right);
        if (leftNaN || rightNaN) {
            return leftNaN == rightNaN ? 0 : (leftNaN ? 1 : -1);
        }
        return 0;
    }
}
