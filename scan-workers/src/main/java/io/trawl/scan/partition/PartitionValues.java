package io.trawl.scan.partition;

import io.airlift.slice.Slices;
import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Table;
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
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hive-style partition folders: {@code <location>/year=2024/month=07/file.parquet}. Values are the folder
 * text, percent-unescaped as Hive escapes them; {@code __HIVE_DEFAULT_PARTITION__} is NULL. Values become
 * typed constants in the partition key's declared type.
 */
public final class PartitionValues
{
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private PartitionValues() {}

    /** The {@code key=value} folders of a path below the table location, keyed by lower-case key. */
    public static Map<String, String> parse(String relativePath)
    {
        Map<String, String> values = new HashMap<>();
        String[] segments = relativePath.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            int equals = segments[i].indexOf('=');
            if (equals > 0) {
                String key = unescape(segments[i].substring(0, equals)).toLowerCase(Locale.ROOT);
                values.put(key, unescape(segments[i].substring(equals + 1)));
            }
        }
        return values;
    }

    private static String unescape(String text)
    {
        return text.indexOf('%') < 0 ? text : URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * The partition key's value for a file, in Trino's native representation (null for NULL), or empty when
     * the file does not lie in a folder for that key.
     */
    public static Optional<Object> typedValue(Table table, Column key, Map<String, String> values, String path)
    {
        String name = key.name().toLowerCase(Locale.ROOT);
        if (!values.containsKey(name)) {
            return Optional.empty();
        }
        String text = values.get(name);
        if (text == null || text.equals(DEFAULT_PARTITION)) {
            return Optional.of(NullValue.NULL);
        }
        Type type = HiveTypes.toTrinoType(key.type());
        try {
            return Optional.of(convert(type, text));
        }
        catch (RuntimeException e) {
            throw new TrawlException(ErrorCode.BAD_DATA, "Partition value '%s' of %s in %s is not a valid %s".formatted(text, name, path, key.type()));
        }
    }

    static Object convert(Type type, String text)
    {
        if (type instanceof VarcharType || type instanceof CharType) {
            return Slices.utf8Slice(text);
        }
        if (type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType) {
            return Long.parseLong(text.trim());
        }
        if (type instanceof DateType) {
            return LocalDate.parse(text.trim()).toEpochDay();
        }
        if (type instanceof BooleanType) {
            return Boolean.parseBoolean(text.trim());
        }
        if (type instanceof DoubleType) {
            return Double.parseDouble(text.trim());
        }
        if (type instanceof RealType) {
            return (long) Float.floatToIntBits(Float.parseFloat(text.trim()));
        }
        if (type instanceof DecimalType decimal) {
            BigDecimal value = new BigDecimal(text.trim()).setScale(decimal.getScale(), RoundingMode.HALF_UP);
            return decimal.isShort() ? (Object) value.unscaledValue().longValueExact() : Decimals.valueOf(value.unscaledValue());
        }
        throw new IllegalArgumentException("unsupported partition key type " + type);
    }

    /** Marks a NULL partition value (Optional cannot hold null). */
    public enum NullValue { NULL }
}
