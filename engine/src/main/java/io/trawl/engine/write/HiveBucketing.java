package io.trawl.engine.write;

import io.airlift.slice.Slice;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Hive's bucketing function, version 1 (what Athena's bucketed CTAS uses): each column's value hashes as Hive's
 * ObjectInspectorUtils.hashCode does (ints as themselves, bigints folded, strings as {@code 31 * h + byte}, NULL as
 * 0), the columns combine as {@code 31 * h + column}, and the bucket is {@code (h & Integer.MAX_VALUE) % count}. Files
 * of bucket {@code b} are named {@code %06d_0_...} after it, as Hive names them, so readers can tell their bucket.
 */
record HiveBucketing(List<Integer> channels, List<Type> types, int bucketCount)
{
    HiveBucketing
    {
        channels = List.copyOf(channels);
        types = List.copyOf(requireNonNull(types, "types is null"));
        if (bucketCount < 1) {
            throw new IllegalArgumentException("bucketCount must be positive: " + bucketCount);
        }
    }

    static boolean isSupported(Type type)
    {
        return type instanceof BooleanType || type instanceof TinyintType || type instanceof SmallintType || type instanceof IntegerType || type instanceof BigintType
                || type instanceof RealType || type instanceof DoubleType || type instanceof DateType || type instanceof VarcharType;
    }

    int bucket(Page page, int position)
    {
        int hash = 0;
        for (int i = 0; i < channels.size(); i++) {
            hash = 31 * hash + hash(types.get(i), page.getBlock(channels.get(i)), position);
        }
        return (hash & Integer.MAX_VALUE) % bucketCount;
    }

    /** The Hive file name prefix of a bucket's files. */
    static String fileNamePrefix(int bucket)
    {
        return "%06d_0_".formatted(bucket);
    }

    private static int hash(Type type, Block block, int position)
    {
        if (block.isNull(position)) {
            return 0;
        }
        return switch (type) {
            case BooleanType booleanType -> booleanType.getBoolean(block, position) ? 1 : 0;
            case TinyintType tinyint -> tinyint.getByte(block, position);
            case SmallintType smallint -> smallint.getShort(block, position);
            case IntegerType integer -> integer.getInt(block, position);
            case DateType date -> date.getInt(block, position);
            case BigintType bigint -> fold(bigint.getLong(block, position));
            case RealType real -> Float.floatToIntBits(real.getFloat(block, position));
            case DoubleType doubleType -> fold(Double.doubleToLongBits(doubleType.getDouble(block, position)));
            case VarcharType varchar -> hashBytes(varchar.getSlice(block, position));
            default -> throw new IllegalArgumentException("Unsupported bucketing type " + type);
        };
    }

    private static int fold(long value)
    {
        return (int) ((value >>> 32) ^ value);
    }

    private static int hashBytes(Slice bytes)
    {
        int result = 0;
        for (int i = 0; i < bytes.length(); i++) {
            result = result * 31 + bytes.getByte(i);
        }
        return result;
    }
}
