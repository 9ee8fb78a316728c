package io.trawl.engine.analyzer;

import io.trawl.catalog.Table;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.engine.scan.TableEstimate;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The analyzer's type rules and the evaluator's semantics, checked through whole queries without storage:
 * result types must be Trino's, and values exact.
 */
class ConstantQueryTest
{
    @TempDir
    Path home;

    private QueryEngine engine;

    @BeforeEach
    void setUp()
    {
        ScanProvider noStorage = new ScanProvider()
        {
            @Override
            public List<ScanSplit> planSplits(Table table, TupleDomain<String> predicate, ByteMeter meter)
            {
                throw new UnsupportedOperationException();
            }

            @Override
            public TableEstimate estimate(Table table)
            {
                throw new UnsupportedOperationException();
            }

            @Override
            public PageSource createPageSource(Table table, ScanSplit split, List<ScanColumn> columns, TupleDomain<String> predicate, ByteMeter meter)
            {
                throw new UnsupportedOperationException();
            }
        };
        engine = new QueryEngine(new LocalCatalogStore(home), noStorage, EngineConfig.defaults());
    }

    private QueryResult run(String sql)
    {
        return engine.execute(sql, Session.defaults());
    }

    private List<List<Object>> rows(QueryResult result)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (Page page : result.pages()) {
            for (int position = 0; position < page.getPositionCount(); position++) {
                List<Object> row = new ArrayList<>();
                for (int channel = 0; channel < result.columns().size(); channel++) {
                    Type type = result.columns().get(channel).type();
                    row.add(type.getObjectValue(page.getBlock(channel), position));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private void assertQuery(String sql, String expectedType, Object expectedValue)
    {
        QueryResult result = run(sql);
        assertThat(result.columns().getFirst().type().getDisplayName()).as("type of %s", sql).isEqualTo(expectedType);
        assertThat(String.valueOf(rows(result).getFirst().getFirst())).as("value of %s", sql).isEqualTo(String.valueOf(expectedValue));
    }

    @Test
    void decimalArithmeticFollowsTrinoPrecisionAndScaleRules()
    {
        assertQuery("SELECT 1.25 + 2.5", "decimal(4,2)", "3.75");
        assertQuery("SELECT 1.25 * 2.5", "decimal(5,3)", "3.125");
        assertQuery("SELECT 1.00 / 3", "decimal(3,2)", "0.33");
        assertQuery("SELECT 2.00 / 3", "decimal(3,2)", "0.67");
        assertQuery("SELECT 10.5 % 3", "decimal(3,1)", "1.5");
        assertQuery("SELECT CAST(1 AS decimal(15,2)) * (1 - CAST(0.05 AS decimal(15,2)))", "decimal(31,4)", "0.9500");
        assertQuery("SELECT 0.06 - 0.01", "decimal(3,2)", "0.05");
    }

    @Test
    void integerArithmeticWidensAndChecksOverflow()
    {
        assertQuery("SELECT 7 / 2", "integer", "3");
        assertQuery("SELECT 2147483647 + CAST(1 AS bigint)", "bigint", "2147483648");
        assertQuery("SELECT 1 + 1.5", "decimal(12,1)", "2.5");
        assertQuery("SELECT 1 + 1.5e0", "double", "2.5");
        assertThatThrownBy(() -> run("SELECT 2147483647 + 1"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE));
        assertThatThrownBy(() -> run("SELECT 1 / 0"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
    }

    @Test
    void dateArithmeticWithIntervals()
    {
        assertQuery("SELECT DATE '1998-12-01' - INTERVAL '90' DAY", "date", "1998-09-02");
        assertQuery("SELECT DATE '1993-07-01' + INTERVAL '3' MONTH", "date", "1993-10-01");
        assertQuery("SELECT DATE '2020-01-31' + INTERVAL '1' MONTH", "date", "2020-02-29");
        assertQuery("SELECT DATE '1994-01-01' + INTERVAL '1' YEAR", "date", "1995-01-01");
        assertQuery("SELECT extract(year FROM DATE '1995-06-17')", "bigint", "1995");
        assertQuery("SELECT date_diff('day', DATE '2020-01-01', DATE '2020-03-01')", "bigint", "60");
    }

    @Test
    void stringFunctionsAndLike()
    {
        assertQuery("SELECT substring('13-123-456' FROM 1 FOR 2)", "varchar", "13");
        assertQuery("SELECT 'PROMO BRUSHED' LIKE 'PROMO%'", "boolean", "true");
        assertQuery("SELECT 'a special x requests' LIKE '%special%requests%'", "boolean", "true");
        assertQuery("SELECT 'requests special' LIKE '%special%requests%'", "boolean", "false");
        assertQuery("SELECT 'abc' LIKE 'a_c'", "boolean", "true");
        assertQuery("SELECT upper('abc') || lower('DEF')", "varchar", "ABCdef");
        assertQuery("SELECT length('héllo')", "bigint", "5");
    }

    @Test
    void nullSemanticsOfInAndLogic()
    {
        assertQuery("SELECT 3 IN (1, 2, NULL)", "boolean", "null");
        assertQuery("SELECT 2 IN (1, 2, NULL)", "boolean", "true");
        assertQuery("SELECT NULL AND false", "boolean", "false");
        assertQuery("SELECT NULL OR true", "boolean", "true");
        assertQuery("SELECT coalesce(NULL, 2, 3)", "integer", "2");
        assertQuery("SELECT nullif(1, 1)", "integer", "null");
    }

    @Test
    void caseEvaluatesBranchesOnlyForRowsThatReachThem()
    {
        assertQuery("SELECT CASE WHEN x <> 0 THEN 10 / x ELSE -1 END FROM (VALUES 0, 5) AS t(x) ORDER BY 1", "integer", "-1");
    }

    @Test
    void aggregatesOverValuesUseTrinoResultTypes()
    {
        QueryResult result = run("SELECT sum(x), avg(x), count(*), min(x) FROM (VALUES 1.00, 2.00, 2.00) AS t(x)");
        assertThat(result.columns().stream().map(column -> column.type().getDisplayName()).toList())
                .containsExactly("decimal(38,2)", "decimal(3,2)", "bigint", "decimal(3,2)");
        assertThat(rows(result).getFirst().stream().map(String::valueOf).toList()).containsExactly("5.00", "1.67", "3", "1.00");
    }

    @Test
    void groupByOrderByAndLimit()
    {
        QueryResult result = run("SELECT k, sum(v) AS s FROM (VALUES ('a', 1), ('b', 2), ('a', 3), ('c', 10)) AS t(k, v) GROUP BY k ORDER BY s DESC LIMIT 2");
        assertThat(rows(result)).containsExactly(Arrays.asList("c", 10L), Arrays.asList("a", 4L));
    }

    @Test
    void windowFunctionsRankWithinPartitions()
    {
        QueryResult result = run("SELECT k, v, rank() OVER (PARTITION BY k ORDER BY v DESC) FROM (VALUES ('a', 1), ('a', 3), ('b', 2)) AS t(k, v) ORDER BY k, v");
        assertThat(rows(result)).containsExactly(Arrays.asList("a", 1, 2L), Arrays.asList("a", 3, 1L), Arrays.asList("b", 2, 1L));
    }

    @Test
    void setOperations()
    {
        assertThat(rows(run("SELECT * FROM (VALUES 1, 2, 2, 3) EXCEPT SELECT * FROM (VALUES 2) ORDER BY 1"))).containsExactly(List.of(1), List.of(3));
        assertThat(rows(run("SELECT * FROM (VALUES 1, 2) UNION SELECT * FROM (VALUES 2, 3) ORDER BY 1"))).containsExactly(List.of(1), List.of(2), List.of(3));
        assertThat(rows(run("SELECT * FROM (VALUES 1, 2) INTERSECT SELECT * FROM (VALUES 2, 3)"))).containsExactly(List.of(2));
    }

    @Test
    void typeErrorsNameBothTypes()
    {
        assertThatThrownBy(() -> run("SELECT DATE '2020-01-01' = 'x'"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
                    assertThat(e.getMessage()).contains("line 1:").contains("date").contains("varchar");
                });
    }

    @Test
    void unknownTableAndColumnAreNamed()
    {
        assertThatThrownBy(() -> run("SELECT * FROM nowhere"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
                    assertThat(e.getMessage()).contains("default.nowhere");
                });
        assertThatThrownBy(() -> run("SELECT missing FROM (VALUES 1) AS t(x)"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
                    assertThat(e.getMessage()).contains("line 1:8").contains("'missing'");
                });
    }

    @Test
    void syntaxErrorsNameLineAndColumn()
    {
        assertThatThrownBy(() -> run("SELECT 1\nFROM WHERE"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.getMessage()).startsWith("line 2:6");
                });
    }

    @Test
    void scalarSubqueryMustReturnOneRow()
    {
        assertThatThrownBy(() -> run("SELECT (SELECT x FROM (VALUES 1, 2) AS t(x))"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SUBQUERY_MULTIPLE_ROWS));
        assertQuery("SELECT (SELECT max(x) FROM (VALUES 1, 2) AS t(x)) + 1", "integer", "3");
    }
}
