package io.trawl.testing;

import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Turns a Trawl result (Trino Pages in native representation) into the plain Java values
 * {@link ResultComparison} compares: BigDecimal with the type's scale for decimals, LocalDate for dates,
 * String for varchar, Long for every integer type, Double for double and real, Boolean, and null.
 */
public final class TrawlRows
{
    private TrawlRows() {}

    public static List<List<Object>> toRows(QueryResult result)
    {
        requireNonNull(result, "result is null");
        return toRows(result.columns(), result.pages());
    }

    public static List<List<Object>> toRows(List<ResultColumn> columns, List<Page> pages)
    {
        requireNonNull(columns, "columns is null");
        requireNonNull(pages, "pages is null");
        List<List<Object>> rows = new ArrayList<>();
        for (Page page : pages) {
            if (page.getChannelCount() != columns.size()) {
                throw new IllegalArgumentException("page has %d channels but the result has %d columns".formatted(page.getChannelCount(), columns.size()));
            }
            for (int position = 0; position < page.getPositionCount(); position++) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int channel = 0; channel < columns.size(); channel++) {
                    row.add(readValue(columns.get(channel).type(), page.getBlock(channel), position));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static Object readValue(Type type, Block block, int position)
    {
        if (block.isNull(position)) {
            return null;
        }
        return switch (type) {
            case DecimalType decimalType -> Decimals.readBigDecimal(decimalType, block, position);
            case DateType dateType -> LocalDate.ofEpochDay(dateType.getInt(block, position));
            case VarcharType varcharType -> varcharType.getSlice(block, position).toStringUtf8();
            case BigintType bigintType -> bigintType.getLong(block, position);
            case IntegerType integerType -> (long) integerType.getInt(block, position);
            case SmallintType smallintType -> (long) smallintType.getShort(block, position);
            case TinyintType tinyintType -> (long) tinyintType.getByte(block, position);
            case DoubleType doubleType -> doubleType.getDouble(block, position);
            case RealType realType -> (double) realType.getFloat(block, position);
            case BooleanType booleanType -> booleanType.getBoolean(block, position);
            // anything else (char, timestamp, arrays...) in the SPI's own object form, compared with equals
            default -> type.getObjectValue(block, position);
        };
    }
}
