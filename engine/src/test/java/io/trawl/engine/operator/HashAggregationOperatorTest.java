package io.trawl.engine.operator;

import io.trawl.engine.operator.aggregate.AggregateCall;
import io.trawl.engine.operator.aggregate.AggregateFunction;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.trawl.engine.operator.TestingPages.decimal;
import static io.trawl.engine.operator.TestingPages.drain;
import static io.trawl.engine.operator.TestingPages.page;
import static io.trawl.engine.operator.TestingPages.row;
import static io.trawl.engine.operator.TestingPages.values;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MILLIS;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashAggregationOperatorTest
{
    private static final DecimalType DECIMAL_12_2 = DecimalType.createDecimalType(12, 2);
    private static final DecimalType DECIMAL_38_2 = DecimalType.createDecimalType(38, 2);
    private static final DecimalType DECIMAL_38_0 = DecimalType.createDecimalType(38, 0);

    private static AggregateCall call(AggregateFunction function, int channel, Type inputType, Type outputType)
    {
        return new AggregateCall(function, channel, Optional.ofNullable(inputType), outputType, false, Optional.empty());
    }

    private static AggregateCall distinct(AggregateFunction function, int channel, Type inputType, Type outputType)
    {
        return new AggregateCall(function, channel, Optional.of(inputType), outputType, true, Optional.empty());
    }

    private static AggregateCall masked(AggregateFunction function, int channel, Type inputType, Type outputType, int mask)
    {
        return new AggregateCall(function, channel, Optional.ofNullable(inputType), outputType, false, Optional.of(mask));
    }

    private static AggregateCall countAll()
    {
        return call(AggregateFunction.COUNT_ALL, -1, null, BIGINT);
    }

    @Test
    void groupsRowsFromSeveralPagesWithNullKeysInOneGroup()
    {
        List<Type> input = List.of(BIGINT, BIGINT);
        Operator aggregation = new HashAggregationOperator(
                values(
                        page(input, row(1L, 10L), row(2L, 20L), row(null, 5L)),
                        page(input),
                        page(input, row(1L, null), row(null, 7L), row(2L, 30L), row(1L, 12L))),
                List.of(0), List.of(BIGINT),
                List.of(countAll(),
                        call(AggregateFunction.COUNT, 1, BIGINT, BIGINT),
                        call(AggregateFunction.SUM, 1, BIGINT, BIGINT),
                        call(AggregateFunction.MIN, 1, BIGINT, BIGINT),
                        call(AggregateFunction.MAX, 1, BIGINT, BIGINT),
                        call(AggregateFunction.AVG, 1, BIGINT, DOUBLE)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, DOUBLE)))
                .as("one row per key, NULL keys grouped together, NULL inputs ignored by all but count(*)")
                .containsExactlyInAnyOrder(
                        row(1L, 3L, 2L, 22L, 10L, 12L, 11.0),
                        row(2L, 2L, 2L, 50L, 20L, 30L, 25.0),
                        row(null, 2L, 2L, 12L, 5L, 7L, 6.0));
    }

    @Test
    void globalAggregationOverEmptyInputReturnsOneRow()
    {
        List<Type> input = List.of(BIGINT, DECIMAL_12_2);
        Operator aggregation = new HashAggregationOperator(
                values(page(input)),
                List.of(), List.of(),
                List.of(countAll(),
                        call(AggregateFunction.COUNT, 0, BIGINT, BIGINT),
                        call(AggregateFunction.SUM, 0, BIGINT, BIGINT),
                        call(AggregateFunction.AVG, 1, DECIMAL_12_2, DECIMAL_12_2),
                        call(AggregateFunction.MIN, 0, BIGINT, BIGINT),
                        call(AggregateFunction.MAX, 1, DECIMAL_12_2, DECIMAL_12_2),
                        call(AggregateFunction.BOOL_OR, 0, BOOLEAN, BOOLEAN),
                        call(AggregateFunction.STDDEV_SAMP, 0, BIGINT, DOUBLE)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(BIGINT, BIGINT, BIGINT, DECIMAL_12_2, BIGINT, DECIMAL_12_2, BOOLEAN, DOUBLE)))
                .as("counts are 0 and every other aggregate is NULL")
                .containsExactly(row(0L, 0L, null, null, null, null, null, null));
    }

    @Test
    void groupedAggregationOverEmptyInputReturnsNoRows()
    {
        List<Type> input = List.of(BIGINT);
        Operator aggregation = new HashAggregationOperator(values(), List.of(0), List.of(BIGINT), List.of(countAll()), MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(BIGINT, BIGINT))).as("no groups, no rows").isEmpty();
    }

    @Test
    void decimalSumIsExactAndAverageRoundsHalfUpAtTheArgumentScale()
    {
        List<Type> input = List.of(VARCHAR, DECIMAL_12_2);
        Operator aggregation = new HashAggregationOperator(
                values(page(input,
                        row("a", decimal("1.00")), row("a", decimal("2.00")), row("a", decimal("2.00")),
                        row("b", decimal("-1.00")), row("b", decimal("-2.00")), row("b", decimal("-2.00")),
                        row("c", decimal("0.05")), row("c", decimal("0.10")),
                        row("d", decimal("9999999999.99")), row("d", decimal("9999999999.99")), row("d", null))),
                List.of(0), List.of(VARCHAR),
                List.of(call(AggregateFunction.SUM, 1, DECIMAL_12_2, DECIMAL_38_2),
                        call(AggregateFunction.AVG, 1, DECIMAL_12_2, DECIMAL_12_2)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(VARCHAR, DECIMAL_38_2, DECIMAL_12_2)))
                .as("sum is decimal(38,2); avg 5.00/3 = 1.666.. rounds to 1.67, -1.67 for negatives, 0.075 to 0.08")
                .containsExactlyInAnyOrder(
                        row("a", decimal("5.00"), decimal("1.67")),
                        row("b", decimal("-5.00"), decimal("-1.67")),
                        row("c", decimal("0.15"), decimal("0.08")),
                        row("d", decimal("19999999999.98"), decimal("9999999999.99")));
    }

    @Test
    void longDecimalSumAndAverageStayExact()
    {
        List<Type> input = List.of(DECIMAL_38_2);
        Operator aggregation = new HashAggregationOperator(
                values(page(input, row(decimal("123456789012345678901234567890.01")), row(decimal("0.02"))),
                        page(input, row(decimal("-0.01")))),
                List.of(), List.of(),
                List.of(call(AggregateFunction.SUM, 0, DECIMAL_38_2, DECIMAL_38_2),
                        call(AggregateFunction.AVG, 0, DECIMAL_38_2, DECIMAL_38_2)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(DECIMAL_38_2, DECIMAL_38_2)))
                .as("128-bit sum without loss, average rounded half up")
                .containsExactly(row(decimal("123456789012345678901234567890.02"), decimal("41152263004115226300411522630.01")));
    }

    @Test
    void decimalSumBeyondThirtyEightDigitsFails()
    {
        List<Type> input = List.of(DECIMAL_38_0);
        Operator aggregation = new HashAggregationOperator(
                values(page(input, row(decimal("90000000000000000000000000000000000000")), row(decimal("90000000000000000000000000000000000000")))),
                List.of(), List.of(),
                List.of(call(AggregateFunction.SUM, 0, DECIMAL_38_0, DECIMAL_38_0)),
                MemoryBudget.unlimited());

        assertThatThrownBy(() -> drain(aggregation, List.of(DECIMAL_38_0)))
                .as("1.8e38 does not fit decimal(38,0)")
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE));
    }

    @Test
    void decimalSumSurvivesIntermediate128BitWrapAround()
    {
        List<Type> input = List.of(DECIMAL_38_0);
        String big = "99999999999999999999999999999999999999";
        Operator aggregation = new HashAggregationOperator(
                values(page(input, row(decimal(big)), row(decimal(big)), row(decimal(big)), row(decimal("-" + big)), row(decimal("-" + big)), row(decimal("-" + big)), row(decimal("7")))),
                List.of(), List.of(),
                List.of(call(AggregateFunction.SUM, 0, DECIMAL_38_0, DECIMAL_38_0)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(DECIMAL_38_0)))
                .as("partial sums above 2^127 cancel out exactly")
                .containsExactly(row(decimal("7")));
    }

    @Test
    void bigintSumOverflowFails()
    {
        List<Type> input = List.of(BIGINT);
        Operator aggregation = new HashAggregationOperator(
                values(page(input, row(Long.MAX_VALUE), row(1L))),
                List.of(), List.of(),
                List.of(call(AggregateFunction.SUM, 0, BIGINT, BIGINT)),
                MemoryBudget.unlimited());

        assertThatThrownBy(() -> drain(aggregation, List.of(BIGINT)))
                .as("sum(bigint) fails on overflow like Trino")
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE));
    }

    @Test
    void distinctAggregatesSeeEachNonNullValueOncePerGroup()
    {
        List<Type> input = List.of(INTEGER, BIGINT);
        Operator aggregation = new HashAggregationOperator(
                values(page(input, row(1L, 5L), row(1L, 5L), row(1L, 6L), row(2L, 5L), row(1L, null)),
                        page(input, row(2L, 5L), row(1L, 6L), row(1L, 7L), row(2L, null))),
                List.of(0), List.of(INTEGER),
                List.of(distinct(AggregateFunction.COUNT, 1, BIGINT, BIGINT),
                        distinct(AggregateFunction.SUM, 1, BIGINT, BIGINT),
                        call(AggregateFunction.SUM, 1, BIGINT, BIGINT),
                        distinct(AggregateFunction.AVG, 1, BIGINT, DOUBLE)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(INTEGER, BIGINT, BIGINT, BIGINT, DOUBLE)))
                .as("count(distinct), sum(distinct) and avg(distinct) next to a plain sum")
                .containsExactlyInAnyOrder(
                        row(1L, 3L, 18L, 29L, 6.0),
                        row(2L, 1L, 5L, 10L, 5.0));
    }

    @Test
    void maskChannelKeepsOnlyRowsWhereTheFilterIsTrue()
    {
        List<Type> input = List.of(BIGINT, BIGINT, BOOLEAN);
        Operator aggregation = new HashAggregationOperator(
                values(page(input, row(1L, 10L, true), row(1L, 20L, false), row(1L, 30L, null), row(2L, 40L, false), row(1L, 50L, true))),
                List.of(0), List.of(BIGINT),
                List.of(masked(AggregateFunction.COUNT_ALL, -1, null, BIGINT, 2),
                        masked(AggregateFunction.SUM, 1, BIGINT, BIGINT, 2),
                        countAll()),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(BIGINT, BIGINT, BIGINT, BIGINT)))
                .as("FILTER (WHERE mask): false and NULL masks are skipped")
                .containsExactlyInAnyOrder(
                        row(1L, 2L, 60L, 4L),
                        row(2L, 0L, null, 1L));
    }

    @Test
    void booleanCountIfArbitraryAndVarianceAggregates()
    {
        List<Type> input = List.of(BIGINT, BOOLEAN, DOUBLE, VARCHAR);
        Operator aggregation = new HashAggregationOperator(
                values(page(input,
                        row(1L, true, 1.0, "x"), row(1L, false, 2.0, "x"), row(1L, null, 3.0, null), row(1L, true, 4.0, "x"),
                        row(2L, true, 5.0, null), row(3L, null, null, null))),
                List.of(0), List.of(BIGINT),
                List.of(call(AggregateFunction.COUNT_IF, 1, BOOLEAN, BIGINT),
                        call(AggregateFunction.BOOL_AND, 1, BOOLEAN, BOOLEAN),
                        call(AggregateFunction.BOOL_OR, 1, BOOLEAN, BOOLEAN),
                        call(AggregateFunction.ARBITRARY, 3, VARCHAR, VARCHAR),
                        call(AggregateFunction.VAR_SAMP, 2, DOUBLE, DOUBLE),
                        call(AggregateFunction.VAR_POP, 2, DOUBLE, DOUBLE),
                        call(AggregateFunction.STDDEV_SAMP, 2, DOUBLE, DOUBLE),
                        call(AggregateFunction.STDDEV_POP, 2, DOUBLE, DOUBLE)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(BIGINT, BIGINT, BOOLEAN, BOOLEAN, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE)))
                .as("sample variance of 1..4 is 5/3, population 5/4; one row has no sample variance")
                .containsExactlyInAnyOrder(
                        row(1L, 2L, false, true, "x", 5.0 / 3, 1.25, Math.sqrt(5.0 / 3), Math.sqrt(1.25)),
                        row(2L, 1L, true, true, null, null, 0.0, null, 0.0),
                        row(3L, 0L, null, null, null, null, null, null, null));
    }

    @Test
    void sumAndAverageOfFloatingPointAndSmallIntegers()
    {
        List<Type> input = List.of(DOUBLE, REAL, INTEGER);
        Operator aggregation = new HashAggregationOperator(
                values(page(input, row(1.5, 1.5f, 1L), row(2.0, 2.0f, 2L), row(null, null, null))),
                List.of(), List.of(),
                List.of(call(AggregateFunction.SUM, 0, DOUBLE, DOUBLE),
                        call(AggregateFunction.SUM, 1, REAL, REAL),
                        call(AggregateFunction.AVG, 1, REAL, REAL),
                        call(AggregateFunction.SUM, 2, INTEGER, BIGINT),
                        call(AggregateFunction.AVG, 2, INTEGER, DOUBLE),
                        call(AggregateFunction.MAX, 1, REAL, REAL)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(DOUBLE, REAL, REAL, BIGINT, DOUBLE, REAL)))
                .containsExactly(row(3.5, 3.5f, 1.75f, 3L, 1.5, 2.0f));
    }

    @Test
    void distinctRowsWithoutAggregatesKeepOneRowPerDistinctTuple()
    {
        List<Type> input = List.of(VARCHAR, INTEGER, DOUBLE);
        Operator distinctRows = new HashAggregationOperator(
                values(page(input, row("a", 1L, 0.0), row("a", 1L, -0.0), row(null, 1L, Double.NaN), row(null, 1L, Double.NaN), row("a", null, 0.0)),
                        page(input, row("b", 1L, 0.0), row("a", null, 0.0), row(null, null, null), row(null, null, null))),
                List.of(0, 1, 2), input, List.of(), MemoryBudget.unlimited());

        assertThat(drain(distinctRows, input))
                .as("NULLs are one value, 0.0 equals -0.0 and NaN equals NaN when grouping")
                .containsExactlyInAnyOrder(
                        row("a", 1L, 0.0),
                        row(null, 1L, Double.NaN),
                        row("a", null, 0.0),
                        row("b", 1L, 0.0),
                        row(null, null, null));
    }

    @Test
    void groupsByLongDecimalDateAndVarcharKeys()
    {
        List<Type> input = List.of(DECIMAL_38_2, DATE, VARCHAR, BIGINT);
        Operator aggregation = new HashAggregationOperator(
                values(page(input,
                        row(decimal("1.10"), 100L, "x", 1L), row(decimal("1.10"), 100L, "x", 2L), row(decimal("1.10"), 101L, "x", 3L),
                        row(decimal("-1.10"), 100L, "x", 4L), row(null, 100L, "y", 5L), row(null, 100L, "y", 6L))),
                List.of(0, 1, 2), List.of(DECIMAL_38_2, DATE, VARCHAR),
                List.of(call(AggregateFunction.SUM, 3, BIGINT, BIGINT), call(AggregateFunction.MIN, 0, DECIMAL_38_2, DECIMAL_38_2)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(DECIMAL_38_2, DATE, VARCHAR, BIGINT, DECIMAL_38_2)))
                .containsExactlyInAnyOrder(
                        row(decimal("1.10"), 100L, "x", 3L, decimal("1.10")),
                        row(decimal("1.10"), 101L, "x", 3L, decimal("1.10")),
                        row(decimal("-1.10"), 100L, "x", 4L, decimal("-1.10")),
                        row(null, 100L, "y", 11L, null));
    }

    @Test
    void groupsBySmallIntegerTimestampCharAndRealKeys()
    {
        List<Type> input = List.of(SMALLINT, TINYINT, TIMESTAMP_MILLIS, CharType.createCharType(3), REAL);
        Operator aggregation = new HashAggregationOperator(
                values(page(input,
                        row(1L, 2L, 1_700_000_000_000L, "ab", 1.5f), row(1L, 2L, 1_700_000_000_000L, "ab", 1.5f),
                        row(1L, 2L, 1_700_000_000_001L, "ab", 1.5f), row(null, null, null, null, null),
                        row(1L, 2L, 1_700_000_000_000L, "ab", 0.0f), row(1L, 2L, 1_700_000_000_000L, "ab", -0.0f))),
                List.of(0, 1, 2, 3, 4), input, List.of(countAll()), MemoryBudget.unlimited());

        List<Type> output = new ArrayList<>(input);
        output.add(BIGINT);
        assertThat(drain(aggregation, output))
                .as("real 0.0 and -0.0 are one group")
                .containsExactlyInAnyOrder(
                        row(1L, 2L, 1_700_000_000_000L, "ab", 1.5f, 2L),
                        row(1L, 2L, 1_700_000_000_001L, "ab", 1.5f, 1L),
                        row(null, null, null, null, null, 1L),
                        row(1L, 2L, 1_700_000_000_000L, "ab", 0.0f, 2L));
    }

    @Test
    void manyGroupsAreEmittedInPagesOfAtMost8192Rows()
    {
        List<Type> input = List.of(BIGINT, BIGINT);
        List<Page> pages = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int pageIndex = 0; pageIndex < 3; pageIndex++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long key = 0; key < 10_000; key++) {
                rows.add(row(key, key * 10 + pageIndex));
            }
            pages.add(page(input, rows));
        }
        for (long key = 0; key < 10_000; key++) {
            expected.add(row(key, 3L, key * 30 + 3));
        }
        Operator aggregation = new HashAggregationOperator(new ValuesOperator(pages), List.of(0), List.of(BIGINT),
                List.of(countAll(), call(AggregateFunction.SUM, 1, BIGINT, BIGINT)), MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(BIGINT, BIGINT, BIGINT)))
                .as("10,000 groups over three pages, growing the hash table")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void exceedingTheMemoryBudgetFailsWithMemoryLimitError()
    {
        List<Type> input = List.of(VARCHAR);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rows.add(row("key-" + i));
        }
        MemoryBudget budget = new MemoryBudget(256 * 1024);
        Operator aggregation = new HashAggregationOperator(values(page(input, rows)), List.of(0), input, List.of(countAll()), budget);

        assertThatThrownBy(() -> drain(aggregation, List.of(VARCHAR, BIGINT)))
                .as("a group table larger than the budget fails the query")
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_MEMORY_LIMIT));
        assertThat(budget.reservedBytes()).as("closing frees what was reserved").isZero();
    }

    @Test
    void closingFreesTheReservedMemory()
    {
        List<Type> input = List.of(BIGINT);
        MemoryBudget budget = MemoryBudget.unlimited();
        Operator aggregation = new HashAggregationOperator(values(page(input, row(1L), row(2L))), List.of(0), input,
                List.of(distinct(AggregateFunction.COUNT, 0, BIGINT, BIGINT)), budget);
        assertThat(aggregation.next().getPositionCount()).isEqualTo(2);
        assertThat(budget.reservedBytes()).as("hash tables are reserved while open").isPositive();
        aggregation.close();
        assertThat(budget.reservedBytes()).as("and freed on close").isZero();
    }
    @Test
    void groupsByTwoAndThreeLongKeysWithNullsInEachKey()
    {
        List<Type> input = List.of(BIGINT, INTEGER, DATE, BIGINT);
        Operator aggregation = new HashAggregationOperator(
                values(
                        page(input, row(1L, 2L, 100L, 1L), row(1L, 2L, 100L, 2L), row(2L, 1L, 100L, 4L), row(null, 2L, 100L, 8L)),
                        page(input, row(1L, null, 100L, 16L), row(null, 2L, 100L, 32L), row(0L, 2L, 100L, 64L), row(1L, null, 100L, 128L)),
                        page(input, row(null, null, null, 256L), row(null, null, null, 512L), row(0L, 0L, 0L, 1024L), row(1L, 2L, 101L, 2048L))),
                List.of(0, 1, 2), List.of(BIGINT, INTEGER, DATE),
                List.of(countAll(), call(AggregateFunction.SUM, 3, BIGINT, BIGINT)),
                MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(BIGINT, INTEGER, DATE, BIGINT, BIGINT)))
                .as("a NULL in any key is one value of that key, distinct from 0; key order matters")
                .containsExactlyInAnyOrder(
                        row(1L, 2L, 100L, 2L, 3L),
                        row(2L, 1L, 100L, 1L, 4L),
                        row(null, 2L, 100L, 2L, 40L),
                        row(1L, null, 100L, 2L, 144L),
                        row(0L, 2L, 100L, 1L, 64L),
                        row(null, null, null, 2L, 768L),
                        row(0L, 0L, 0L, 1L, 1024L),
                        row(1L, 2L, 101L, 1L, 2048L));

        List<Type> twoKeys = List.of(BIGINT, BIGINT);
        Operator distinctPairs = new HashAggregationOperator(
                values(page(twoKeys, row(1L, 2L), row(2L, 1L), row(1L, 2L), row(null, 1L), row(1L, null), row(null, 1L), row(null, null))),
                List.of(0, 1), twoKeys, List.of(), MemoryBudget.unlimited());
        assertThat(drain(distinctPairs, twoKeys))
                .as("DISTINCT over two long keys")
                .containsExactlyInAnyOrder(row(1L, 2L), row(2L, 1L), row(null, 1L), row(1L, null), row(null, null));
    }

    @Test
    void manyGroupsOverTwoLongKeysGrowTheTableAcrossPages()
    {
        List<Type> input = List.of(BIGINT, INTEGER, BIGINT);
        List<Page> pages = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int pageIndex = 0; pageIndex < 3; pageIndex++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long key = 0; key < 10_000; key++) {
                rows.add(row(key / 4, key % 4, key + pageIndex));
            }
            pages.add(page(input, rows));
        }
        for (long key = 0; key < 10_000; key++) {
            expected.add(row(key / 4, key % 4, 3L, key * 3 + 3));
        }
        Operator aggregation = new HashAggregationOperator(new ValuesOperator(pages), List.of(0, 1), List.of(BIGINT, INTEGER),
                List.of(countAll(), call(AggregateFunction.SUM, 2, BIGINT, BIGINT)), MemoryBudget.unlimited());

        assertThat(drain(aggregation, List.of(BIGINT, INTEGER, BIGINT, BIGINT)))
                .as("10,000 (key / 4, key %% 4) groups over three pages")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void twoLongKeyGroupsBeyondTheBudgetFailWithMemoryLimitError()
    {
        List<Type> input = List.of(BIGINT, BIGINT);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 50_000; i++) {
            rows.add(row(i, -i));
        }
        MemoryBudget budget = new MemoryBudget(256 * 1024);
        Operator aggregation = new HashAggregationOperator(values(page(input, rows)), List.of(0, 1), input, List.of(countAll()), budget);

        assertThatThrownBy(() -> drain(aggregation, List.of(BIGINT, BIGINT, BIGINT)))
                .as("the two-key group table is reserved in the budget")
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_MEMORY_LIMIT));
        assertThat(budget.reservedBytes()).as("closing frees what was reserved").isZero();
    }
}
