package io.trawl.testing;

import io.trawl.engine.ResultColumn;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultComparisonTest
{
    private static final List<ResultColumn> DECIMAL_SCALE_2 = List.of(new ResultColumn("avg_price", createDecimalType(15, 2)));
    private static final List<ResultColumn> DOUBLE_COLUMN = List.of(new ResultColumn("ratio", DOUBLE));

    @Test
    void decimalAcceptsOracleDoubleWithinHalfAUnitOfTheDeclaredScale()
    {
        // Trino rounds avg(decimal(15,2)) to 2 places; DuckDB answers a double
        assertThatCode(() -> compare(DECIMAL_SCALE_2, row(new BigDecimal("38273.13")), row(38273.125)))
                .as("exactly half a unit of the last place is the rounding of the declared scale")
                .doesNotThrowAnyException();
        assertThatCode(() -> compare(DECIMAL_SCALE_2, row(new BigDecimal("38273.13")), row(38273.134999)))
                .doesNotThrowAnyException();
    }

    @Test
    void decimalAcceptsOracleDecimalAtExactlyHalfAUnit()
    {
        assertThatCode(() -> compare(DECIMAL_SCALE_2, row(new BigDecimal("1.24")), row(new BigDecimal("1.235"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> compare(DECIMAL_SCALE_2, row(new BigDecimal("-1.24")), row(new BigDecimal("-1.245"))))
                .doesNotThrowAnyException();
    }

    @Test
    void decimalRejectsDifferenceJustBeyondTheScaleRounding()
    {
        assertThatThrownBy(() -> compare(DECIMAL_SCALE_2, row(new BigDecimal("1.24")), row(new BigDecimal("1.2349"))))
                .as("0.0051 is more than the rounding of 2 decimal places")
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1.24")
                .hasMessageContaining("1.2349");
        assertThatThrownBy(() -> compare(DECIMAL_SCALE_2, row(new BigDecimal("38273.13")), row(38273.1351)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void decimalOfScaleZeroAllowsHalfAUnit()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("total", createDecimalType(38, 0)));
        assertThatCode(() -> compare(columns, row(new BigDecimal("10")), row(9.5))).doesNotThrowAnyException();
        assertThatThrownBy(() -> compare(columns, row(new BigDecimal("10")), row(9.49))).isInstanceOf(AssertionError.class);
    }

    @Test
    void doubleAcceptsRelativeDifferenceOfOneInABillion()
    {
        assertThatCode(() -> compare(DOUBLE_COLUMN, row(1000.0), row(1000.0 * (1 + 0.9e-9)))).doesNotThrowAnyException();
        assertThatCode(() -> compare(DOUBLE_COLUMN, row(0.0), row(0.9e-9)))
                .as("near zero the tolerance is absolute")
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> compare(DOUBLE_COLUMN, row(1000.0), row(1000.0 * (1 + 2e-9)))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> compare(DOUBLE_COLUMN, row(0.0), row(2e-9))).isInstanceOf(AssertionError.class);
    }

    @Test
    void integersCompareByValueWhateverTheirBoxing()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("count_order", BIGINT));
        assertThatCode(() -> compare(columns, row(42L), row(42))).doesNotThrowAnyException();
        assertThatCode(() -> compare(columns, row(42L), row(BigInteger.valueOf(42)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> compare(columns, row(42L), row(43L))).isInstanceOf(AssertionError.class);
    }

    @Test
    void integersAreExactEvenWhenTheOracleAnswersADouble()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("count_order", BIGINT));
        assertThatThrownBy(() -> compare(columns, row(42L), row(42.4))).isInstanceOf(AssertionError.class);
    }

    @Test
    void stringMismatchFailsAndNamesRowColumnAndBothValues()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("n_name", VARCHAR), new ResultColumn("revenue", createDecimalType(38, 4)));
        assertThatThrownBy(() -> ResultComparison.assertMatches(
                "SELECT n_name, revenue FROM nation",
                columns,
                List.of(row("ALGERIA", new BigDecimal("1.0000")), row("BRAZIL", new BigDecimal("2.0000"))),
                List.of(row("ALGERIA", new BigDecimal("1.0000")), row("BRAZIL ", new BigDecimal("2.0000"))),
                true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("row 1")
                .hasMessageContaining("column 0 (n_name")
                .hasMessageContaining("ours = BRAZIL (String)")
                .hasMessageContaining("oracle = BRAZIL  (String)")
                .hasMessageContaining("SELECT n_name, revenue FROM nation");
    }

    @Test
    void datesCompareExactly()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("o_orderdate", DATE));
        assertThatCode(() -> compare(columns, row(LocalDate.of(1995, 3, 15)), row(LocalDate.of(1995, 3, 15)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> compare(columns, row(LocalDate.of(1995, 3, 15)), row(LocalDate.of(1995, 3, 16)))).isInstanceOf(AssertionError.class);
    }

    @Test
    void rowCountMismatchFails()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("n_name", VARCHAR));
        assertThatThrownBy(() -> ResultComparison.assertMatches(columns, List.of(row("A"), row("B")), List.of(row("A")), false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ours has 2 rows, oracle has 1 rows");
    }

    @Test
    void nullMatchesOnlyNull()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("c_count", BIGINT));
        assertThatCode(() -> compare(columns, row((Object) null), row((Object) null))).doesNotThrowAnyException();
        assertThatThrownBy(() -> compare(columns, row((Object) null), row(0L))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> compare(columns, row(0L), row((Object) null))).isInstanceOf(AssertionError.class);
    }

    @Test
    void unorderedComparisonIgnoresRowOrder()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("flag", VARCHAR), new ResultColumn("total", createDecimalType(15, 2)));
        List<List<Object>> ours = List.of(row("R", new BigDecimal("1.50")), row("A", new BigDecimal("2.25")), row("N", null));
        List<List<Object>> oracle = List.of(row("N", null), row("R", 1.5), row("A", 2.2500000001));
        assertThatCode(() -> ResultComparison.assertMatches(columns, ours, oracle, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ResultComparison.assertMatches(columns, ours, oracle, true))
                .as("ordered comparison holds row order to account")
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void unorderedComparisonStillFindsADifferentRow()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("key", BIGINT));
        assertThatThrownBy(() -> ResultComparison.assertMatches(columns, List.of(row(1L), row(2L)), List.of(row(2L), row(3L)), false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("after sorting");
    }

    private static void compare(List<ResultColumn> columns, List<Object> ours, List<Object> oracle)
    {
        ResultComparison.assertMatches(columns, List.of(ours), List.of(oracle), true);
    }

    private static List<Object> row(Object... values)
    {
        return Arrays.asList(values);
    }

    @Test
    void rowsTiedOnTheSortKeysMayComeInAnyOrder()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("partkey", BIGINT), new ResultColumn("value", BIGINT));
        List<List<Object>> ours = List.of(List.of(1L, 30L), List.of(7L, 20L), List.of(5L, 20L), List.of(2L, 10L));
        List<List<Object>> oracle = List.of(List.of(1L, 30L), List.of(5L, 20L), List.of(7L, 20L), List.of(2L, 10L));
        ResultComparison.assertMatches("ORDER BY value DESC", columns, ours, oracle, List.of(1));
    }

    @Test
    void rowsOutOfSortKeyOrderFailEvenWhenTheSameRowsArePresent()
    {
        List<ResultColumn> columns = List.of(new ResultColumn("partkey", BIGINT), new ResultColumn("value", BIGINT));
        List<List<Object>> ours = List.of(List.of(2L, 10L), List.of(1L, 30L));
        List<List<Object>> oracle = List.of(List.of(1L, 30L), List.of(2L, 10L));
        assertThatThrownBy(() -> ResultComparison.assertMatches("ORDER BY value DESC", columns, ours, oracle, List.of(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("sort keys");
        List<List<Object>> wrongTie = List.of(List.of(1L, 30L), List.of(9L, 20L));
        List<List<Object>> rightTie = List.of(List.of(1L, 30L), List.of(5L, 20L));
        assertThatThrownBy(() -> ResultComparison.assertMatches("ties", columns, wrongTie, rightTie, List.of(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("tied on the sort keys");
    }
}
