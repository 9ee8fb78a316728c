package io.trawl.engine.operator;

import io.trino.spi.Page;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.trawl.engine.operator.TestingPages.drain;
import static io.trawl.engine.operator.TestingPages.page;
import static io.trawl.engine.operator.TestingPages.row;
import static io.trawl.engine.operator.TestingPages.values;
import static io.trino.spi.type.BigintType.BIGINT;
import static org.assertj.core.api.Assertions.assertThat;

class LimitOperatorTest
{
    private static final List<Type> TYPES = List.of(BIGINT);

    private static Page rowsFrom(long first, long last)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (long value = first; value <= last; value++) {
            rows.add(row(value));
        }
        return page(TYPES, rows);
    }

    /** Counts how many pages the limit pulled from its source. */
    private static final class CountingOperator
            implements Operator
    {
        private final Operator delegate;
        private int pulls;

        CountingOperator(Operator delegate)
        {
            this.delegate = delegate;
        }

        @Override
        public Page next()
        {
            pulls++;
            return delegate.next();
        }
    }

    @Test
    void limitSpansPagesAndStopsPullingOnceSatisfied()
    {
        CountingOperator source = new CountingOperator(values(rowsFrom(1, 3), rowsFrom(4, 6), rowsFrom(7, 9)));

        assertThat(drain(new LimitOperator(source, 0, 5), TYPES))
                .as("first five rows across two pages")
                .containsExactly(row(1L), row(2L), row(3L), row(4L), row(5L));
        assertThat(source.pulls).as("the third page is never read").isEqualTo(2);
    }

    @Test
    void offsetSkipsWholeAndPartialPages()
    {
        assertThat(drain(new LimitOperator(values(rowsFrom(1, 3), page(TYPES), rowsFrom(4, 6), rowsFrom(7, 9)), 4, 3), TYPES))
                .as("OFFSET 4 LIMIT 3")
                .containsExactly(row(5L), row(6L), row(7L));
    }

    @Test
    void offsetWithoutLimitReturnsTheRest()
    {
        assertThat(drain(new LimitOperator(values(rowsFrom(1, 3), rowsFrom(4, 5)), 2, Long.MAX_VALUE), TYPES))
                .containsExactly(row(3L), row(4L), row(5L));
    }

    @Test
    void limitZeroReadsNothingAndOffsetPastTheEndIsEmpty()
    {
        CountingOperator source = new CountingOperator(values(rowsFrom(1, 3)));
        assertThat(drain(new LimitOperator(source, 0, 0), TYPES)).isEmpty();
        assertThat(source.pulls).as("LIMIT 0 pulls nothing").isZero();

        assertThat(drain(new LimitOperator(values(rowsFrom(1, 3)), 10, 5), TYPES)).isEmpty();
    }
}
