package io.trawl.engine.result;

import io.trino.spi.block.Block;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * Renders one value of a result the way Trino (and so Athena) shows it as text: the CLI's tables and
 * CSV, and the Athena API's {@code VarCharValue}, all go through here so they agree.
 * <ul>
 *   <li>integers as digits; decimals with exactly their declared scale ({@code 12.50} for decimal(15,2))</li>
 *   <li>double and real as Java's shortest round-trip form, as Trino's CLI prints them ({@code 0.1},
 *   {@code 1.0E10}, {@code NaN}, {@code Infinity})</li>
 *   <li>varchar as is; char(n) padded to n; boolean {@code true}/{@code false}; date {@code yyyy-MM-dd}</li>
 *   <li>timestamp {@code yyyy-MM-dd HH:mm:ss} with as many fraction digits as its precision
 *   ({@code .SSS} for the default timestamp(3))</li>
 * </ul>
 * Anything else falls back to the type's object value ({@link Type#getObjectValue}), whose
 * {@code toString} is Trino's own rendering.
 */
public final class ValueFormatter
{
    private ValueFormatter() {}

    /** The value's text, or null when the value is SQL NULL. */
    public static String format(Type type, Block block, int position)
    {
        requireNonNull(type, "type is null");
        requireNonNull(block, "block is null");
        if (block.isNull(position)) {
            return null;
        }
        if (type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType) {
            return Long.toString(type.getLong(block, position));
        }
        if (type instanceof DecimalType decimalType) {
            if (decimalType.isShort()) {
                return Decimals.toString(type.getLong(block, position), decimalType.getScale());
            }
            return Decimals.toString((Int128) type.getObject(block, position), decimalType.getScale());
        }
        if (type instanceof DoubleType) {
            return Double.toString(type.getDouble(block, position));
        }
        if (type instanceof RealType realType) {
            return Float.toString(realType.getFloat(block, position));
        }
        if (type instanceof VarcharType) {
            return type.getSlice(block, position).toStringUtf8();
        }
        if (type instanceof CharType) {
            // char(n) values are stored trimmed; Trino shows them padded to n
            return (String) type.getObjectValue(block, position);
        }
        if (type instanceof BooleanType) {
            return Boolean.toString(type.getBoolean(block, position));
        }
        if (type instanceof DateType) {
            return LocalDate.ofEpochDay(type.getLong(block, position)).toString();
        }
        // timestamps (SqlTimestamp prints yyyy-MM-dd HH:mm:ss.fff with the type's precision), time,
        // varbinary, arrays, maps, rows: Trino's object values render themselves
        return String.valueOf(type.getObjectValue(block, position));
    }
}
