package io.trawl.engine.expression;

import io.airlift.slice.Slice;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.Int128ArrayBlock;
import io.trino.spi.block.LongArrayBlock;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.RealType;
import io.trino.spi.type.Type;

import java.util.Optional;

/**
 * A column of values being evaluated, in a primitive array chosen by {@link Representation}. Expression
 * evaluation works on these so that its loops run over primitive arrays rather than Blocks.
 * Long decimals occupy two longs per value (high, low), as in Int128ArrayBlock.
 */
final class Vector
{
    final Type type;
    final Representation representation;
    final int size;
    long[] longs;
    double[] doubles;
    Object[] objects;
    /** null when no value is NULL */
    boolean[] nulls;

    Vector(Type type, int size)
    {
        this.type = type;
        this.representation = Representation.of(type);
        this.size = size;
        switch (representation) {
            case LONG, BOOLEAN -> longs = new long[size];
            case INT128 -> longs = new long[size * 2];
            case DOUBLE -> doubles = new double[size];
            case SLICE -> objects = new Object[size];
        }
    }

    boolean isNull(int i)
    {
        return nulls != null && nulls[i];
    }

    void setNull(int i)
    {
        if (nulls == null) {
            nulls = new boolean[size];
        }
        nulls[i] = true;
    }

    boolean mayHaveNull()
    {
        return nulls != null;
    }

    Slice slice(int i)
    {
        return (Slice) objects[i];
    }

    boolean bool(int i)
    {
        return longs[i] != 0;
    }

    Int128 int128(int i)
    {
        return Int128.valueOf(longs[2 * i], longs[2 * i + 1]);
    }

    /** The value at i in Trino's native Java representation, or null. */
    Object nativeValue(int i)
    {
        if (isNull(i)) {
            return null;
        }
        return switch (representation) {
            case LONG -> longs[i];
            case BOOLEAN -> longs[i] != 0;
            case INT128 -> int128(i);
            case DOUBLE -> type instanceof RealType ? (Object) (long) Float.floatToIntBits((float) doubles[i]) : doubles[i];
            case SLICE -> objects[i];
        };
    }

    static Vector read(Type type, Block block, int[] positions, int count)
    {
        Vector vector = new Vector(type, count);
        boolean mayHaveNull = block.mayHaveNull();
        // fast paths: copy straight from the primitive arrays behind the common blocks
        if (vector.representation == Representation.LONG && block instanceof LongArrayBlock longs
                && (type instanceof BigintType || type instanceof DecimalType || type instanceof io.trino.spi.type.TimestampType)) {
            long[] values = longs.getRawValues();
            int offset = longs.getRawValuesOffset();
            for (int i = 0; i < count; i++) {
                vector.longs[i] = values[offset + positions[i]];
            }
            markNulls(vector, block, positions, count, mayHaveNull);
            return vector;
        }
        if (vector.representation == Representation.LONG && block instanceof io.trino.spi.block.IntArrayBlock ints
                && (type instanceof io.trino.spi.type.IntegerType || type instanceof io.trino.spi.type.DateType)) {
            int[] values = ints.getRawValues();
            int offset = ints.getRawValuesOffset();
            for (int i = 0; i < count; i++) {
                vector.longs[i] = values[offset + positions[i]];
            }
            markNulls(vector, block, positions, count, mayHaveNull);
            return vector;
        }
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            if (mayHaveNull && block.isNull(position)) {
                vector.setNull(i);
                continue;
            }
            switch (vector.representation) {
                case LONG -> vector.longs[i] = type.getLong(block, position);
                case BOOLEAN -> vector.longs[i] = type.getBoolean(block, position) ? 1 : 0;
                case DOUBLE -> vector.doubles[i] = type instanceof RealType ? Float.intBitsToFloat((int) type.getLong(block, position)) : type.getDouble(block, position);
                case INT128 -> {
                    Int128 value = (Int128) type.getObject(block, position);
                    vector.longs[2 * i] = value.getHigh();
                    vector.longs[2 * i + 1] = value.getLow();
                }
                case SLICE -> vector.objects[i] = type.getSlice(block, position);
            }
        }
        return vector;
    }

    private static void markNulls(Vector vector, Block block, int[] positions, int count, boolean mayHaveNull)
    {
        if (!mayHaveNull) {
            return;
        }
        for (int i = 0; i < count; i++) {
            if (block.isNull(positions[i])) {
                vector.setNull(i);
            }
        }
    }

    static Vector constant(Type type, Object value, int count)
    {
        Vector vector = new Vector(type, count);
        if (value == null) {
            vector.nulls = new boolean[count];
            java.util.Arrays.fill(vector.nulls, true);
            return vector;
        }
        switch (vector.representation) {
            case LONG -> java.util.Arrays.fill(vector.longs, (Long) value);
            case BOOLEAN -> java.util.Arrays.fill(vector.longs, ((Boolean) value) ? 1 : 0);
            case DOUBLE -> java.util.Arrays.fill(vector.doubles, type instanceof RealType ? Float.intBitsToFloat((int) (long) (Long) value) : (Double) value);
            case INT128 -> {
                Int128 int128 = (Int128) value;
                for (int i = 0; i < count; i++) {
                    vector.longs[2 * i] = int128.getHigh();
                    vector.longs[2 * i + 1] = int128.getLow();
                }
            }
            case SLICE -> java.util.Arrays.fill(vector.objects, value);
        }
        return vector;
    }

    Block toBlock()
    {
        if (nulls == null && (type instanceof BigintType || (type instanceof DecimalType decimal && decimal.isShort()))) {
            return new LongArrayBlock(size, Optional.empty(), longs);
        }
        if (nulls == null && representation == Representation.INT128) {
            return new Int128ArrayBlock(size, Optional.empty(), longs);
        }
        BlockBuilder builder = type.createBlockBuilder(null, size);
        for (int i = 0; i < size; i++) {
            if (isNull(i)) {
                builder.appendNull();
                continue;
            }
            switch (representation) {
                case LONG -> type.writeLong(builder, longs[i]);
                case BOOLEAN -> type.writeBoolean(builder, longs[i] != 0);
                case DOUBLE -> {
                    if (type instanceof RealType) {
                        type.writeLong(builder, Float.floatToIntBits((float) doubles[i]));
                    }
                    else {
                        type.writeDouble(builder, doubles[i]);
                    }
                }
                case INT128 -> type.writeObject(builder, Int128.valueOf(longs[2 * i], longs[2 * i + 1]));
                case SLICE -> type.writeSlice(builder, (Slice) objects[i]);
            }
        }
        return builder.build();
    }

    enum Representation
    {
        LONG, BOOLEAN, DOUBLE, INT128, SLICE;

        static Representation of(Type type)
        {
            if (type instanceof BooleanType) {
                return BOOLEAN;
            }
            if (type instanceof DoubleType || type instanceof RealType) {
                return DOUBLE;
            }
            if (type instanceof DecimalType decimal) {
                return decimal.isShort() ? LONG : INT128;
            }
            Class<?> javaType = type.getJavaType();
            if (javaType == long.class) {
                return LONG;
            }
            if (javaType == Slice.class) {
                return SLICE;
            }
            if (javaType == boolean.class) {
                return BOOLEAN;
            }
            if (javaType == double.class) {
                return DOUBLE;
            }
            throw new IllegalArgumentException("Unsupported type in expressions: " + type);
        }
    }
}
