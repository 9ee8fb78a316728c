package io.trawl.engine.operator;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnforceSingleRowOperatorTest
{
    private static final List<Type> TYPES = List.of(BIGINT, VARCHAR);

    @Test
    void passesTheOnlyRow()
    {
        assertThat(drain(new EnforceSingleRowOperator(values(page(TYPES), page(TYPES, row(7L, "x")), page(TYPES)), TYPES), TYPES))
                .containsExactly(row(7L, "x"));
    }

    @Test
    void noRowsBecomeOneRowOfNulls()
    {
        assertThat(drain(new EnforceSingleRowOperator(values(page(TYPES)), TYPES), TYPES))
                .as("an empty scalar subquery is NULL")
                .containsExactly(row(null, null));
    }

    @Test
    void twoRowsFailAcrossPagesAndWithinOne()
    {
        assertThatThrownBy(() -> drain(new EnforceSingleRowOperator(values(page(TYPES, row(1L, "a")), page(TYPES, row(2L, "b"))), TYPES), TYPES))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SUBQUERY_MULTIPLE_ROWS))
                .hasMessage("Scalar sub-query has returned multiple rows");
        assertThatThrownBy(() -> drain(new EnforceSingleRowOperator(values(page(TYPES, row(1L, "a"), row(1L, "a"))), TYPES), TYPES))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SUBQUERY_MULTIPLE_ROWS));
    }
}
