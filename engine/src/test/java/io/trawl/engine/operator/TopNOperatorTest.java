package io.trawl.engine.operator;

import io.trino.spi.Page;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.trawl.engine.operator.TestingPages.drain;
import static io.trawl.engine.operator.TestingPages.page;
import static io.trawl.engine.operator.TestingPages.row;
import static io.trawl.engine.operator.TestingPages.values;
import static io.trino.spi.connector.SortOrder.ASC_NULLS_LAST;
import static io.trino.spi.connector.SortOrder.DESC_NULLS_FIRST;
import static io.trino.spi.connector.SortOrder.DESC_NULLS_LAST;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class TopNOperatorTest
{
    private static final List<Type> TYPES = List.of(BIGINT, VARCHAR);

    @Test
    void keepsTheBestRowsSortedAcrossPages()
    {
        Operator topN = new TopNOperator(
                values(page(TYPES, row(5L, "e"), row(1L, "a"), row(null, "n")), page(TYPES, row(9L, "i"), row(3L, "c")), page(TYPES, row(7L, "g"))),
                TYPES, List.of(0), List.of(DESC_NULLS_LAST), 3, MemoryBudget.unlimited());

        assertThat(drain(topN, TYPES)).as("three largest, NULL last so not among them").containsExactly(row(9L, "i"), row(7L, "g"), row(5L, "e"));
    }

    @Test
    void nullsFirstAndFewerRowsThanN()
    {
        Operator topN = new TopNOperator(values(page(TYPES, row(5L, "e"), row(null, "n"), row(1L, "a"))),
                TYPES, List.of(0), List.of(DESC_NULLS_FIRST), 10, MemoryBudget.unlimited());

        assertThat(drain(topN, TYPES)).containsExactly(row(null, "n"), row(5L, "e"), row(1L, "a"));
    }

    @Test
    void zeroRowsRequestedOrEmptyInput()
    {
        assertThat(drain(new TopNOperator(values(page(TYPES, row(1L, "a"))), TYPES, List.of(0), List.of(ASC_NULLS_LAST), 0, MemoryBudget.unlimited()), TYPES)).isEmpty();
        assertThat(drain(new TopNOperator(values(), TYPES, List.of(0), List.of(ASC_NULLS_LAST), 5, MemoryBudget.unlimited()), TYPES)).isEmpty();
    }

    @Test
    void matchesAReferenceSortOnManyPagesAndKeepsMemoryBounded()
    {
        Random random = new Random(7);
        List<Page> pages = new ArrayList<>();
        List<List<Object>> all = new ArrayList<>();
        for (int pageIndex = 0; pageIndex < 40; pageIndex++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                List<Object> row = row((long) random.nextInt(100_000), "row-" + pageIndex + "-" + i);
                rows.add(row);
                all.add(row);
            }
            pages.add(page(TYPES, rows));
        }
        all.sort(Comparator.comparing((List<Object> row) -> (Long) row.get(0)).thenComparing(row -> (String) row.get(1)));
        MemoryBudget budget = MemoryBudget.unlimited();
        TopNOperator topN = new TopNOperator(new ValuesOperator(pages), TYPES, List.of(0, 1), List.of(ASC_NULLS_LAST, ASC_NULLS_LAST), 100, budget);

        Page first = topN.next();
        assertThat(budget.reservedBytes()).as("retains about n rows, not the 40,000 input rows").isLessThan(200_000);
        assertThat(TestingPages.rows(TYPES, first)).containsExactlyElementsOf(all.subList(0, 100));
        assertThat(topN.next()).isNull();
        topN.close();
        assertThat(budget.reservedBytes()).isZero();
    }
}
