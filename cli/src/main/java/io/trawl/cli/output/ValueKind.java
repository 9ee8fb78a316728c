package io.trawl.cli.output;

import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;

import java.util.Locale;

/**
 * What the output formats need to know of a column's type: whether its values are right-aligned in a table (numbers)
 * and whether JSON writes them bare (numbers and booleans) or as strings. Known from the engine's Trino type, or from
 * the Athena type name a Trawl API reports, so embedded and remote results print alike.
 */
public enum ValueKind
{
    /** Integers and floating point: right-aligned, bare JSON numbers. */
    NUMBER,
    /** Decimals: right-aligned, JSON strings so they stay exact (as Trino's client returns them). */
    DECIMAL,
    /** A bare JSON literal, left-aligned. */
    BOOLEAN,
    /** Everything else: left-aligned, JSON strings. */
    TEXT;

    public static ValueKind of(Type type)
    {
        if (type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType
                || type instanceof DoubleType || type instanceof RealType) {
            return NUMBER;
        }
        if (type instanceof DecimalType) {
            return DECIMAL;
        }
        return type instanceof BooleanType ? BOOLEAN : TEXT;
    }

    /** From Athena's type names (GetQueryResults' ColumnInfo.Type): Trino's, with {@code float} for {@code real}. */
    public static ValueKind ofAthenaType(String athenaType)
    {
        return switch (athenaType.toLowerCase(Locale.ROOT)) {
            case "tinyint", "smallint", "integer", "int", "bigint", "double", "float", "real" -> NUMBER;
            case "decimal" -> DECIMAL;
            case "boolean" -> BOOLEAN;
            default -> TEXT;
        };
    }

    boolean isNumeric()
    {
        return this == NUMBER || this == DECIMAL;
    }

    /** Written as JSON numbers and literals (but NaN and infinities, which JSON numbers cannot be, as strings). */
    boolean isBareJson()
    {
        return this == NUMBER || this == BOOLEAN;
    }
}
