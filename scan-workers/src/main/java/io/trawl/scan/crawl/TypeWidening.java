package io.trawl.scan.crawl;

import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import io.trino.spi.type.VarcharType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;

/**
 * The one type that holds the values of two files' columns (or of two sampled values), as Glue's crawler
 * merges schemas: integers widen to the wider integer, integers and floating point to double, decimals to a
 * decimal that holds both, structs merge their fields by name, arrays and maps their elements; anything else
 * becomes string, which every text value and every reader can hold. {@code null} stands for "nothing seen yet"
 * (a JSON null, an empty CSV field) and gives way to any type.
 */
final class TypeWidening
{
    private static final List<Type> INTEGERS = List.of(TINYINT, SMALLINT, INTEGER, BIGINT);
    private static final TypeOperators TYPE_OPERATORS = new TypeOperators();

    private TypeWidening() {}

    static Type widen(Type first, Type second)
    {
        if (first == null) {
            return second;
        }
        if (second == null || first.equals(second)) {
            return first;
        }
        if (INTEGERS.contains(first) && INTEGERS.contains(second)) {
            return INTEGERS.get(Math.max(INTEGERS.indexOf(first), INTEGERS.indexOf(second)));
        }
        if (isFloatingOrInteger(first) && isFloatingOrInteger(second)) {
            return DOUBLE;
        }
        if (first instanceof DecimalType left && second instanceof DecimalType right) {
            int scale = Math.max(left.getScale(), right.getScale());
            int integerDigits = Math.max(left.getPrecision() - left.getScale(), right.getPrecision() - right.getScale());
            return DecimalType.createDecimalType(Math.min(Decimals.MAX_PRECISION, integerDigits + scale), Math.min(scale, Decimals.MAX_PRECISION));
        }
        if (first instanceof TimestampType left && second instanceof TimestampType right) {
            return left.getPrecision() >= right.getPrecision() ? left : right;
        }
        if (first instanceof RowType left && second instanceof RowType right) {
            return mergeFields(left, right);
        }
        if (first instanceof ArrayType left && second instanceof ArrayType right) {
            return new ArrayType(widen(left.getElementType(), right.getElementType()));
        }
        if (first instanceof MapType left && second instanceof MapType right && left.getKeyType().equals(right.getKeyType())) {
            return new MapType(left.getKeyType(), widen(left.getValueType(), right.getValueType()), TYPE_OPERATORS);
        }
        return VarcharType.VARCHAR;
    }

    /** Types still unknown after sampling (only nulls seen) become string, as Glue records them. */
    static Type orString(Type type)
    {
        if (type == null) {
            return VarcharType.VARCHAR;
        }
        if (type instanceof RowType row) {
            List<RowType.Field> fields = new ArrayList<>();
            for (RowType.Field field : row.getFields()) {
                fields.add(RowType.field(field.getName().orElseThrow(), orString(field.getType())));
            }
            return RowType.from(fields);
        }
        if (type instanceof ArrayType array) {
            return new ArrayType(orString(array.getElementType()));
        }
        return type;
    }

    private static boolean isFloatingOrInteger(Type type)
    {
        return INTEGERS.contains(type) || type.equals(REAL) || type.equals(DOUBLE);
    }

    private static RowType mergeFields(RowType left, RowType right)
    {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (RowType.Field field : left.getFields()) {
            fields.put(field.getName().orElseThrow(), field.getType());
        }
        for (RowType.Field field : right.getFields()) {
            String name = field.getName().orElseThrow();
            fields.put(name, fields.containsKey(name) ? widen(fields.get(name), field.getType()) : field.getType());
        }
        List<RowType.Field> merged = new ArrayList<>();
        fields.forEach((name, type) -> merged.add(new RowType.Field(Optional.of(name), type)));
        return RowType.from(merged);
    }
}
