package io.trawl.engine.operator.window;

import io.trawl.engine.operator.MemoryBudget;
import io.trawl.engine.operator.Operator;
import io.trawl.engine.operator.ValuesOperator;
import io.trawl.engine.operator.aggregate.AggregateCall;
import io.trawl.engine.operator.aggregate.AggregateFunction;
import io.trawl.engine.operator.window.Frame.Bound;
import io.trawl.engine.operator.window.WindowFunctionCall.Kind;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.connector.SortOrder;
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
import static io.trino.spi.connector.SortOrder.ASC_NULLS_LAST;
import static io.trino.spi.connector.SortOrder.DESC_NULLS_FIRST;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowOperatorTest
{
    // partition, order key, value, offset 2, default -1
    private static final List<Type> TYPES = List.of(VARCHAR, BIGINT, BIGINT, BIGINT, BIGINT);

    private static Operator input()
    {
        return values(
                page(TYPES, row("a", 2L, 20L, 2L, -1L), row("b", 5L, 5L, 2L, -1L), row("a", 1L, 10L, 2L, -1L)),
                page(TYPES),
                page(TYPES, row("a", null, 50L, 2L, -1L), row(null, 1L, 7L, 2L, -1L), row("a", 2L, 30L, 2L, -1L), row("a", 4L, 40L, 2L, -1L)));
    }

    private static List<List<Object>> run(List<SortOrder> orders, List<WindowFunctionCall> functions, List<Type> outputTypes)
    {
        List<Integer> orderChannels = orders.isEmpty() ? List.of() : List.of(1);
        WindowOperator window = new WindowOperator(input(), TYPES, List.of(0), orderChannels, orders, functions, MemoryBudget.unlimited());
        List<Type> types = new ArrayList<>(TYPES);
        types.addAll(outputTypes);
        // keep partition, key, value and the window columns
        return drain(window, types).stream()
                .map(row -> {
                    List<Object> kept = new ArrayList<>(row.subList(0, 3));
                    kept.addAll(row.subList(5, row.size()));
                    return kept;
                })
                .toList();
    }

    private static AggregateCall aggregate(AggregateFunction function, Type inputType, Type outputType)
    {
        return new AggregateCall(function, function == AggregateFunction.COUNT_ALL ? -1 : 2, Optional.ofNullable(inputType), outputType, false, Optional.empty());
    }

    private static Frame rows(Bound start, Bound end)
    {
        return new Frame(Frame.Unit.ROWS, start, end);
    }

    @Test
    void rankingFunctionsWithPeersAndNullOrderKeys()
    {
        List<List<Object>> result = run(List.of(ASC_NULLS_LAST), List.of(
                        WindowFunctionCall.function(Kind.ROW_NUMBER, List.of(), BIGINT),
                        WindowFunctionCall.function(Kind.RANK, List.of(), BIGINT),
                        WindowFunctionCall.function(Kind.DENSE_RANK, List.of(), BIGINT),
                        WindowFunctionCall.function(Kind.PERCENT_RANK, List.of(), DOUBLE),
                        WindowFunctionCall.function(Kind.CUME_DIST, List.of(), DOUBLE)),
                List.of(BIGINT, BIGINT, BIGINT, DOUBLE, DOUBLE));

        assertThat(result)
                .as("partitions sorted NULL first; ties keep input order; NULL key sorts last")
                .containsExactly(
                        row(null, 1L, 7L, 1L, 1L, 1L, 0.0, 1.0),
                        row("a", 1L, 10L, 1L, 1L, 1L, 0.0, 0.2),
                        row("a", 2L, 20L, 2L, 2L, 2L, 0.25, 0.6),
                        row("a", 2L, 30L, 3L, 2L, 2L, 0.25, 0.6),
                        row("a", 4L, 40L, 4L, 4L, 3L, 0.75, 0.8),
                        row("a", null, 50L, 5L, 5L, 4L, 1.0, 1.0),
                        row("b", 5L, 5L, 1L, 1L, 1L, 0.0, 1.0));
    }

    @Test
    void lagAndLeadWithOffsetsAndDefaults()
    {
        List<List<Object>> result = run(List.of(ASC_NULLS_LAST), List.of(
                        WindowFunctionCall.function(Kind.LAG, List.of(2), BIGINT),
                        WindowFunctionCall.function(Kind.LEAD, List.of(2, 3, 4), BIGINT)),
                List.of(BIGINT, BIGINT));

        assertThat(result).containsExactly(
                row(null, 1L, 7L, null, -1L),
                row("a", 1L, 10L, null, 30L),
                row("a", 2L, 20L, 10L, 40L),
                row("a", 2L, 30L, 20L, 50L),
                row("a", 4L, 40L, 30L, -1L),
                row("a", null, 50L, 40L, -1L),
                row("b", 5L, 5L, null, -1L));
    }

    @Test
    void ntileSpreadsTheRemainderOverTheFirstBuckets()
    {
        List<List<Object>> result = run(List.of(ASC_NULLS_LAST), List.of(
                        WindowFunctionCall.function(Kind.NTILE, List.of(3), BIGINT)),
                List.of(BIGINT));

        assertThat(result)
                .as("ntile(2) over 5 rows: 3 rows in bucket 1, 2 in bucket 2")
                .extracting(row -> row.get(3))
                .containsExactly(1L, 1L, 1L, 1L, 2L, 2L, 1L);
    }

    @Test
    void defaultFrameAggregatesIncludePeersOfTheCurrentRow()
    {
        List<List<Object>> result = run(List.of(ASC_NULLS_LAST), List.of(
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.SUM, BIGINT, BIGINT), Frame.defaultFrame()),
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.COUNT_ALL, null, BIGINT), Frame.defaultFrame()),
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.AVG, BIGINT, DOUBLE), Frame.defaultFrame()),
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.MIN, BIGINT, BIGINT), Frame.defaultFrame()),
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.MAX, BIGINT, BIGINT), Frame.defaultFrame()),
                        WindowFunctionCall.function(Kind.LAST_VALUE, List.of(2), BIGINT)),
                List.of(BIGINT, BIGINT, DOUBLE, BIGINT, BIGINT, BIGINT));

        assertThat(result).containsExactly(
                row(null, 1L, 7L, 7L, 1L, 7.0, 7L, 7L, 7L),
                row("a", 1L, 10L, 10L, 1L, 10.0, 10L, 10L, 10L),
                row("a", 2L, 20L, 60L, 3L, 20.0, 10L, 30L, 30L),
                row("a", 2L, 30L, 60L, 3L, 20.0, 10L, 30L, 30L),
                row("a", 4L, 40L, 100L, 4L, 25.0, 10L, 40L, 40L),
                row("a", null, 50L, 150L, 5L, 30.0, 10L, 50L, 50L),
                row("b", 5L, 5L, 5L, 1L, 5.0, 5L, 5L, 5L));
    }

    @Test
    void withoutOrderByTheFrameIsTheWholePartition()
    {
        List<List<Object>> result = run(List.of(), List.of(
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.SUM, BIGINT, BIGINT), Frame.defaultFrame()),
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.COUNT, BIGINT, BIGINT), Frame.wholePartition())),
                List.of(BIGINT, BIGINT));

        assertThat(result).as("every row of a partition sees the partition total")
                .extracting(row -> row.get(0), row -> row.get(3), row -> row.get(4))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(null, 7L, 1L),
                        org.assertj.core.groups.Tuple.tuple("a", 150L, 5L),
                        org.assertj.core.groups.Tuple.tuple("a", 150L, 5L),
                        org.assertj.core.groups.Tuple.tuple("a", 150L, 5L),
                        org.assertj.core.groups.Tuple.tuple("a", 150L, 5L),
                        org.assertj.core.groups.Tuple.tuple("a", 150L, 5L),
                        org.assertj.core.groups.Tuple.tuple("b", 5L, 1L));
    }

    @Test
    void rowsFramesSlidingLeadingAndTrailing()
    {
        List<List<Object>> result = run(List.of(ASC_NULLS_LAST), List.of(
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.SUM, BIGINT, BIGINT), rows(Bound.preceding(1), Bound.following(1))),
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.SUM, BIGINT, BIGINT), rows(Bound.currentRow(), Bound.unboundedFollowing())),
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.COUNT, BIGINT, BIGINT), rows(Bound.unboundedPreceding(), Bound.preceding(1))),
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.SUM, BIGINT, BIGINT), rows(Bound.following(2), Bound.unboundedFollowing())),
                        new WindowFunctionCall(Kind.FIRST_VALUE, List.of(2), BIGINT, rows(Bound.preceding(1), Bound.following(1)), Optional.empty()),
                        new WindowFunctionCall(Kind.LAST_VALUE, List.of(2), BIGINT, rows(Bound.preceding(1), Bound.following(1)), Optional.empty()),
                        new WindowFunctionCall(Kind.NTH_VALUE, List.of(2, 3), BIGINT, rows(Bound.preceding(1), Bound.following(1)), Optional.empty())),
                List.of(BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, BIGINT));

        assertThat(result).containsExactly(
                row(null, 1L, 7L, 7L, 7L, 0L, null, 7L, 7L, null),
                row("a", 1L, 10L, 30L, 150L, 0L, 120L, 10L, 20L, 20L),
                row("a", 2L, 20L, 60L, 140L, 1L, 90L, 10L, 30L, 20L),
                row("a", 2L, 30L, 90L, 120L, 2L, 50L, 20L, 40L, 30L),
                row("a", 4L, 40L, 120L, 90L, 3L, null, 30L, 50L, 40L),
                row("a", null, 50L, 90L, 50L, 4L, null, 40L, 50L, 50L),
                row("b", 5L, 5L, 5L, 5L, 0L, null, 5L, 5L, null));
    }

    @Test
    void rangeFramesWithNumericOffsetsAscendingAndDescending()
    {
        Frame around = new Frame(Frame.Unit.RANGE, Bound.preceding(1), Bound.following(1));
        List<List<Object>> ascending = run(List.of(ASC_NULLS_LAST), List.of(
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.SUM, BIGINT, BIGINT), around)),
                List.of(BIGINT));
        assertThat(ascending)
                .as("keys within 1 of the current key; a NULL key's frame is its NULL peers")
                .extracting(row -> row.get(3))
                .containsExactly(7L, 60L, 60L, 60L, 40L, 50L, 5L);

        Frame upToCurrent = new Frame(Frame.Unit.RANGE, Bound.preceding(1), Bound.currentRow());
        List<List<Object>> descending = run(List.of(DESC_NULLS_FIRST), List.of(
                        WindowFunctionCall.aggregate(aggregate(AggregateFunction.SUM, BIGINT, BIGINT), upToCurrent)),
                List.of(BIGINT));
        assertThat(descending)
                .as("descending: preceding rows have larger keys")
                .containsExactly(
                        row(null, 1L, 7L, 7L),
                        row("a", null, 50L, 50L),
                        row("a", 4L, 40L, 40L),
                        row("a", 2L, 20L, 50L),
                        row("a", 2L, 30L, 50L),
                        row("a", 1L, 10L, 60L),
                        row("b", 5L, 5L, 5L));
    }

    @Test
    void decimalAverageOverAWindowRoundsLikeTheAggregation()
    {
        DecimalType decimal = DecimalType.createDecimalType(10, 2);
        List<Type> types = List.of(BIGINT, decimal);
        Operator source = values(page(types, row(1L, decimal("1.00")), row(1L, decimal("2.00")), row(1L, decimal("2.00"))));
        AggregateCall average = new AggregateCall(AggregateFunction.AVG, 1, Optional.of(decimal), decimal, false, Optional.empty());
        AggregateCall sum = new AggregateCall(AggregateFunction.SUM, 1, Optional.of(decimal), DecimalType.createDecimalType(38, 2), false, Optional.empty());
        WindowOperator window = new WindowOperator(source, types, List.of(0), List.of(), List.of(),
                List.of(WindowFunctionCall.aggregate(average, Frame.defaultFrame()), WindowFunctionCall.aggregate(sum, Frame.defaultFrame())), MemoryBudget.unlimited());

        assertThat(drain(window, List.of(BIGINT, decimal, decimal, DecimalType.createDecimalType(38, 2))))
                .containsExactly(
                        row(1L, decimal("1.00"), decimal("1.67"), decimal("5.00")),
                        row(1L, decimal("2.00"), decimal("1.67"), decimal("5.00")),
                        row(1L, decimal("2.00"), decimal("1.67"), decimal("5.00")));
    }

    @Test
    void emptyInputGivesNoRows()
    {
        WindowOperator window = new WindowOperator(values(), TYPES, List.of(0), List.of(1), List.of(ASC_NULLS_LAST),
                List.of(WindowFunctionCall.function(Kind.ROW_NUMBER, List.of(), BIGINT)), MemoryBudget.unlimited());
        List<Type> types = new ArrayList<>(TYPES);
        types.add(BIGINT);
        assertThat(drain(window, types)).isEmpty();
    }

    @Test
    void largePartitionSpansSeveralOutputPages()
    {
        List<Type> types = List.of(BIGINT);
        List<Page> pages = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        long running = 0;
        for (int pageIndex = 0; pageIndex < 4; pageIndex++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                rows.add(row((long) (19_999 - pageIndex * 5000 - i)));
            }
            pages.add(page(types, rows));
        }
        for (long value = 0; value < 20_000; value++) {
            running += value;
            expected.add(row(value, value + 1, running));
        }
        AggregateCall sum = new AggregateCall(AggregateFunction.SUM, 0, Optional.of(BIGINT), BIGINT, false, Optional.empty());
        WindowOperator window = new WindowOperator(new ValuesOperator(pages), types, List.of(), List.of(0), List.of(ASC_NULLS_LAST),
                List.of(WindowFunctionCall.function(Kind.ROW_NUMBER, List.of(), BIGINT),
                        WindowFunctionCall.aggregate(sum, rows(Bound.unboundedPreceding(), Bound.currentRow()))),
                MemoryBudget.unlimited());

        assertThat(drain(window, List.of(BIGINT, BIGINT, BIGINT))).containsExactlyElementsOf(expected);
    }

    @Test
    void invalidNtileBucketsFail()
    {
        List<Type> types = List.of(BIGINT, BIGINT);
        WindowOperator window = new WindowOperator(values(page(types, row(1L, 0L))), types, List.of(), List.of(), List.of(),
                List.of(WindowFunctionCall.function(Kind.NTILE, List.of(1), BIGINT)), MemoryBudget.unlimited());
        assertThatThrownBy(() -> drain(window, List.of(BIGINT, BIGINT, BIGINT)))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void bufferingMoreThanTheBudgetFails()
    {
        List<Type> types = List.of(BIGINT);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            rows.add(row(i));
        }
        MemoryBudget budget = new MemoryBudget(100_000);
        WindowOperator window = new WindowOperator(values(page(types, rows)), types, List.of(), List.of(0), List.of(ASC_NULLS_LAST),
                List.of(WindowFunctionCall.function(Kind.ROW_NUMBER, List.of(), BIGINT)), budget);
        assertThatThrownBy(() -> drain(window, List.of(BIGINT, BIGINT)))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_MEMORY_LIMIT));
        assertThat(budget.reservedBytes()).isZero();
    }
}
