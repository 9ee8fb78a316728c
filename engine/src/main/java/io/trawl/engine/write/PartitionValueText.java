package io.trawl.engine.write;

import io.trawl.catalog.Partition;
import io.trino.spi.block.Block;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.time.LocalDate;

/**
 * A partition value as Hive spells it in a folder name and in the catalog, before escaping: integers as digits,
 * dates as yyyy-MM-dd, decimals with their scale, booleans as true/false, strings as they are, and NULL as
 * {@code __HIVE_DEFAULT_PARTITION__}. These are the types the readers turn partition text back into values.
 */
final class PartitionValueText
{
    private PartitionValueText() {}

    static boolean isSupported(Type type)
    {
        return type instanceof BooleanType || type instanceof TinyintType || type instanceof SmallintType || type instanceof IntegerType || type instanceof BigintType
                || type instanceof RealType || type instanceof DoubleType || type instanceof DecimalType || type instanceof DateType
                || type instanceof VarcharType || type instanceof CharType;
    }

    static String format(Type type, Block block, int position)
    {
        if (block.isNull(position)) {
            return Partition.HIVE_DEFAULT_PARTITION;
        }
        return switch (type) {
            case BooleanType boolean_ -> Boolean.toString(boolean_.getBoolean(block, position));
            case TinyintType tinyint -> Byte.toString(tinyint.getByte(block, position));
            case SmallintType smallint -> Short.toString(smallint.getShort(block, position));
            case IntegerType integer -> Integer.toString(integer.getInt(block, position));
            case BigintType bigint -> Long.toString(bigint.getLong(block, position));
            case RealType real -> Float.toString(real.getFloat(block, position));
            case DoubleType doubleType -> Double.toString(doubleType.getDouble(block, position));
            case DateType date -> LocalDate.ofEpochDay(date.getInt(block, position)).toString();
            case DecimalType decimal when decimal.isShort() -> Decimals.toString(decimal.getLong(block, position), decimal.getScale());
            case DecimalType decimal -> Decimals.toString(Decimals.readBigDecimal(decimal, block, position).unscaledValue(), decimal.getScale());
            case VarcharType varchar -> varchar.getSlice(block, position).toStringUtf8();
            case CharType charType -> charType.getSlice(block, position).toStringUtf8();
            default -> throw new IllegalArgumentException("Unsupported partition type " + type);
        };
    }
}
