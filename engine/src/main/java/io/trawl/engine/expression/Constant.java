package io.trawl.engine.expression;

import io.airlift.slice.Slice;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;

import java.time.LocalDate;

import static io.trino.spi.type.DateType.DATE;
import static java.util.Objects.requireNonNull;

/** A constant in Trino's native representation (Long, Double, Boolean, Slice, Int128), or null. */
public record Constant(Object value, Type type)
        implements RowExpression
{
    public Constant
    {
        requireNonNull(type, "type is null");
    }

    public boolean isNull()
    {
        return value == null;
    }

    @Override
    public String toString()
    {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Slice slice) {
            return "'" + slice.toStringUtf8() + "'";
        }
        if (type instanceof DecimalType decimal) {
            return value instanceof Int128 int128 ? Decimals.toString(int128, decimal.getScale()) : Decimals.toString((long) value, decimal.getScale());
        }
        if (type.equals(DATE)) {
            return "DATE '" + LocalDate.ofEpochDay((long) value) + "'";
        }
        return value.toString();
    }
}
