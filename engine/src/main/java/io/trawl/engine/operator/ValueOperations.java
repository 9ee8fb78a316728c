package io.trawl.engine.operator;

import io.airlift.slice.Slice;
import io.airlift.slice.XxHash64;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.block.Block;
import io.trino.spi.connector.SortOrder;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;

import static io.trino.spi.type.RealType.REAL;
import static java.util.Objects.requireNonNull;

/**
 * Hashing, equality and ordering of one SQL type's values at block positions, chosen once per type so the
 * per-row work is a direct call on the value's Java representation (long, double, boolean, Slice, Int128).
 * <p>
 * Equality and hashing treat NULL as one value (GROUP BY, DISTINCT and set operations put NULLs in one
 * group); joins check for NULL keys themselves before asking. Floating point follows Trino's
 * IS NOT DISTINCT FROM: 0.0 equals -0.0 and all NaNs are one value, sorting after every other number.
 * <p>
 * Public only because operator.window sorts and detects peers with it; it is not an API for other stages.
 */
public abstract sealed class ValueOperations
{
    private static final long NULL_HASH = 0x5bd1e9955bd1e995L;

    private final Type type;

    private ValueOperations(Type type)
    {
        this.type = requireNonNull(type, "type is null");
    }

    /** The operations for {@code type}; fails with NOT_SUPPORTED for types the operators cannot key on. */
    public static ValueOperations forType(Type type)
    {
        Class<?> javaType = type.getJavaType();
        if (type.equals(REAL)) {
            return new RealOperations(type);
        }
        if (javaType == long.class) {
            return new LongOperations(type);
        }
        if (javaType == double.class) {
            return new DoubleOperations(type);
        }
        if (javaType == boolean.class) {
            return new BooleanOperations(type);
        }
        if (javaType == Slice.class) {
            return new SliceOperations(type);
        }
        if (javaType == Int128.class) {
            return new Int128Operations(type);
        }
        throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Type %s is not supported as a grouping, join or sort key".formatted(type.getDisplayName()));
    }

    public final Type type()
    {
        return type;
    }

    /** Hash of the value at {@code position}; all NULLs hash alike. */
    public final long hash(Block block, int position)
    {
        if (block.isNull(position)) {
            return NULL_HASH;
        }
        return hashValue(block, position);
    }

    /** Equality where NULL equals NULL (grouping semantics). */
    public final boolean equal(Block left, int leftPosition, Block right, int rightPosition)
    {
        boolean leftNull = left.isNull(leftPosition);
        boolean rightNull = right.isNull(rightPosition);
        if (leftNull || rightNull) {
            return leftNull && rightNull;
        }
        return equalValues(left, leftPosition, right, rightPosition);
    }

    /** Orders two positions by {@code order}, placing NULLs first or last as it says. */
    public final int compare(SortOrder order, Block left, int leftPosition, Block right, int rightPosition)
    {
        boolean leftNull = left.isNull(leftPosition);
        boolean rightNull = right.isNull(rightPosition);
        if (leftNull || rightNull) {
            if (leftNull && rightNull) {
                return 0;
            }
            return leftNull == order.isNullsFirst() ? -1 : 1;
        }
        int result = compareValues(left, leftPosition, right, rightPosition);
        return order.isAscending() ? result : -result;
    }

    /**
     * Whether values of this type can be compared with values of {@code other} by
     * {@link #equalValues(Block, int, ValueOperations, Block, int)}: the same type, or two integer-like
     * types held as longs (an integer column joined with a bigint column hashes and compares alike).
     */
    public final boolean comparableWith(ValueOperations other)
    {
        return type.equals(other.type) || (this instanceof LongOperations && other instanceof LongOperations);
    }

    /** Equality of two non-null values, each read with its own type (see {@link #comparableWith}). */
    public final boolean equalValues(Block left, int leftPosition, ValueOperations rightOperations, Block right, int rightPosition)
    {
        if (rightOperations == this || type.equals(rightOperations.type)) {
            return equalValues(left, leftPosition, right, rightPosition);
        }
        return type.getLong(left, leftPosition) == rightOperations.type.getLong(right, rightPosition);
    }

    /** Both positions must be non-null. */
    public abstract long hashValue(Block block, int position);

    /** Both positions must be non-null. */
    public abstract boolean equalValues(Block left, int leftPosition, Block right, int rightPosition);

    /** Ascending order of two non-null values. */
    public abstract int compareValues(Block left, int leftPosition, Block right, int rightPosition);

    static long mix(long value)
    {
        // murmur3's fmix64: cheap and spreads sequential keys (order keys, dates) over the hash table
        long hash = value;
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }

    static long combineHash(long previous, long value)
    {
        return 31 * previous + value;
    }

    static int compareDoubles(double left, double right)
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

    static long hashDouble(double value)
    {
        if (value == 0) {
            return mix(0);
        }
        if (Double.isNaN(value)) {
            return mix(0x7ff8000000000000L);
        }
        return mix(Double.doubleToLongBits(value));
    }

    static final class LongOperations
            extends ValueOperations
    {
        LongOperations(Type type)
        {
            super(type);
        }

        @Override
        public long hashValue(Block block, int position)
        {
            return mix(type().getLong(block, position));
        }

        @Override
        public boolean equalValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return type().getLong(left, leftPosition) == type().getLong(right, rightPosition);
        }

        @Override
        public int compareValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return Long.compare(type().getLong(left, leftPosition), type().getLong(right, rightPosition));
        }
    }

    static final class RealOperations
            extends ValueOperations
    {
        RealOperations(Type type)
        {
            super(type);
        }

        private double value(Block block, int position)
        {
            return Float.intBitsToFloat((int) type().getLong(block, position));
        }

        @Override
        public long hashValue(Block block, int position)
        {
            return hashDouble(value(block, position));
        }

        @Override
        public boolean equalValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return compareDoubles(value(left, leftPosition), value(right, rightPosition)) == 0;
        }

        @Override
        public int compareValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return compareDoubles(value(left, leftPosition), value(right, rightPosition));
        }
    }

    static final class DoubleOperations
            extends ValueOperations
    {
        DoubleOperations(Type type)
        {
            super(type);
        }

        @Override
        public long hashValue(Block block, int position)
        {
            return hashDouble(type().getDouble(block, position));
        }

        @Override
        public boolean equalValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return compareDoubles(type().getDouble(left, leftPosition), type().getDouble(right, rightPosition)) == 0;
        }

        @Override
        public int compareValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return compareDoubles(type().getDouble(left, leftPosition), type().getDouble(right, rightPosition));
        }
    }

    static final class BooleanOperations
            extends ValueOperations
    {
        BooleanOperations(Type type)
        {
            super(type);
        }

        @Override
        public long hashValue(Block block, int position)
        {
            return mix(type().getBoolean(block, position) ? 1 : 2);
        }

        @Override
        public boolean equalValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return type().getBoolean(left, leftPosition) == type().getBoolean(right, rightPosition);
        }

        @Override
        public int compareValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return Boolean.compare(type().getBoolean(left, leftPosition), type().getBoolean(right, rightPosition));
        }
    }

    static final class SliceOperations
            extends ValueOperations
    {
        SliceOperations(Type type)
        {
            super(type);
        }

        @Override
        public long hashValue(Block block, int position)
        {
            return XxHash64.hash(type().getSlice(block, position));
        }

        @Override
        public boolean equalValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return type().getSlice(left, leftPosition).equals(type().getSlice(right, rightPosition));
        }

        @Override
        public int compareValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            // byte order of UTF-8 is code point order, which is how Trino orders varchar and char
            return type().getSlice(left, leftPosition).compareTo(type().getSlice(right, rightPosition));
        }
    }

    static final class Int128Operations
            extends ValueOperations
    {
        Int128Operations(Type type)
        {
            super(type);
        }

        private Int128 value(Block block, int position)
        {
            return (Int128) type().getObject(block, position);
        }

        @Override
        public long hashValue(Block block, int position)
        {
            Int128 value = value(block, position);
            return mix(value.getHigh() * 31 + mix(value.getLow()));
        }

        @Override
        public boolean equalValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return value(left, leftPosition).equals(value(right, rightPosition));
        }

        @Override
        public int compareValues(Block left, int leftPosition, Block right, int rightPosition)
        {
            return value(left, leftPosition).compareTo(value(right, rightPosition));
        }
    }
}
