package io.trawl.catalog;

import io.airlift.slice.Slices;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
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
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Partition values as the catalog keeps them (Hive strings) and as predicates compare them (Trino's native
 * value of the key's type). A value that does not fit its key's type is refused when the partition is
 * added, so a stored partition always converts.
 */
public final class PartitionKeyValues
{
    private static final DateTimeFormatter HIVE_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ HH:mm[:ss]]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    private PartitionKeyValues() {}

    /**
     * Checks that {@code values} has one value per key and that each fits its key's type.
     *
     * @throws TrawlException INVALID_ARGUMENT for a wrong number of values, TYPE_MISMATCH naming the value, key
     * and table for a value of the wrong type
     */
    public static void validate(Table table, List<String> values)
    {
        List<Column> keys = table.partitionKeys();
        if (keys.isEmpty()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table '%s' is not partitioned".formatted(table.qualifiedName()));
        }
        if (values.size() != keys.size()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table '%s' is partitioned by %d key(s) (%s) but %d value(s) were given: %s".formatted(
                    table.qualifiedName(), keys.size(), keys.stream().map(Column::name).toList(), values.size(), values));
        }
        for (int i = 0; i < keys.size(); i++) {
            typedValue(table, keys.get(i), values.get(i));
        }
    }

    /**
     * The value in Trino's native representation of the key's type ({@code Long} for integers, dates as epoch
     * days, {@code Slice} for strings, ...), or null for Hive's default partition.
     *
     * @throws TrawlException TYPE_MISMATCH naming the value, key and table when the value does not fit the type
     */
    public static Object typedValue(Table table, Column key, String value)
    {
        if (value.equals(Partition.HIVE_DEFAULT_PARTITION)) {
            return null;
        }
        Type type = HiveTypes.toTrinoType(key.type());
        try {
            return convert(type, value);
        }
        catch (RuntimeException e) {
            throw new TrawlException(ErrorCode.TYPE_MISMATCH, "Partition value '%s' for key '%s' of table '%s' is not a valid %s".formatted(
                    value, key.name(), table.qualifiedName(), key.type()), e);
        }
    }

    private static Object convert(Type type, String text)
    {
        if (type instanceof VarcharType varchar) {
            if (!varchar.isUnbounded() && text.codePointCount(0, text.length()) > varchar.getBoundedLength()) {
                throw new IllegalArgumentException("too long");
            }
            return Slices.utf8Slice(text);
        }
        if (type instanceof CharType charType) {
            if (text.codePointCount(0, text.length()) > charType.getLength()) {
                throw new IllegalArgumentException("too long");
            }
            return Slices.utf8Slice(text.stripTrailing());
        }
        if (type instanceof BigintType) {
            return Long.parseLong(text);
        }
        if (type instanceof IntegerType) {
            return (long) Integer.parseInt(text);
        }
        if (type instanceof SmallintType) {
            return (long) Short.parseShort(text);
        }
        if (type instanceof TinyintType) {
            return (long) Byte.parseByte(text);
        }
        if (type instanceof DateType) {
            return LocalDate.parse(text).toEpochDay();
        }
        if (type instanceof BooleanType) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("not a boolean");
            };
        }
        if (type instanceof DoubleType) {
            return Double.parseDouble(text);
        }
        if (type instanceof RealType) {
            return (long) Float.floatToIntBits(Float.parseFloat(text));
        }
        if (type instanceof DecimalType decimal) {
            // exact: a partition value that would round is a different partition, not this one
            BigDecimal value = new BigDecimal(text).setScale(decimal.getScale());
            if (value.precision() > decimal.getPrecision()) {
                throw new IllegalArgumentException("too many digits");
            }
            return decimal.isShort() ? (Object) value.unscaledValue().longValueExact() : Decimals.valueOf(value.unscaledValue());
        }
        if (type instanceof TimestampType timestamp && timestamp.isShort()) {
            LocalDateTime value = LocalDateTime.parse(text, HIVE_TIMESTAMP);
            return value.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + value.getNano() / 1_000;
        }
        throw new IllegalArgumentException("type " + type + " cannot be a partition key");
    }
}
