package io.trawl.engine.operator;

import io.trawl.engine.operator.SetOperationOperator.Operation;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trawl.engine.operator.TestingPages.drain;
import static io.trawl.engine.operator.TestingPages.page;
import static io.trawl.engine.operator.TestingPages.row;
import static io.trawl.engine.operator.TestingPages.values;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class SetOperationOperatorTest
{
    private static final List<Type> TYPES = List.of(BIGINT, VARCHAR);

    private static List<List<Object>> run(Operation operation)
    {
        // left: (1,a) x3, (2,b) x1, (NULL,NULL) x2, (3,c) x1; right: (1,a) x2, (NULL,NULL) x1, (4,d) x1
        Operator left = values(page(TYPES, row(1L, "a"), row(1L, "a"), row(2L, "b"), row(null, null)),
                page(TYPES, row(1L, "a"), row(null, null), row(3L, "c")));
        Operator right = values(page(TYPES, row(1L, "a"), row(null, null)), page(TYPES, row(4L, "d"), row(1L, "a")));
        return drain(new SetOperationOperator(left, right, TYPES, operation, MemoryBudget.unlimited()), TYPES);
    }

    @Test
    void intersectDistinctKeepsRowsInBothOnceWithNullsEqual()
    {
        assertThat(run(Operation.INTERSECT_DISTINCT)).containsExactlyInAnyOrder(row(1L, "a"), row(null, null));
    }

    @Test
    void intersectAllKeepsTheSmallerCount()
    {
        assertThat(run(Operation.INTERSECT_ALL))
                .as("min(3, 2) copies of (1,a), min(2, 1) of (NULL,NULL)")
                .containsExactlyInAnyOrder(row(1L, "a"), row(1L, "a"), row(null, null));
    }

    @Test
    void exceptDistinctKeepsLeftRowsMissingOnTheRight()
    {
        assertThat(run(Operation.EXCEPT_DISTINCT)).containsExactlyInAnyOrder(row(2L, "b"), row(3L, "c"));
    }

    @Test
    void exceptAllKeepsTheCountDifference()
    {
        assertThat(run(Operation.EXCEPT_ALL))
                .as("3 - 2 copies of (1,a), 2 - 1 of (NULL,NULL), all of the rows missing on the right")
                .containsExactlyInAnyOrder(row(1L, "a"), row(null, null), row(2L, "b"), row(3L, "c"));
    }

    @Test
    void emptyRightSide()
    {
        Operator intersect = new SetOperationOperator(values(page(TYPES, row(1L, "a"))), values(), TYPES, Operation.INTERSECT_ALL, MemoryBudget.unlimited());
        assertThat(drain(intersect, TYPES)).isEmpty();
        Operator except = new SetOperationOperator(values(page(TYPES, row(1L, "a"), row(1L, "a"))), values(), TYPES, Operation.EXCEPT_ALL, MemoryBudget.unlimited());
        assertThat(drain(except, TYPES)).containsExactly(row(1L, "a"), row(1L, "a"));
    }
}
