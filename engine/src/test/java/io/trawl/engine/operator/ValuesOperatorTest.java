package io.trawl.engine.operator;

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

class ValuesOperatorTest
{
    private static final List<Type> TYPES = List.of(BIGINT, VARCHAR);

    @Test
    void emitsEveryPageInOrderThenNull()
    {
        Operator operator = values(page(TYPES, row(1L, "a")), page(TYPES), page(TYPES, row(2L, null), row(null, "c")));

        assertThat(drain(operator, TYPES))
                .as("rows of all pages, empty pages contribute nothing")
                .containsExactly(row(1L, "a"), row(2L, null), row(null, "c"));
        assertThat(operator.next()).as("stays finished").isNull();
    }

    @Test
    void noPagesMeansNoRows()
    {
        assertThat(drain(values(), TYPES)).isEmpty();
    }
}
