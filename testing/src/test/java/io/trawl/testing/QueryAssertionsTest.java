package io.trawl.testing;

import io.airlift.slice.Slices;
import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trino.spi.PageBuilder;
import io.trino.spi.type.DecimalType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trawl.testing.QueryAssertions.assertThat;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryAssertionsTest
{
    private static final DecimalType PRICE = DecimalType.createDecimalType(15, 2);

    @Test
    void matchesValuesInAnyOrder()
    {
        QueryResult result = result(new Object[][] {{1L, "AFRICA", 1050L}, {0L, "AMERICA", 275L}});

        assertThat(result)
                .hasColumnNames("r_regionkey", "r_name", "price")
                .hasRowCount(2)
                .matches("VALUES (0, 'AMERICA', 2.75), (1, 'AFRICA', 10.50)");
        assertThat(result).scannedBytes().isEqualTo(1234);
    }

    @Test
    void matchesInOrderHoldsRowOrder()
    {
        QueryResult result = result(new Object[][] {{1L, "AFRICA", 1050L}, {0L, "AMERICA", 275L}});

        assertThat(result).matchesInOrder("VALUES (1, 'AFRICA', 10.5), (0, 'AMERICA', 2.75)");
        assertThatThrownBy(() -> assertThat(result).matchesInOrder("VALUES (0, 'AMERICA', 2.75), (1, 'AFRICA', 10.5)"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void failsOnADifferentValue()
    {
        QueryResult result = result(new Object[][] {{0L, "AMERICA", 275L}});

        assertThatThrownBy(() -> assertThat(result).matches("VALUES (0, 'AMERICA', 2.76)"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("price");
    }

    private static QueryResult result(Object[][] rows)
    {
        List<ResultColumn> columns = List.of(new ResultColumn("r_regionkey", BIGINT), new ResultColumn("r_name", VARCHAR), new ResultColumn("price", PRICE));
        PageBuilder pageBuilder = new PageBuilder(columns.stream().map(ResultColumn::type).toList());
        for (Object[] row : rows) {
            pageBuilder.declarePosition();
            BIGINT.writeLong(pageBuilder.getBlockBuilder(0), (Long) row[0]);
            VARCHAR.writeSlice(pageBuilder.getBlockBuilder(1), Slices.utf8Slice((String) row[1]));
            PRICE.writeLong(pageBuilder.getBlockBuilder(2), (Long) row[2]);
        }
        return new QueryResult(StatementKind.QUERY, columns, List.of(pageBuilder.build()), 1234, Session.defaults());
    }
}
