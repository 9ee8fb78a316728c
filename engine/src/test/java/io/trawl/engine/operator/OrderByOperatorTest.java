package io.trawl.engine.operator;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.trawl.engine.operator.TestingPages.decimal;
import static io.trawl.engine.operator.TestingPages.drain;
import static io.trawl.engine.operator.TestingPages.page;
import static io.trawl.engine.operator.TestingPages.row;
import static io.trawl.engine.operator.TestingPages.values;
import static io.trino.spi.connector.SortOrder.ASC_NULLS_FIRST;
import static io.trino.spi.connector.SortOrder.ASC_NULLS_LAST;
import static io.trino.spi.connector.SortOrder.DESC_NULLS_FIRST;
import static io.trino.spi.connector.SortOrder.DESC_NULLS_LAST;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderByOperatorTest
{
    private static final DecimalType DECIMAL_38_2 = DecimalType.createDecimalType(38, 2);
    private static final DecimalType DECIMAL_10_2 = DecimalType.createDecimalType(10, 2);

    @Test
    void sortsByTwoKeysWithDirectionsAndNullPlacement()
    {
        List<Type> types = List.of(VARCHAR, BIGINT, BOOLEAN);
        Operator orderBy = new OrderByOperator(
                values(page(types, row("b", 1L, true), row(null, 5L, false), row("a", null, true)),
                        page(types, row("b", 3L, false), row("a", 2L, null), row(null, null, true), row("b", null, false))),
                types, List.of(0, 1), List.of(ASC_NULLS_LAST, DESC_NULLS_FIRST), MemoryBudget.unlimited());

        assertThat(drain(orderBy, types))
                .as("first column ascending with NULLs last, second descending with NULLs first")
                .containsExactly(
                        row("a", null, true), row("a", 2L, null),
                        row("b", null, false), row("b", 3L, false), row("b", 1L, true),
                        row(null, null, true), row(null, 5L, false));
    }

    @Test
    void sortsDecimalsDatesAndDoublesWithNaNLargest()
    {
        List<Type> types = List.of(DECIMAL_38_2, DECIMAL_10_2, DATE, DOUBLE);
        Operator orderBy = new OrderByOperator(
                values(page(types,
                        row(decimal("100000000000000000000.00"), decimal("1.00"), 3L, Double.NaN),
                        row(decimal("-5.50"), decimal("-1.00"), 1L, -1.5),
                        row(decimal("2.25"), null, 2L, 10.0),
                        row(null, decimal("0.50"), null, null))),
                types, List.of(3), List.of(ASC_NULLS_FIRST), MemoryBudget.unlimited());

        assertThat(drain(orderBy, types))
                .containsExactly(
                        row(null, decimal("0.50"), null, null),
                        row(decimal("-5.50"), decimal("-1.00"), 1L, -1.5),
                        row(decimal("2.25"), null, 2L, 10.0),
                        row(decimal("100000000000000000000.00"), decimal("1.00"), 3L, Double.NaN));

        Operator byDecimal = new OrderByOperator(
                values(page(types,
                        row(decimal("100000000000000000000.00"), decimal("1.00"), 3L, 1.0),
                        row(decimal("-5.50"), decimal("-1.00"), 1L, 2.0),
                        row(null, decimal("0.50"), null, 3.0))),
                types, List.of(0), List.of(DESC_NULLS_LAST), MemoryBudget.unlimited());
        assertThat(drain(byDecimal, types))
                .containsExactly(
                        row(decimal("100000000000000000000.00"), decimal("1.00"), 3L, 1.0),
                        row(decimal("-5.50"), decimal("-1.00"), 1L, 2.0),
                        row(null, decimal("0.50"), null, 3.0));
    }

    @Test
    void sortsManyRowsAcrossPagesLikeAReferenceSort()
    {
        List<Type> types = List.of(BIGINT, BIGINT);
        Random random = new Random(42);
        List<Page> pages = new ArrayList<>();
        List<List<Object>> all = new ArrayList<>();
        for (int pageIndex = 0; pageIndex < 5; pageIndex++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 7000; i++) {
                List<Object> row = row(random.nextInt(10) == 0 ? null : (long) random.nextInt(1000), (long) (pageIndex * 7000 + i));
                rows.add(row);
                all.add(row);
            }
            pages.add(page(types, rows));
        }
        Comparator<List<Object>> byFirstThenSecond = Comparator
                .comparing((List<Object> row) -> (Long) row.get(0), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(row -> (Long) row.get(1));
        all.sort(byFirstThenSecond);

        Operator orderBy = new OrderByOperator(new ValuesOperator(pages), types, List.of(0, 1), List.of(ASC_NULLS_LAST, ASC_NULLS_LAST), MemoryBudget.unlimited());
        assertThat(drain(orderBy, types)).as("35,000 rows in output pages of at most 8192 rows").containsExactlyElementsOf(all);
    }

    @Test
    void emptyInputGivesNoRows()
    {
        List<Type> types = List.of(BIGINT);
        assertThat(drain(new OrderByOperator(values(), types, List.of(0), List.of(ASC_NULLS_LAST), MemoryBudget.unlimited()), types)).isEmpty();
    }

    @Test
    void exceedingTheMemoryBudgetFailsAndFreesOnClose()
    {
        List<Type> types = List.of(BIGINT);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            rows.add(row(i));
        }
        MemoryBudget budget = new MemoryBudget(100_000);
        assertThatThrownBy(() -> drain(new OrderByOperator(values(page(types, rows)), types, List.of(0), List.of(ASC_NULLS_LAST), budget), types))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_MEMORY_LIMIT));
        assertThat(budget.reservedBytes()).isZero();
    }
}
