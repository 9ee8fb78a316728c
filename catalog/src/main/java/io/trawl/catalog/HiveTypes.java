package io.trawl.catalog;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import io.trino.spi.type.VarcharType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static java.util.Objects.requireNonNull;

/**
 * Translates between the type spellings Athena's Hive DDL and Glue use ("int", "string",
 * "decimal(15,2)", "array&lt;struct&lt;a:int&gt;&gt;") and Trino SPI types. The spellings follow
 * https://docs.aws.amazon.com/athena/latest/ug/data-types.html: {@code string} is an unbounded varchar,
 * {@code float} is Trino's REAL, {@code timestamp} has millisecond precision and plain {@code decimal}
 * means decimal(10,0), as in Hive.
 */
public final class HiveTypes
{
    // One instance is enough: MapType only uses it to look up key equality and hashing operators.
    private static final TypeOperators TYPE_OPERATORS = new TypeOperators();

    private HiveTypes() {}

    /**
     * @throws TrawlException TYPE_MISMATCH naming the type when the spelling is not a type Athena knows
     */
    public static Type toTrinoType(String hiveType)
    {
        requireNonNull(hiveType, "hiveType is null");
        TypeReader reader = new TypeReader(hiveType);
        Type type = reader.readType();
        reader.expectEnd();
        return type;
    }

    /** The canonical Hive spelling of a type, as DESCRIBE and SHOW CREATE TABLE print it. */
    public static String toHiveType(Type type)
    {
        requireNonNull(type, "type is null");
        if (type.equals(BOOLEAN)) {
            return "boolean";
        }
        if (type.equals(TINYINT)) {
            return "tinyint";
        }
        if (type.equals(SMALLINT)) {
            return "smallint";
        }
        if (type.equals(INTEGER)) {
            return "int";
        }
        if (type.equals(BIGINT)) {
            return "bigint";
        }
        if (type.equals(REAL)) {
            return "float";
        }
        if (type.equals(DOUBLE)) {
            return "double";
        }
        if (type.equals(DATE)) {
            return "date";
        }
        if (type.equals(VARBINARY)) {
            return "binary";
        }
        if (type instanceof TimestampType) {
            return "timestamp";
        }
        if (type instanceof DecimalType decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        if (type instanceof VarcharType varchar) {
            return varchar.isUnbounded() ? "string" : "varchar(" + varchar.getBoundedLength() + ")";
        }
        if (type instanceof CharType charType) {
            return "char(" + charType.getLength() + ")";
        }
        if (type instanceof ArrayType array) {
            return "array<" + toHiveType(array.getElementType()) + ">";
        }
        if (type instanceof MapType map) {
            return "map<" + toHiveType(map.getKeyType()) + "," + toHiveType(map.getValueType()) + ">";
        }
        if (type instanceof RowType row) {
            List<String> fields = new ArrayList<>();
            for (RowType.Field field : row.getFields()) {
                String name = field.getName().orElseThrow(() -> new TrawlException(ErrorCode.TYPE_MISMATCH,
                        "Type '" + type.getDisplayName() + "' has an unnamed field, which Hive cannot store"));
                fields.add(name + ":" + toHiveType(field.getType()));
            }
            return "struct<" + String.join(",", fields) + ">";
        }
        throw new TrawlException(ErrorCode.TYPE_MISMATCH, "Type '" + type.getDisplayName() + "' has no Hive equivalent");
    }

    /** The canonical spelling of a Hive type: {@code "INTEGER"} becomes {@code "int"}, {@code "decimal"} {@code "decimal(10,0)"}. */
    public static String canonicalize(String hiveType)
    {
        return toHiveType(toTrinoType(hiveType));
    }

    /** A recursive-descent reader over one type spelling; positions in errors refer to the original text. */
    private static final class TypeReader
    {
        private final String text;
        private int position;

        TypeReader(String text)
        {
            this.text = text;
        }

        Type readType()
        {
            String name = readWord().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "boolean" -> BOOLEAN;
                case "tinyint" -> TINYINT;
                case "smallint" -> SMALLINT;
                case "int", "integer" -> INTEGER;
                case "bigint" -> BIGINT;
                case "float", "real" -> REAL;
                case "double" -> DOUBLE;
                case "date" -> DATE;
                case "timestamp" -> TimestampType.TIMESTAMP_MILLIS;
                case "binary", "varbinary" -> VARBINARY;
                case "string" -> VarcharType.VARCHAR;
                case "varchar" -> readVarchar();
                case "char" -> readChar();
                case "decimal", "numeric" -> readDecimal();
                case "array" -> readArray();
                case "map" -> readMap();
                case "struct", "row" -> readStruct();
                default -> throw unknownType();
            };
        }

        void expectEnd()
        {
            skipSpaces();
            if (position < text.length()) {
                throw unknownType();
            }
        }

        private Type readVarchar()
        {
            if (!consumeIf('(')) {
                return VarcharType.VARCHAR;
            }
            int length = readNumber();
            expect(')');
            if (length < 1 || length > VarcharType.MAX_LENGTH) {
                throw invalid("varchar length must be between 1 and " + VarcharType.MAX_LENGTH);
            }
            return VarcharType.createVarcharType(length);
        }

        private Type readChar()
        {
            if (!consumeIf('(')) {
                return CharType.createCharType(1);
            }
            int length = readNumber();
            expect(')');
            if (length < 1 || length > 255) {
                throw invalid("char length must be between 1 and 255");
            }
            return CharType.createCharType(length);
        }

        private Type readDecimal()
        {
            if (!consumeIf('(')) {
                return DecimalType.createDecimalType(10, 0);
            }
            int precision = readNumber();
            int scale = consumeIf(',') ? readNumber() : 0;
            expect(')');
            if (precision < 1 || precision > Decimals.MAX_PRECISION) {
                throw invalid("decimal precision must be between 1 and " + Decimals.MAX_PRECISION);
            }
            if (scale > precision) {
                throw invalid("decimal scale must not exceed precision");
            }
            return DecimalType.createDecimalType(precision, scale);
        }

        private Type readArray()
        {
            expect('<');
            Type element = readType();
            expect('>');
            return new ArrayType(element);
        }

        private Type readMap()
        {
            expect('<');
            Type key = readType();
            expect(',');
            Type value = readType();
            expect('>');
            return new MapType(key, value, TYPE_OPERATORS);
        }

        private Type readStruct()
        {
            expect('<');
            List<RowType.Field> fields = new ArrayList<>();
            do {
                String fieldName = readFieldName();
                expect(':');
                fields.add(RowType.field(fieldName, readType()));
            }
            while (consumeIf(','));
            expect('>');
            return RowType.from(fields);
        }

        private String readFieldName()
        {
            skipSpaces();
            if (position < text.length() && text.charAt(position) == '`') {
                int end = text.indexOf('`', position + 1);
                if (end < 0) {
                    throw unknownType();
                }
                String name = text.substring(position + 1, end);
                position = end + 1;
                return name.toLowerCase(Locale.ROOT);
            }
            return readWord().toLowerCase(Locale.ROOT);
        }

        private String readWord()
        {
            skipSpaces();
            int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            if (start == position) {
                throw unknownType();
            }
            return text.substring(start, position);
        }

        private int readNumber()
        {
            skipSpaces();
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (start == position || position - start > 9) {
                throw unknownType();
            }
            return Integer.parseInt(text.substring(start, position));
        }

        private boolean consumeIf(char expected)
        {
            skipSpaces();
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(char expected)
        {
            if (!consumeIf(expected)) {
                throw unknownType();
            }
        }

        private void skipSpaces()
        {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private TrawlException unknownType()
        {
            return new TrawlException(ErrorCode.TYPE_MISMATCH, "Unknown type '" + text.strip() + "'");
        }

        private TrawlException invalid(String reason)
        {
            return new TrawlException(ErrorCode.TYPE_MISMATCH, "Invalid type '" + text.strip() + "': " + reason);
        }
    }
}
