package io.trawl.engine.operator;

import io.airlift.slice.Slice;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;

import java.util.Arrays;

import static io.trino.spi.type.RealType.REAL;

/**
 * A growable column of one type's values held in primitive arrays, so a hash table can keep its distinct
 * keys without retaining the input pages they came from. NULL is stored as a flag and equals NULL.
 */
abstract sealed class ValueColumn
{
    protected final Type type;
    protected boolean[] nulls = new boolean[16];
    protected int size;

    private ValueColumn(Type type)
    {
        this.type = type;
    }

    static ValueColumn create(Type type)
    {
        ValueOperations.forType(type);
        Class<?> javaType = type.getJavaType();
        if (javaType == long.class) {
            return new LongColumn(type);
        }
        if (javaType == double.class) {
            return new DoubleColumn(type);
        }
        if (javaType == boolean.class) {
            return new BooleanColumn(type);
        }
        return new ObjectColumn(type);
    }

    final int size()
    {
        return size;
    }

    final void append(Block block, int position)
    {
        if (size == nulls.length) {
            grow(size * 2);
            nulls = Arrays.copyOf(nulls, size * 2);
        }
        if (block.isNull(position)) {
            nulls[size] = true;
        }
        else {
            set(size, block, position);
        }
        size++;
    }

    final boolean equal(int index, Block block, int position)
    {
        boolean blockNull = block.isNull(position);
        if (nulls[index] || blockNull) {
            return nulls[index] && blockNull;
        }
        return equalValue(index, block, position);
    }

    final void write(int index, BlockBuilder out)
    {
        if (nulls[index]) {
            out.appendNull();
        }
        else {
            writeValue(index, out);
        }
    }

    long retainedBytes()
    {
        return nulls.length + (long) nulls.length * 8;
    }

    abstract void grow(int capacity);

    abstract void set(int index, Block block, int position);

    abstract boolean equalValue(int index, Block block, int position);

    abstract void writeValue(int index, BlockBuilder out);

    static final class LongColumn
            extends ValueColumn
    {
        private final boolean real;
        private long[] values = new long[16];

        LongColumn(Type type)
        {
            super(type);
            this.real = type.equals(REAL);
        }

        @Override
        void grow(int capacity)
        {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void set(int index, Block block, int position)
        {
            values[index] = type.getLong(block, position);
        }

        @Override
        boolean equalValue(int index, Block block, int position)
        {
            long value = type.getLong(block, position);
            if (real) {
                return ValueOperations.compareDoubles(Float.intBitsToFloat((int) values[index]), Float.intBitsToFloat((int) value)) == 0;
            }
            return values[index] == value;
        }

        @Override
        void writeValue(int index, BlockBuilder out)
        {
            type.writeLong(out, values[index]);
        }
    }

    static final class DoubleColumn
            extends ValueColumn
    {
        private double[] values = new double[16];

        DoubleColumn(Type type)
        {
            super(type);
        }

        @Override
        void grow(int capacity)
        {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void set(int index, Block block, int position)
        {
            values[index] = type.getDouble(block, position);
        }

        @Override
        boolean equalValue(int index, Block block, int position)
        {
            return ValueOperations.compareDoubles(values[index], type.getDouble(block, position)) == 0;
        }

        @Override
        void writeValue(int index, BlockBuilder out)
        {
            type.writeDouble(out, values[index]);
        }
    }

    static final class BooleanColumn
            extends ValueColumn
    {
        private boolean[] values = new boolean[16];

        BooleanColumn(Type type)
        {
            super(type);
        }

        @Override
        void grow(int capacity)
        {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void set(int index, Block block, int position)
        {
            values[index] = type.getBoolean(block, position);
        }

        @Override
        boolean equalValue(int index, Block block, int position)
        {
            return values[index] == type.getBoolean(block, position);
        }

        @Override
        void writeValue(int index, BlockBuilder out)
        {
            type.writeBoolean(out, values[index]);
        }
    }

    /** Slice (varchar, char) and Int128 (long decimal) values; both have value equality. */
    static final class ObjectColumn
            extends ValueColumn
    {
        private final boolean slice;
        private Object[] values = new Object[16];
        private long valueBytes;

        ObjectColumn(Type type)
        {
            super(type);
            this.slice = type.getJavaType() == Slice.class;
        }

        private Object read(Block block, int position)
        {
            return slice ? type.getSlice(block, position) : type.getObject(block, position);
        }

        @Override
        void grow(int capacity)
        {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void set(int index, Block block, int position)
        {
            Object value = read(block, position);
            if (value instanceof Slice sliceValue) {
                // copy so the key does not pin the whole input block's buffer
                value = sliceValue.copy();
                valueBytes += sliceValue.length() + 48;
            }
            else {
                valueBytes += Int128.INSTANCE_SIZE;
            }
            values[index] = value;
        }

        @Override
        boolean equalValue(int index, Block block, int position)
        {
            return values[index].equals(read(block, position));
        }

        @Override
        void writeValue(int index, BlockBuilder out)
        {
            if (slice) {
                type.writeSlice(out, (Slice) values[index]);
            }
            else {
                type.writeObject(out, values[index]);
            }
        }

        @Override
        long retainedBytes()
        {
            return super.retainedBytes() + valueBytes;
        }
    }
}
