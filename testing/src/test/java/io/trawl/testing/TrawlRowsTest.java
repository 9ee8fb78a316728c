package io.trawl.testing;

import io.airlift.slice.Slices;
import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class TrawlRowsTest
{
    private static final DecimalType SHORT_DECIMAL = DecimalType.createDecimalType(15, 2);
    private static final DecimalType LONG_DECIMAL = DecimalType.createDecimalType(38, 4);

    @Test
    void convertsNativeValuesOfEveryTpchTypeToJavaValues()
    {
        List<ResultColumn> columns = List.of(
                new ResultColumn("key", BIGINT),
                new ResultColumn("quantity", INTEGER),
                new ResultColumn("price", SHORT_DECIMAL),
                new ResultColumn("revenue", LONG_DECIMAL),
                new ResultColumn("shipdate", DATE),
                new ResultColumn("flag", VARCHAR),
                new ResultColumn("ratio", DOUBLE),
                new ResultColumn("late", BOOLEAN));
        PageBuilder pageBuilder = new PageBuilder(columns.stream().map(ResultColumn::type).toList());
        pageBuilder.declarePosition();
        BIGINT.writeLong(pageBuilder.getBlockBuilder(0), 6_000_000_000L);
        INTEGER.writeLong(pageBuilder.getBlockBuilder(1), 17);
        SHORT_DECIMAL.writeLong(pageBuilder.getBlockBuilder(2), 3_620_400L);
        Decimals.writeBigDecimal(LONG_DECIMAL, pageBuilder.getBlockBuilder(3), new BigDecimal("12345678901234567890.1234"));
        DATE.writeLong(pageBuilder.getBlockBuilder(4), LocalDate.of(1998, 9, 2).toEpochDay());
        VARCHAR.writeSlice(pageBuilder.getBlockBuilder(5), Slices.utf8Slice("N"));
        DOUBLE.writeDouble(pageBuilder.getBlockBuilder(6), 0.05);
        BOOLEAN.writeBoolean(pageBuilder.getBlockBuilder(7), true);
        pageBuilder.declarePosition();
        for (int channel = 0; channel < columns.size(); channel++) {
            pageBuilder.getBlockBuilder(channel).appendNull();
        }
        Page page = pageBuilder.build();

        List<List<Object>> rows = TrawlRows.toRows(new QueryResult(StatementKind.QUERY, columns, List.of(page, page), 10, Session.defaults()));

        List<Object> expected = List.of(6_000_000_000L, 17L, new BigDecimal("36204.00"), new BigDecimal("12345678901234567890.1234"),
                LocalDate.of(1998, 9, 2), "N", 0.05, true);
        List<Object> allNull = Arrays.asList(new Object[columns.size()]);
        assertThat(rows).as("two pages of two rows, in page order").containsExactly(expected, allNull, expected, allNull);
        assertThat(((BigDecimal) rows.get(0).get(2)).scale()).as("decimals keep the type's scale").isEqualTo(2);
    }

    @Test
    void convertedRowsMatchAnOracleAnsweringTheSameValues()
    {
        List<Type> types = List.of(VARCHAR, SHORT_DECIMAL);
        PageBuilder pageBuilder = new PageBuilder(types);
        BlockBuilder flags = pageBuilder.getBlockBuilder(0);
        BlockBuilder averages = pageBuilder.getBlockBuilder(1);
        pageBuilder.declarePosition();
        VARCHAR.writeSlice(flags, Slices.utf8Slice("A"));
        SHORT_DECIMAL.writeLong(averages, 2551L);
        List<ResultColumn> columns = List.of(new ResultColumn("flag", VARCHAR), new ResultColumn("avg_qty", SHORT_DECIMAL));

        List<List<Object>> ours = TrawlRows.toRows(columns, List.of(pageBuilder.build()));

        ResultComparison.assertMatches(columns, ours, List.of(List.of("A", 25.5052)), true);
    }
}
