package io.trawl.engine.fragment;

import io.trawl.engine.expression.UnknownType;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import io.trino.spi.type.VarcharType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;

/**
 * Types on the wire, as Trino spells their signatures: {@code bigint}, {@code decimal(12,2)},
 * {@code varchar(25)}, {@code timestamp(3)}, {@code array(varchar)}, {@code map(varchar,bigint)},
 * {@code row("name" varchar,"n" bigint)} (field names double-quoted, {@code ""} inside a name).
 */
public final class TypeCodec
{
    private static final TypeOperators TYPE_OPERATORS = new TypeOperators();

    private TypeCodec() {}

    public static String signature(Type type)
    {
        if (type instanceof ArrayType array) {
            return "array(" + signature(array.getElementType()) + ")";
        }
        if (type instanceof MapType map) {
            return "map(" + signature(map.getKeyType()) + "," + signature(map.getValueType()) + ")";
        }
        if (type instanceof RowType row) {
            List<String> fields = new ArrayList<>();
            for (RowType.Field field : row.getFields()) {
                String fieldType = signature(field.getType());
                fields.add(field.getName().map(name -> "\"" + name.replace("\"", "\"\"") + "\" " + fieldType).orElse(fieldType));
            }
            return "row(" + String.join(",", fields) + ")";
        }
        if (type instanceof DecimalType || type instanceof VarcharType || type instanceof CharType || type instanceof TimestampType
                || type == BOOLEAN || type == TINYINT || type == SMALLINT || type == INTEGER || type == BIGINT || type == REAL || type == DOUBLE
                || type == DATE || type == VARBINARY || type == UnknownType.UNKNOWN) {
            return type.getDisplayName();
        }
        throw new IllegalArgumentException("Type " + type.getDisplayName() + " cannot be sent to scan workers");
    }

    public static Type parse(String signature)
    {
        Reader reader = new Reader(signature);
        Type type = reader.type();
        if (reader.position != signature.length()) {
            throw reader.error("unexpected text");
        }
        return type;
    }

    private static final class Reader
    {
        private final String text;
        private int position;

        Reader(String text)
        {
            this.text = text;
        }

        Type type()
        {
            String name = word();
            return switch (name) {
                case "boolean" -> BOOLEAN;
                case "tinyint" -> TINYINT;
                case "smallint" -> SMALLINT;
                case "integer" -> INTEGER;
                case "bigint" -> BIGINT;
                case "real" -> REAL;
                case "double" -> DOUBLE;
                case "date" -> DATE;
                case "varbinary" -> VARBINARY;
                case "unknown" -> UnknownType.UNKNOWN;
                case "varchar" -> peek('(') ? VarcharType.createVarcharType(numberList().getFirst()) : VarcharType.VARCHAR;
                case "char" -> CharType.createCharType(numberList().getFirst());
                case "decimal" -> {
                    List<Integer> parameters = numberList();
                    yield DecimalType.createDecimalType(parameters.get(0), parameters.get(1));
                }
                case "timestamp" -> TimestampType.createTimestampType(numberList().getFirst());
                case "array" -> {
                    expect('(');
                    Type element = type();
                    expect(')');
                    yield new ArrayType(element);
                }
                case "map" -> {
                    expect('(');
                    Type key = type();
                    expect(',');
                    Type value = type();
                    expect(')');
                    yield new MapType(key, value, TYPE_OPERATORS);
                }
                case "row" -> row();
                default -> throw error("unknown type '" + name + "'");
            };
        }

        private Type row()
        {
            expect('(');
            List<RowType.Field> fields = new ArrayList<>();
            do {
                Optional<String> name = Optional.empty();
                if (peek('"')) {
                    name = Optional.of(quoted());
                    expect(' ');
                }
                fields.add(new RowType.Field(name, type()));
            }
            while (accept(','));
            expect(')');
            return RowType.from(fields);
        }

        private String quoted()
        {
            expect('"');
            StringBuilder name = new StringBuilder();
            while (true) {
                if (position >= text.length()) {
                    throw error("unterminated field name");
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    if (peek('"')) {
                        position++;
                        name.append('"');
                        continue;
                    }
                    return name.toString();
                }
                name.append(c);
            }
        }

        private List<Integer> numberList()
        {
            expect('(');
            List<Integer> numbers = new ArrayList<>();
            do {
                int start = position;
                while (position < text.length() && Character.isDigit(text.charAt(position))) {
                    position++;
                }
                if (start == position) {
                    throw error("number expected");
                }
                numbers.add(Integer.parseInt(text.substring(start, position)));
            }
            while (accept(','));
            expect(')');
            return numbers;
        }

        private String word()
        {
            int start = position;
            while (position < text.length() && Character.isLetter(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        private boolean peek(char c)
        {
            return position < text.length() && text.charAt(position) == c;
        }

        private boolean accept(char c)
        {
            if (peek(c)) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(char c)
        {
            if (!accept(c)) {
                throw error("'" + c + "' expected");
            }
        }

        private IllegalArgumentException error(String reason)
        {
            return new IllegalArgumentException("Bad type signature '%s' at %s: %s".formatted(text, position, reason));
        }
    }
}
