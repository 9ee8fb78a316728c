package io.trawl.engine.analyzer;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;
import io.trino.sql.tree.Node;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;

/** Parses the SQL type names used in CAST (Trino spelling, plus Hive's string/int/float aliases). */
final class TypeParser
{
    private static final Pattern PARAMETERIZED = Pattern.compile("(\\w+)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private TypeParser() {}

    static Type parse(String text, Node node)
    {
        String type = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = PARAMETERIZED.matcher(type);
        if (matcher.matches()) {
            String base = matcher.group(1);
            int first = Integer.parseInt(matcher.group(2));
            int second = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
            return switch (base) {
                case "decimal", "numeric" -> {
                    if (first < 1 || first > 38 || second > first) {
                        throw new TrawlException(ErrorCode.TYPE_MISMATCH, Locations.prefix(node) + "Invalid decimal type: " + text);
                    }
                    yield DecimalType.createDecimalType(first, second);
                }
                case "varchar" -> VarcharType.createVarcharType(first);
                case "char" -> CharType.createCharType(first);
                default -> throw unknown(text, node);
            };
        }
        return switch (type) {
            case "bigint" -> BIGINT;
            case "integer", "int" -> INTEGER;
            case "smallint" -> SMALLINT;
            case "tinyint" -> TINYINT;
            case "double", "double precision" -> DOUBLE;
            case "real", "float" -> REAL;
            case "boolean" -> BOOLEAN;
            case "date" -> DATE;
            case "varchar", "string" -> VarcharType.VARCHAR;
            case "decimal" -> DecimalType.createDecimalType(38, 0);
            default -> throw unknown(text, node);
        };
    }

    private static TrawlException unknown(String text, Node node)
    {
        return new TrawlException(ErrorCode.TYPE_MISMATCH, Locations.prefix(node) + "Unknown type: " + text);
    }
}
