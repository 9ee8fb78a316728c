package io.trawl.scan.crawl;

import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.util.regex.Pattern;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;

/**
 * The narrowest Hive type that LazySimpleSerDe reads a text field as without turning it into NULL: int,
 * bigint, double, boolean, date ({@code yyyy-MM-dd}), timestamp ({@code yyyy-MM-dd HH:mm:ss[.fffffffff]}),
 * else string. Numbers with a fraction are double, not decimal: a decimal guessed from a sample overflows
 * on the first wider value, and Glue's CSV classifier and DuckDB's sniffer both choose double too.
 */
final class TextValues
{
    private static final Pattern INTEGER_PATTERN = Pattern.compile("[-+]?\\d{1,19}");
    private static final Pattern DOUBLE_PATTERN = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+(\\.\\d*)?[eE][-+]?\\d+)");
    private static final Pattern DATE_PATTERN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP_PATTERN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?");

    private TextValues() {}

    /** {@code null} for an empty field or Hive's {@code \N}: they say nothing about the type. */
    static Type typeOf(String value)
    {
        if (value.isEmpty() || value.equals("\\N")) {
            return null;
        }
        if (INTEGER_PATTERN.matcher(value).matches()) {
            try {
                long number = Long.parseLong(value);
                return number == (int) number ? INTEGER : BIGINT;
            }
            catch (NumberFormatException _) {
                return DOUBLE;
            }
        }
        if (DOUBLE_PATTERN.matcher(value).matches()) {
            return DOUBLE;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return BOOLEAN;
        }
        if (DATE_PATTERN.matcher(value).matches()) {
            return DATE;
        }
        if (TIMESTAMP_PATTERN.matcher(value).matches()) {
            return TimestampType.TIMESTAMP_MILLIS;
        }
        return VarcharType.VARCHAR;
    }
}
