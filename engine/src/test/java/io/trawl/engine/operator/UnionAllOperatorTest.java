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

class UnionAllOperatorTest
{
    private static final List<Type> TYPES = List.of(BIGINT, VARCHAR);

    @Test
    void concatenatesAllSourcesKeepingDuplicates()
    {
        Operator union = new UnionAllOperator(List.of(
                values(page(TYPES, row(1L, "a"), row(1L, "a"))),
                values(),
                values(page(TYPES), page(TYPES, row(1L, "a"), row(null, null)))));

        assertThat(drain(union, TYPES))
                .as("every row of every input, duplicates included")
                .containsExactly(row(1L, "a"), row(1L, "a"), row(1L, "a"), row(null, null));
    }

    @Test
    void closeClosesEverySource()
    {
        boolean[] closed = new boolean[2];
        Operator first = new Operator()
        {
            @Override
            public io.trino.spi.Page next()
            {
                return null;
            }

            @Override
            public void close()
            {
                closed[0] = true;
            }
        };
        Operator second = new Operator()
        {
            @Override
            public io.trino.spi.Page next()
            {
                return null;
            }

            @Override
            public void close()
            {
                closed[1] = true;
            }
        };
        assertThat(drain(new UnionAllOperator(List.of(first, second)), TYPES)).isEmpty();
        assertThat(closed).as("both inputs closed").containsExactly(true, true);
    }
}
