package io.trawl.engine.operator;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.trino.spi.type.RealType.REAL;

/**
 * Builds pages from rows of plain Java values and reads operator output back to rows, so operator tests
 * compare whole results. Values: Long for integer types, dates (epoch days) and timestamps, Double, Float
 * for real, Boolean, String for varchar/char, BigDecimal for decimals (with the type's scale), null.
 * Public because the window tests live in a sub-package.
 */
public final class TestingPages
{
    private TestingPages() {}

    public static List<Object> row(Object... values)
    {
        return Arrays.asList(values);
    }

    public static Page page(List<Type> types, List<List<Object>> rows)
    {
        PageBuilder builder = new PageBuilder(types);
        for (List<Object> row : rows) {
            for (int channel = 0; channel < types.size(); channel++) {
                write(types.get(channel), builder.getBlockBuilder(channel), row.get(channel));
            }
            builder.declarePosition();
        }
        return builder.build();
    }

    public static Page page(List<Type> types, List<Object>... rows)
    {
        return page(types, Arrays.asList(rows));
    }

    public static ValuesOperator values(Page... pages)
    {
        return new ValuesOperator(Arrays.asList(pages));
    }

    public static void write(Type type, BlockBuilder out, Object value)
    {
        if (value == null) {
            out.appendNull();
        }
        else if (type instanceof DecimalType decimal) {
            BigInteger unscaled = ((BigDecimal) value).setScale(decimal.getScale()).unscaledValue();
            if (decimal.isShort()) {
                type.writeLong(out, unscaled.longValueExact());
            }
            else {
                type.writeObject(out, Int128.valueOf(unscaled));
            }
        }
        else if (type.equals(REAL)) {
            type.writeLong(out, Float.floatToRawIntBits(((Number) value).floatValue()));
        }
        else if (type.getJavaType() == long.class) {
            type.writeLong(out, ((Number) value).longValue());
        }
        else if (type.getJavaType() == double.class) {
            type.writeDouble(out, ((Number) value).doubleValue());
        }
        else if (type.getJavaType() == boolean.class) {
            type.writeBoolean(out, (Boolean) value);
        }
        else if (type.getJavaType() == Slice.class) {
            type.writeSlice(out, Slices.utf8Slice((String) value));
        }
        else {
            throw new IllegalArgumentException("unsupported test type " + type);
        }
    }

    public static Object read(Type type, Block block, int position)
    {
        if (block.isNull(position)) {
            return null;
        }
        if (type instanceof DecimalType decimal) {
            BigInteger unscaled = decimal.isShort()
                    ? BigInteger.valueOf(type.getLong(block, position))
                    : ((Int128) type.getObject(block, position)).toBigInteger();
            return new BigDecimal(unscaled, decimal.getScale());
        }
        if (type.equals(REAL)) {
            return Float.intBitsToFloat((int) type.getLong(block, position));
        }
        if (type.getJavaType() == long.class) {
            return type.getLong(block, position);
        }
        if (type.getJavaType() == double.class) {
            return type.getDouble(block, position);
        }
        if (type.getJavaType() == boolean.class) {
            return type.getBoolean(block, position);
        }
        if (type.getJavaType() == Slice.class) {
            return type.getSlice(block, position).toStringUtf8();
        }
        throw new IllegalArgumentException("unsupported test type " + type);
    }

    public static List<List<Object>> rows(List<Type> types, Page page)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (int position = 0; position < page.getPositionCount(); position++) {
            List<Object> row = new ArrayList<>();
            for (int channel = 0; channel < types.size(); channel++) {
                row.add(read(types.get(channel), page.getBlock(channel), position));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Drains and closes the operator, checking every page has exactly {@code types.size()} channels. */
    public static List<List<Object>> drain(Operator operator, List<Type> types)
    {
        List<List<Object>> rows = new ArrayList<>();
        try (operator) {
            for (Page page = operator.next(); page != null; page = operator.next()) {
                if (page.getChannelCount() != types.size()) {
                    throw new AssertionError("page has %d channels, expected %d".formatted(page.getChannelCount(), types.size()));
                }
                if (page.getPositionCount() > 8192) {
                    throw new AssertionError("page has %d rows, more than 8192".formatted(page.getPositionCount()));
                }
                rows.addAll(rows(types, page));
            }
        }
        catch (RuntimeException | Error e) {
            throw e;
        }
        catch (Exception e) {
            throw new RuntimeException(e);
        }
        return rows;
    }

    public static BigDecimal decimal(String value)
    {
        return new BigDecimal(value);
    }
}
