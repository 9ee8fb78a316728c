package io.trawl.testing.tpch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TpchQueriesTest
{
    @Test
    void everyQueryIsOneStatementWithoutTrailingSemicolon()
    {
        for (int number = 1; number <= TpchQueries.QUERY_COUNT; number++) {
            String query = TpchQueries.query(number, 1);
            assertThat(query).as("Q%d", number).doesNotContain(";").startsWithIgnoringCase(number == 15 ? "with" : "select");
        }
    }

    @Test
    void q11SpellsTheScaleFactorIntoItsThreshold()
    {
        assertThat(TpchQueries.query(11, 0.01)).contains("0.0001000000 / 0.01").doesNotContain("SF");
        assertThat(TpchQueries.query(11, 1)).contains("0.0001000000 / 1 ");
    }

    @Test
    void knowsWhichQueriesOrderTheirRows()
    {
        assertThat(TpchQueries.isOrdered(1)).isTrue();
        assertThat(TpchQueries.isOrdered(6)).as("Q6 is a single sum").isFalse();
        assertThat(TpchQueries.isOrdered(14)).isFalse();
    }

    @Test
    void rejectsQueryNumbersOutsideTpch()
    {
        assertThatThrownBy(() -> TpchQueries.query(23, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TpchQueries.query(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
