package io.trawl.scan;

import io.airlift.slice.Slices;
import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.ArrayBlockBuilder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.MapBlockBuilder;
import io.trino.spi.block.RowBlockBuilder;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MILLIS;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;

/**
 * Pages of every type a table column can have, with NULLs in every column (at a different rhythm per column) and
 * strings from a pool the caller picks, so each format gets the hardest strings it can store: quotes, backslashes,
 * delimiters, control characters, line breaks, unicode outside the BMP, the empty string.
 */
final class WriteTestData
{
    /** Strings every format stores. */
    static final List<String> PLAIN_STRINGS = List.of("plain", "", "ünïcödé ✓ 😀 中文", "quote\"d 'single'", "back\\slash", "comma,separated", "semi;colon|pipe", "tab\tbed");
    /** Strings only formats that quote or escape values store: line breaks and Hive's delimiters. */
    static final List<String> HARD_STRINGS = List.of("line\nbreak", "carriage\r\nreturn", "ctrl\u0001a\u0002b\u0003c", "{\"json\": [1, 2]}");

    static final List<Column> SCALAR_COLUMNS = List.of(
            new Column("c_bigint", "bigint"),
            new Column("c_int", "int"),
            new Column("c_smallint", "smallint"),
            new Column("c_tinyint", "tinyint"),
            new Column("c_double", "double"),
            new Column("c_real", "float"),
            new Column("c_short_decimal", "decimal(15,2)"),
            new Column("c_long_decimal", "decimal(30,5)"),
            new Column("c_string", "string"),
            new Column("c_varchar", "varchar(40)"),
            new Column("c_boolean", "boolean"),
            new Column("c_date", "date"),
            new Column("c_timestamp", "timestamp"),
            new Column("c_binary", "binary"));

    static final List<Column> NESTED_COLUMNS = List.of(
            new Column("c_array", "array<string>"),
            new Column("c_map", "map<string,int>"),
            new Column("c_struct", "struct<a:bigint,b:string>"));

    private WriteTestData() {}

    static List<Column> allColumns()
    {
        List<Column> columns = new ArrayList<>(SCALAR_COLUMNS);
        columns.addAll(NESTED_COLUMNS);
        return List.copyOf(columns);
    }

    static List<Column> without(List<Column> columns, String... names)
    {
        List<String> excluded = List.of(names);
        return columns.stream().filter(column -> !excluded.contains(column.name())).toList();
    }

    static List<Type> types(List<Column> columns)
    {
        return columns.stream().map(column -> HiveTypes.toTrinoType(column.type())).toList();
    }

    /** Rows {@code [start, end)}; the same row number always gets the same values. */
    static Page page(List<Column> columns, int start, int end, List<String> strings)
    {
        List<Type> types = types(columns);
        PageBuilder builder = new PageBuilder(types);
        for (int row = start; row < end; row++) {
            builder.declarePosition();
            for (int channel = 0; channel < columns.size(); channel++) {
                BlockBuilder block = builder.getBlockBuilder(channel);
                if (row % (5 + channel) == 3) {
                    block.appendNull();
                    continue;
                }
                appendValue(columns.get(channel).name(), types.get(channel), block, row, strings);
            }
        }
        return builder.build();
    }

    private static void appendValue(String name, Type type, BlockBuilder block, int row, List<String> strings)
    {
        String text = strings.get(row % strings.size()) + "#" + row;
        switch (name) {
            case "c_bigint" -> BIGINT.writeLong(block, row * 1_000_003L - 500_000_000_000L);
            case "c_int" -> INTEGER.writeLong(block, row * 31L - 7000);
            case "c_smallint" -> SMALLINT.writeLong(block, (short) (row * 7 - 1000));
            case "c_tinyint" -> TINYINT.writeLong(block, (byte) (row % 256 - 128));
            case "c_double" -> DOUBLE.writeDouble(block, row % 11 == 0 ? row * 1.0e200 : row * 1.25 - 100.5);
            case "c_real" -> REAL.writeLong(block, Float.floatToRawIntBits(row * 0.5f - 3.25f));
            case "c_short_decimal" -> ((DecimalType) type).writeLong(block, row * 12_345L - 999_999L);
            case "c_long_decimal" -> ((DecimalType) type).writeObject(block, Int128.valueOf(BigInteger.valueOf(row - 250).multiply(BigInteger.TEN.pow(22)).add(BigInteger.valueOf(row))));
            case "c_string", "c_varchar", "c_text" -> type.writeSlice(block, Slices.utf8Slice(text));
            case "c_char" -> ((CharType) type).writeSlice(block, Slices.utf8Slice(("c" + row).substring(0, Math.min(4, ("c" + row).length()))));
            case "c_boolean" -> BOOLEAN.writeBoolean(block, row % 3 == 0);
            case "c_date" -> DATE.writeLong(block, row * 37L - 20_000);
            case "c_timestamp" -> TIMESTAMP_MILLIS.writeLong(block, (-2_000_000_000_000L + row * 7_777_777_777L) * 1000);
            case "c_binary" -> VARBINARY.writeSlice(block, Slices.wrappedBuffer(new byte[] {(byte) row, (byte) (row >> 8), 0, -1, '\n', ',', 1}));
            case "c_array" -> ((ArrayBlockBuilder) block).buildEntry(elements -> {
                for (int i = 0; i < row % 4; i++) {
                    if (i == 1) {
                        elements.appendNull();
                        continue;
                    }
                    type.getTypeParameters().getFirst().writeSlice(elements, Slices.utf8Slice(strings.get((row + i) % strings.size()) + i));
                }
            });
            case "c_map" -> ((MapBlockBuilder) block).buildEntry((keys, values) -> {
                for (int i = 0; i < row % 3; i++) {
                    type.getTypeParameters().getFirst().writeSlice(keys, Slices.utf8Slice("key" + i + strings.get((row + i) % strings.size())));
                    if (i == 1) {
                        values.appendNull();
                    }
                    else {
                        INTEGER.writeLong(values, row * 10L + i);
                    }
                }
            });
            case "c_struct" -> ((RowBlockBuilder) block).buildEntry(fields -> {
                BIGINT.writeLong(fields.get(0), row);
                if (row % 4 == 0) {
                    fields.get(1).appendNull();
                }
                else {
                    type.getTypeParameters().get(1).writeSlice(fields.get(1), Slices.utf8Slice(text));
                }
            });
            default -> throw new IllegalArgumentException("no values for column " + name);
        }
    }
}
