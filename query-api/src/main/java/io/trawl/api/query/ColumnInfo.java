package io.trawl.api.query;

import io.trino.spi.type.ArrayType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A result column as Athena describes it in GetQueryResults' ResultSetMetadata: Athena's type name, and the
 * precision and scale Athena reports for it (a varchar's precision is its length, 2147483647 when unbounded; a
 * number's its digits; a timestamp's its fractional digits).
 */
public record ColumnInfo(String name, String type, int precision, int scale, boolean caseSensitive)
{
    public ColumnInfo
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public static ColumnInfo of(String name, Type type)
    {
        String athenaType = athenaTypeName(type);
        return new ColumnInfo(name, athenaType, precision(type), type instanceof DecimalType decimal ? decimal.getScale() : 0,
                type instanceof VarcharType || type instanceof CharType);
    }

    /** A DDL result's one text column (Athena answers DDL output as lines of text). */
    public static ColumnInfo text(String name)
    {
        return new ColumnInfo(name, "string", 0, 0, true);
    }

    /** Athena's names: Trino's, except {@code real} is {@code float}, and {@code decimal(p,s)} and {@code varchar(n)} are bare. */
    static String athenaTypeName(Type type)
    {
        return switch (type) {
            case VarcharType _ -> "varchar";
            case CharType _ -> "char";
            case DecimalType _ -> "decimal";
            case TimestampType _ -> "timestamp";
            case ArrayType _ -> "array";
            case MapType _ -> "map";
            case RowType _ -> "row";
            default -> {
                String name = type.getBaseName().toLowerCase(Locale.ROOT);
                yield "real".equals(name) ? "float" : name;
            }
        };
    }

    private static int precision(Type type)
    {
        return switch (type) {
            case VarcharType varchar -> varchar.getLength().orElse(Integer.MAX_VALUE);
            case CharType character -> character.getLength();
            case DecimalType decimal -> decimal.getPrecision();
            case TimestampType timestamp -> timestamp.getPrecision();
            default -> switch (type.getBaseName()) {
                case "bigint" -> 19;
                case "integer" -> 10;
                case "smallint" -> 5;
                case "tinyint" -> 3;
                case "double" -> 17;
                case "real" -> 7;
                default -> 0;
            };
        };
    }
}
