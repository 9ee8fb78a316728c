package io.trawl.testing;

import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import org.assertj.core.api.AbstractLongAssert;
import org.assertj.core.api.Assertions;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Assertions on a whole query result, in the style of Trino's {@code QueryAssertions}:
 * <pre>{@code
 * assertThat(lake.run("SELECT n_regionkey, count(*) FROM nation GROUP BY 1"))
 *         .matches("VALUES (0, 5), (1, 5), (2, 5), (3, 5), (4, 5)");
 * assertThat(result).scannedBytes().isLessThan(fullScan);
 * }</pre>
 * Expected {@code VALUES} are evaluated by DuckDB and compared with {@link ResultComparison}'s rules
 * (decimal scale rounding, integers by value), ignoring row order unless {@link #matchesInOrder} is used.
 */
public final class QueryAssertions
{
    private static DuckDbOracle valuesEvaluator;

    private QueryAssertions() {}

    public static QueryResultAssert assertThat(QueryResult result)
    {
        return new QueryResultAssert(requireNonNull(result, "result is null"));
    }

    private static synchronized List<List<Object>> evaluate(String expectedSql)
    {
        if (valuesEvaluator == null) {
            valuesEvaluator = DuckDbOracle.open();
        }
        return valuesEvaluator.query(expectedSql);
    }

    public static final class QueryResultAssert
    {
        private final QueryResult result;
        private final List<List<Object>> rows;

        private QueryResultAssert(QueryResult result)
        {
            this.result = result;
            this.rows = TrawlRows.toRows(result);
        }

        /** Same rows as {@code expectedSql} (typically {@code VALUES ...}, run by DuckDB), in any order. */
        public QueryResultAssert matches(String expectedSql)
        {
            ResultComparison.assertMatches(expectedSql, result.columns(), rows, evaluate(expectedSql), false);
            return this;
        }

        /** Same rows as {@code expectedSql}, in the same order. */
        public QueryResultAssert matchesInOrder(String expectedSql)
        {
            ResultComparison.assertMatches(expectedSql, result.columns(), rows, evaluate(expectedSql), true);
            return this;
        }

        /** Same rows as {@code sql} run by the oracle, which must see the same tables. */
        public QueryResultAssert matchesOracle(DuckDbOracle oracle, String sql)
        {
            ResultComparison.assertMatches(sql, result.columns(), rows, oracle.query(sql), false);
            return this;
        }

        public QueryResultAssert hasColumnNames(String... names)
        {
            Assertions.assertThat(result.columns().stream().map(ResultColumn::name).toList())
                    .as("result column names")
                    .containsExactly(names);
            return this;
        }

        public QueryResultAssert hasRowCount(long expected)
        {
            Assertions.assertThat(result.rowCount()).as("result row count").isEqualTo(expected);
            return this;
        }

        public AbstractLongAssert<?> scannedBytes()
        {
            return Assertions.assertThat(result.bytesScanned()).as("bytes scanned");
        }

        public List<List<Object>> rows()
        {
            return rows;
        }
    }
}
