package io.trawl.engine.operator;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
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
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashJoinOperatorTest
{
    // probe: (key, value); build: (key, value)
    private static final List<Type> PROBE_TYPES = List.of(BIGINT, VARCHAR);
    private static final List<Type> BUILD_TYPES = List.of(BIGINT, BIGINT);
    private static final List<Type> JOINED = List.of(BIGINT, VARCHAR, BIGINT, BIGINT);
    private static final List<Type> PROBE_ONLY = List.of(BIGINT, VARCHAR);

    private static Operator probe()
    {
        return values(
                page(PROBE_TYPES, row(1L, "p1"), row(2L, "p2"), row(null, "pnull")),
                page(PROBE_TYPES),
                page(PROBE_TYPES, row(3L, "p3"), row(1L, "p1b")));
    }

    private static Operator build()
    {
        return values(
                page(BUILD_TYPES, row(1L, 10L), row(1L, 11L), row(null, 99L)),
                page(BUILD_TYPES, row(2L, 20L), row(4L, 40L)));
    }

    /** build value (channel 3 of the candidate page) must be even */
    private static final PageFilter BUILD_VALUE_EVEN = page -> {
        Block block = page.getBlock(3);
        boolean[] result = new boolean[page.getPositionCount()];
        for (int i = 0; i < result.length; i++) {
            result[i] = !block.isNull(i) && BIGINT.getLong(block, i) % 2 == 0;
        }
        return result;
    };

    private static List<List<Object>> join(JoinType joinType, Optional<PageFilter> filter)
    {
        return join(probe(), build(), joinType, filter);
    }

    private static List<List<Object>> join(Operator probe, Operator build, JoinType joinType, Optional<PageFilter> filter)
    {
        boolean probeOnly = joinType == JoinType.SEMI || joinType == JoinType.ANTI || joinType == JoinType.NULL_AWARE_ANTI;
        HashJoinOperator operator = new HashJoinOperator(probe, build, List.of(0), List.of(0), joinType, filter,
                List.of(0, 1), probeOnly ? List.of() : List.of(0, 1), PROBE_TYPES, BUILD_TYPES, MemoryBudget.unlimited());
        return drain(operator, probeOnly ? PROBE_ONLY : JOINED);
    }

    @Test
    void innerJoinPairsEveryEqualKeyAndNeverMatchesNulls()
    {
        assertThat(join(JoinType.INNER, Optional.empty()))
                .as("duplicate build keys multiply, NULL keys match nothing")
                .containsExactlyInAnyOrder(
                        row(1L, "p1", 1L, 10L), row(1L, "p1", 1L, 11L),
                        row(2L, "p2", 2L, 20L),
                        row(1L, "p1b", 1L, 10L), row(1L, "p1b", 1L, 11L));
    }

    @Test
    void innerJoinWithResidualFilter()
    {
        assertThat(join(JoinType.INNER, Optional.of(BUILD_VALUE_EVEN)))
                .containsExactlyInAnyOrder(row(1L, "p1", 1L, 10L), row(2L, "p2", 2L, 20L), row(1L, "p1b", 1L, 10L));
    }

    @Test
    void leftJoinKeepsUnmatchedProbeRowsWithNulls()
    {
        assertThat(join(JoinType.LEFT, Optional.empty()))
                .containsExactlyInAnyOrder(
                        row(1L, "p1", 1L, 10L), row(1L, "p1", 1L, 11L),
                        row(2L, "p2", 2L, 20L),
                        row(null, "pnull", null, null),
                        row(3L, "p3", null, null),
                        row(1L, "p1b", 1L, 10L), row(1L, "p1b", 1L, 11L));
    }

    @Test
    void leftJoinFilterDecidesWhetherAProbeRowMatched()
    {
        PageFilter buildValueAbove15 = page -> {
            boolean[] result = new boolean[page.getPositionCount()];
            for (int i = 0; i < result.length; i++) {
                result[i] = BIGINT.getLong(page.getBlock(3), i) > 15;
            }
            return result;
        };
        assertThat(join(JoinType.LEFT, Optional.of(buildValueAbove15)))
                .as("key 1 has candidates but none passes, so its probe rows come out once with NULLs")
                .containsExactlyInAnyOrder(
                        row(1L, "p1", null, null),
                        row(2L, "p2", 2L, 20L),
                        row(null, "pnull", null, null),
                        row(3L, "p3", null, null),
                        row(1L, "p1b", null, null));
    }

    @Test
    void rightJoinAddsUnmatchedBuildRowsIncludingNullKeys()
    {
        assertThat(join(JoinType.RIGHT, Optional.empty()))
                .containsExactlyInAnyOrder(
                        row(1L, "p1", 1L, 10L), row(1L, "p1", 1L, 11L),
                        row(2L, "p2", 2L, 20L),
                        row(1L, "p1b", 1L, 10L), row(1L, "p1b", 1L, 11L),
                        row(null, null, null, 99L),
                        row(null, null, 4L, 40L));
        assertThat(join(JoinType.RIGHT, Optional.of(BUILD_VALUE_EVEN)))
                .as("build row (1, 11) only had candidates the filter rejected")
                .containsExactlyInAnyOrder(
                        row(1L, "p1", 1L, 10L), row(2L, "p2", 2L, 20L), row(1L, "p1b", 1L, 10L),
                        row(null, null, 1L, 11L), row(null, null, null, 99L), row(null, null, 4L, 40L));
    }

    @Test
    void fullJoinKeepsUnmatchedRowsOfBothSides()
    {
        assertThat(join(JoinType.FULL, Optional.of(BUILD_VALUE_EVEN)))
                .containsExactlyInAnyOrder(
                        row(1L, "p1", 1L, 10L), row(2L, "p2", 2L, 20L), row(1L, "p1b", 1L, 10L),
                        row(null, "pnull", null, null), row(3L, "p3", null, null),
                        row(null, null, 1L, 11L), row(null, null, null, 99L), row(null, null, 4L, 40L));
        assertThat(join(JoinType.FULL, Optional.empty()))
                .containsExactlyInAnyOrder(
                        row(1L, "p1", 1L, 10L), row(1L, "p1", 1L, 11L), row(2L, "p2", 2L, 20L),
                        row(1L, "p1b", 1L, 10L), row(1L, "p1b", 1L, 11L),
                        row(null, "pnull", null, null), row(3L, "p3", null, null),
                        row(null, null, null, 99L), row(null, null, 4L, 40L));
    }

    @Test
    void semiJoinKeepsEachMatchingProbeRowOnce()
    {
        assertThat(join(JoinType.SEMI, Optional.empty()))
                .as("duplicate build keys do not duplicate probe rows")
                .containsExactlyInAnyOrder(row(1L, "p1"), row(2L, "p2"), row(1L, "p1b"));
        PageFilter buildValue11 = page -> {
            boolean[] result = new boolean[page.getPositionCount()];
            for (int i = 0; i < result.length; i++) {
                result[i] = BIGINT.getLong(page.getBlock(3), i) == 11;
            }
            return result;
        };
        assertThat(join(JoinType.SEMI, Optional.of(buildValue11)))
                .as("the second candidate of key 1 passes")
                .containsExactlyInAnyOrder(row(1L, "p1"), row(1L, "p1b"));
    }

    @Test
    void antiJoinKeepsProbeRowsWithoutMatchIncludingNullKeys()
    {
        assertThat(join(JoinType.ANTI, Optional.empty()))
                .as("NOT EXISTS: a NULL key has no match, so it is kept")
                .containsExactlyInAnyOrder(row(null, "pnull"), row(3L, "p3"));
        assertThat(join(JoinType.ANTI, Optional.of(BUILD_VALUE_EVEN)))
                .containsExactlyInAnyOrder(row(null, "pnull"), row(3L, "p3"));
        PageFilter never = page -> new boolean[page.getPositionCount()];
        assertThat(join(JoinType.ANTI, Optional.of(never)))
                .containsExactlyInAnyOrder(row(1L, "p1"), row(2L, "p2"), row(null, "pnull"), row(3L, "p3"), row(1L, "p1b"));
    }

    @Test
    void rightSemiAndRightAntiEmitTheBuildRowsThatMatchedOrNot()
    {
        // the swapped EXISTS: the build side holds the rows being filtered, the probe streams the subquery
        List<Type> buildOnly = BUILD_TYPES;
        HashJoinOperator semi = new HashJoinOperator(probe(), build(), List.of(0), List.of(0), JoinType.RIGHT_SEMI, Optional.empty(),
                List.of(), List.of(0, 1), PROBE_TYPES, BUILD_TYPES, MemoryBudget.unlimited());
        assertThat(drain(semi, buildOnly)).as("each matched build row once, however many probe rows match it")
                .containsExactlyInAnyOrder(row(1L, 10L), row(1L, 11L), row(2L, 20L));
        HashJoinOperator anti = new HashJoinOperator(probe(), build(), List.of(0), List.of(0), JoinType.RIGHT_ANTI, Optional.empty(),
                List.of(), List.of(0, 1), PROBE_TYPES, BUILD_TYPES, MemoryBudget.unlimited());
        assertThat(drain(anti, buildOnly)).as("a NULL key matches nothing, so it is kept")
                .containsExactlyInAnyOrder(row(null, 99L), row(4L, 40L));
        HashJoinOperator filtered = new HashJoinOperator(probe(), build(), List.of(0), List.of(0), JoinType.RIGHT_SEMI, Optional.of(BUILD_VALUE_EVEN),
                List.of(), List.of(0, 1), PROBE_TYPES, BUILD_TYPES, MemoryBudget.unlimited());
        assertThat(drain(filtered, buildOnly)).as("the filter decides whether a build row matched")
                .containsExactlyInAnyOrder(row(1L, 10L), row(2L, 20L));
    }

    @Test
    void nullAwareAntiJoinReturnsNothingWhenTheBuildSideHasANull()
    {
        assertThat(join(JoinType.NULL_AWARE_ANTI, Optional.empty()))
                .as("x NOT IN (1, 1, NULL, 2, 4) is never true")
                .isEmpty();
    }

    @Test
    void nullAwareAntiJoinDropsNullProbeKeysAgainstNonEmptyBuild()
    {
        Operator build = values(page(BUILD_TYPES, row(1L, 10L), row(2L, 20L)));
        assertThat(join(probe(), build, JoinType.NULL_AWARE_ANTI, Optional.empty()))
                .as("3 NOT IN (1, 2) is true; NULL NOT IN (1, 2) is NULL")
                .containsExactly(row(3L, "p3"));
    }

    @Test
    void nullAwareAntiJoinKeepsEverythingAgainstEmptyBuild()
    {
        assertThat(join(probe(), values(), JoinType.NULL_AWARE_ANTI, Optional.empty()))
                .as("anything NOT IN () is true, even NULL")
                .containsExactlyInAnyOrder(row(1L, "p1"), row(2L, "p2"), row(null, "pnull"), row(3L, "p3"), row(1L, "p1b"));
    }

    @Test
    void nullAwareAntiJoinOnlyCountsBuildRowsThatPassTheFilter()
    {
        PageFilter buildValueBelow50 = page -> {
            boolean[] result = new boolean[page.getPositionCount()];
            for (int i = 0; i < result.length; i++) {
                result[i] = BIGINT.getLong(page.getBlock(3), i) < 50;
            }
            return result;
        };
        assertThat(join(JoinType.NULL_AWARE_ANTI, Optional.of(buildValueBelow50)))
                .as("the NULL build key (value 99) is filtered out; NULL probe key still meets passing rows")
                .containsExactlyInAnyOrder(row(3L, "p3"));
        PageFilter never = page -> new boolean[page.getPositionCount()];
        assertThat(join(JoinType.NULL_AWARE_ANTI, Optional.of(never)))
                .as("with every build row filtered out the set is empty")
                .containsExactlyInAnyOrder(row(1L, "p1"), row(2L, "p2"), row(null, "pnull"), row(3L, "p3"), row(1L, "p1b"));
    }

    @Test
    void emptyBuildSideForEachJoinType()
    {
        assertThat(join(probe(), values(), JoinType.INNER, Optional.empty())).isEmpty();
        assertThat(join(probe(), values(), JoinType.SEMI, Optional.empty())).isEmpty();
        assertThat(join(probe(), values(), JoinType.RIGHT, Optional.empty())).isEmpty();
        assertThat(join(probe(), values(), JoinType.LEFT, Optional.empty()))
                .containsExactlyInAnyOrder(row(1L, "p1", null, null), row(2L, "p2", null, null), row(null, "pnull", null, null), row(3L, "p3", null, null), row(1L, "p1b", null, null));
        assertThat(join(probe(), values(), JoinType.ANTI, Optional.empty())).hasSize(5);
        assertThat(join(values(), build(), JoinType.FULL, Optional.empty()))
                .as("empty probe: full join is all build rows")
                .containsExactlyInAnyOrder(row(null, null, 1L, 10L), row(null, null, 1L, 11L), row(null, null, null, 99L), row(null, null, 2L, 20L), row(null, null, 4L, 40L));
    }

    @Test
    void multiColumnVarcharAndDecimalKeys()
    {
        DecimalType decimal = DecimalType.createDecimalType(20, 2);
        List<Type> probeTypes = List.of(VARCHAR, decimal, BIGINT);
        List<Type> buildTypes = List.of(decimal, VARCHAR);
        Operator probe = values(page(probeTypes, row("a", decimal("1.50"), 1L), row("a", decimal("2.50"), 2L), row("b", decimal("1.50"), 3L), row(null, decimal("1.50"), 4L)));
        Operator build = values(page(buildTypes, row(decimal("1.50"), "a"), row(decimal("1.50"), "b"), row(decimal("1.50"), null), row(decimal("1.50"), "a")));
        HashJoinOperator join = new HashJoinOperator(probe, build, List.of(0, 1), List.of(1, 0), JoinType.INNER, Optional.empty(),
                List.of(2), List.of(1, 0), probeTypes, buildTypes, MemoryBudget.unlimited());

        assertThat(drain(join, List.of(BIGINT, VARCHAR, decimal)))
                .as("chosen output channels in the given order")
                .containsExactlyInAnyOrder(row(1L, "a", decimal("1.50")), row(1L, "a", decimal("1.50")), row(3L, "b", decimal("1.50")));
    }

    @Test
    void zeroKeysIsACrossJoinSpanningSeveralOutputPages()
    {
        List<List<Object>> probeRows = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            probeRows.add(row(i, "p" + i));
        }
        List<List<Object>> buildRows = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            buildRows.add(row(i, i * 2));
        }
        HashJoinOperator cross = new HashJoinOperator(values(page(PROBE_TYPES, probeRows)), values(page(BUILD_TYPES, buildRows)),
                List.of(), List.of(), JoinType.INNER, Optional.empty(), List.of(0), List.of(1), PROBE_TYPES, BUILD_TYPES, MemoryBudget.unlimited());

        List<List<Object>> expected = new ArrayList<>();
        for (long p = 0; p < 300; p++) {
            for (long b = 0; b < 100; b++) {
                expected.add(row(p, b * 2));
            }
        }
        assertThat(drain(cross, List.of(BIGINT, BIGINT))).as("30,000 pairs").containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void zeroKeysWithFilterIsANonEquiJoinAndSupportsOuterJoins()
    {
        PageFilter probeKeyBelowBuildKey = page -> {
            boolean[] result = new boolean[page.getPositionCount()];
            for (int i = 0; i < result.length; i++) {
                result[i] = !page.getBlock(0).isNull(i) && !page.getBlock(2).isNull(i) && BIGINT.getLong(page.getBlock(0), i) < BIGINT.getLong(page.getBlock(2), i);
            }
            return result;
        };
        HashJoinOperator left = new HashJoinOperator(probe(), build(), List.of(), List.of(), JoinType.LEFT, Optional.of(probeKeyBelowBuildKey),
                List.of(1), List.of(0), PROBE_TYPES, BUILD_TYPES, MemoryBudget.unlimited());

        assertThat(drain(left, List.of(VARCHAR, BIGINT)))
                .containsExactlyInAnyOrder(
                        row("p1", 2L), row("p1", 4L), row("p2", 4L), row("pnull", null), row("p3", 4L), row("p1b", 2L), row("p1b", 4L));
    }

    @Test
    void integerProbeKeysJoinBigintBuildKeysAndDoubleKeysUseSqlEquality()
    {
        List<Type> probeTypes = List.of(INTEGER, DOUBLE);
        List<Type> buildTypes = List.of(BIGINT, DOUBLE, VARCHAR);
        Operator probe = values(page(probeTypes, row(1L, 0.0), row(2L, -0.0), row(3L, Double.NaN)));
        Operator build = values(page(buildTypes, row(1L, -0.0, "one"), row(2L, 0.0, "two"), row(3L, 1.0, "three")));
        HashJoinOperator join = new HashJoinOperator(probe, build, List.of(0, 1), List.of(0, 1), JoinType.INNER, Optional.empty(),
                List.of(0), List.of(2), probeTypes, buildTypes, MemoryBudget.unlimited());
        assertThat(drain(join, List.of(INTEGER, VARCHAR)))
                .as("0.0 = -0.0")
                .containsExactlyInAnyOrder(row(1L, "one"), row(2L, "two"));

        HashJoinOperator longKeys = new HashJoinOperator(values(page(List.of(INTEGER), row(5L), row(6L))), values(page(List.of(BIGINT), row(6L), row(7L))),
                List.of(0), List.of(0), JoinType.LEFT, Optional.empty(), List.of(0), List.of(0), List.of(INTEGER), List.of(BIGINT), MemoryBudget.unlimited());
        assertThat(drain(longKeys, List.of(INTEGER, BIGINT))).containsExactlyInAnyOrder(row(5L, null), row(6L, 6L));
    }

    @Test
    void buildSideLargerThanTheBudgetFails()
    {
        List<List<Object>> buildRows = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            buildRows.add(row(i, i));
        }
        MemoryBudget budget = new MemoryBudget(500_000);
        HashJoinOperator join = new HashJoinOperator(probe(), values(page(BUILD_TYPES, buildRows)), List.of(0), List.of(0), JoinType.INNER, Optional.empty(),
                List.of(0), List.of(1), PROBE_TYPES, BUILD_TYPES, budget);

        assertThatThrownBy(() -> drain(join, List.of(BIGINT, BIGINT)))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_MEMORY_LIMIT))
                .hasMessageContaining("hash join build side");
        assertThat(budget.reservedBytes()).as("freed on close").isZero();
    }

    @Test
    void manyProbeRowsAgainstLongKeysAcrossPages()
    {
        List<Page> probePages = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int pageIndex = 0; pageIndex < 3; pageIndex++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long i = 0; i < 10_000; i++) {
                long key = pageIndex * 10_000 + i;
                rows.add(row(key, "p"));
                if (key % 3 == 0) {
                    expected.add(row(key, key * 7));
                }
            }
            probePages.add(page(PROBE_TYPES, rows));
        }
        List<List<Object>> buildRows = new ArrayList<>();
        for (long key = 0; key < 30_000; key += 3) {
            buildRows.add(row(key, key * 7));
        }
        HashJoinOperator join = new HashJoinOperator(new ValuesOperator(probePages), values(page(BUILD_TYPES, buildRows)), List.of(0), List.of(0),
                JoinType.INNER, Optional.empty(), List.of(0), List.of(1), PROBE_TYPES, BUILD_TYPES, MemoryBudget.unlimited());

        assertThat(drain(join, List.of(BIGINT, BIGINT))).containsExactlyInAnyOrderElementsOf(expected);
    }
    // two-key join: probe (a INTEGER, b BIGINT, tag VARCHAR) against build (b BIGINT, a BIGINT, value BIGINT)
    private static final List<Type> TWO_KEY_PROBE = List.of(INTEGER, BIGINT, VARCHAR);
    private static final List<Type> TWO_KEY_BUILD = List.of(BIGINT, BIGINT, BIGINT);

    private static Operator twoKeyProbe()
    {
        return values(
                page(TWO_KEY_PROBE, row(1, 10L, "p1"), row(1, 11L, "p2"), row(null, 10L, "pnull-a"), row(2, null, "pnull-b")),
                page(TWO_KEY_PROBE, row(2, 20L, "p3"), row(3, 30L, "p4"), row(1, 10L, "p5")));
    }

    private static Operator twoKeyBuild()
    {
        return values(
                page(TWO_KEY_BUILD, row(10L, 1L, 100L), row(10L, 1L, 101L), row(11L, 2L, 102L), row(null, 1L, 103L)),
                page(TWO_KEY_BUILD, row(20L, 2L, 104L), row(10L, null, 105L), row(30L, 4L, 106L)));
    }

    private static List<List<Object>> twoKeyJoin(JoinType joinType)
    {
        boolean probeOnly = joinType == JoinType.SEMI || joinType == JoinType.ANTI;
        HashJoinOperator operator = new HashJoinOperator(twoKeyProbe(), twoKeyBuild(), List.of(0, 1), List.of(1, 0), joinType, Optional.empty(),
                List.of(2), probeOnly ? List.of() : List.of(2), TWO_KEY_PROBE, TWO_KEY_BUILD, MemoryBudget.unlimited());
        return drain(operator, probeOnly ? List.of(VARCHAR) : List.of(VARCHAR, BIGINT));
    }

    @Test
    void twoLongKeysMatchOnlyWhenBothKeysAreEqualAndNeitherIsNull()
    {
        assertThat(twoKeyJoin(JoinType.INNER))
                .as("(1,10) matches the two build rows with (a=1,b=10); a NULL in either key never matches; (1,11) and (3,30) differ in one key")
                .containsExactlyInAnyOrder(
                        row("p1", 100L), row("p1", 101L),
                        row("p5", 100L), row("p5", 101L),
                        row("p3", 104L));
        assertThat(twoKeyJoin(JoinType.LEFT))
                .as("unmatched probe rows, including those with a NULL key, keep NULL build columns")
                .containsExactlyInAnyOrder(
                        row("p1", 100L), row("p1", 101L),
                        row("p5", 100L), row("p5", 101L),
                        row("p3", 104L),
                        row("p2", null), row("pnull-a", null), row("pnull-b", null), row("p4", null));
        assertThat(twoKeyJoin(JoinType.SEMI))
                .as("each probe row with a match once, despite duplicate build rows")
                .containsExactlyInAnyOrder(row("p1"), row("p5"), row("p3"));
        assertThat(twoKeyJoin(JoinType.ANTI))
                .as("probe rows without a match, NULL keys included")
                .containsExactlyInAnyOrder(row("p2"), row("pnull-a"), row("pnull-b"), row("p4"));
    }

    @Test
    void twoLongKeysRightJoinKeepsUnmatchedBuildRowsWithNullKeys()
    {
        assertThat(twoKeyJoin(JoinType.RIGHT))
                .as("build rows with a NULL in either key or no partner come back with NULL probe columns")
                .containsExactlyInAnyOrder(
                        row("p1", 100L), row("p1", 101L),
                        row("p5", 100L), row("p5", 101L),
                        row("p3", 104L),
                        row(null, 102L), row(null, 103L), row(null, 105L), row(null, 106L));
    }

    @Test
    void threeLongKeysWithDateAndShortDecimalAndResidualFilter()
    {
        DecimalType decimal = DecimalType.createDecimalType(10, 2);
        List<Type> probeTypes = List.of(BIGINT, DATE, decimal, VARCHAR);
        List<Type> buildTypes = List.of(decimal, BIGINT, DATE, BIGINT);
        Operator probe = values(page(probeTypes,
                row(1L, 100L, decimal("1.50"), "match"),
                row(1L, 100L, decimal("1.51"), "decimal differs"),
                row(1L, 101L, decimal("1.50"), "date differs"),
                row(2L, 100L, decimal("1.50"), "first differs"),
                row(1L, null, decimal("1.50"), "null date"),
                row(3L, 300L, decimal("3.00"), "filtered")));
        Operator build = values(page(buildTypes,
                row(decimal("1.50"), 1L, 100L, 2L),
                row(decimal("1.50"), 1L, 100L, 4L),
                row(decimal("1.50"), 1L, null, 6L),
                row(decimal("3.00"), 3L, 300L, 7L)));
        PageFilter buildValueEven = page -> {
            Block block = page.getBlock(probeTypes.size() + 3);
            boolean[] result = new boolean[page.getPositionCount()];
            for (int i = 0; i < result.length; i++) {
                result[i] = BIGINT.getLong(block, i) % 2 == 0;
            }
            return result;
        };

        HashJoinOperator inner = new HashJoinOperator(probe, build, List.of(0, 1, 2), List.of(1, 2, 0), JoinType.INNER, Optional.of(buildValueEven),
                List.of(3), List.of(3), probeTypes, buildTypes, MemoryBudget.unlimited());
        assertThat(drain(inner, List.of(VARCHAR, BIGINT)))
                .as("all three keys equal and the build value even")
                .containsExactlyInAnyOrder(row("match", 2L), row("match", 4L));

        HashJoinOperator anti = new HashJoinOperator(values(page(probeTypes,
                row(1L, 100L, decimal("1.50"), "match"),
                row(1L, null, decimal("1.50"), "null date"),
                row(3L, 300L, decimal("3.00"), "filtered"))),
                values(page(buildTypes,
                        row(decimal("1.50"), 1L, 100L, 2L),
                        row(decimal("1.50"), 1L, null, 6L),
                        row(decimal("3.00"), 3L, 300L, 7L))),
                List.of(0, 1, 2), List.of(1, 2, 0), JoinType.ANTI, Optional.of(buildValueEven),
                List.of(3), List.of(), probeTypes, buildTypes, MemoryBudget.unlimited());
        assertThat(drain(anti, List.of(VARCHAR)))
                .as("a key match whose filter fails is no match")
                .containsExactlyInAnyOrder(row("null date"), row("filtered"));
    }

    @Test
    void manyProbeRowsAgainstTwoLongKeysWithDuplicatesAcrossPages()
    {
        List<Type> probeTypes = List.of(BIGINT, INTEGER);
        List<Type> buildTypes = List.of(INTEGER, BIGINT, BIGINT);
        List<Page> probePages = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int pageIndex = 0; pageIndex < 3; pageIndex++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long i = 0; i < 10_000; i++) {
                long part = pageIndex * 10_000 + i;
                int supplier = (int) (part % 7);
                rows.add(row(part, supplier));
                if (part % 3 == 0) {
                    expected.add(row(part, part * 7));
                    expected.add(row(part, part * 7 + 1));
                }
            }
            probePages.add(page(probeTypes, rows));
        }
        List<List<Object>> buildRows = new ArrayList<>();
        for (long part = 0; part < 30_000; part += 3) {
            buildRows.add(row((int) (part % 7), part, part * 7));
            buildRows.add(row((int) ((part + 1) % 7), part, -1L));
            buildRows.add(row((int) (part % 7), part, part * 7 + 1));
        }
        HashJoinOperator join = new HashJoinOperator(new ValuesOperator(probePages), values(page(buildTypes, buildRows)), List.of(0, 1), List.of(1, 0),
                JoinType.INNER, Optional.empty(), List.of(0), List.of(2), probeTypes, buildTypes, MemoryBudget.unlimited());

        assertThat(drain(join, List.of(BIGINT, BIGINT)))
                .as("both duplicates of each (part, supplier) pair; the row with another supplier never")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void sharedLookupWithTwoLongKeysServesSeveralProbes()
    {
        HashJoinOperator.LookupSource lookup = HashJoinOperator.LookupSource.build(twoKeyBuild(), List.of(1, 0), TWO_KEY_BUILD,
                HashJoinOperator.usesLongKey(TWO_KEY_PROBE, List.of(0, 1), TWO_KEY_BUILD, List.of(1, 0)), MemoryBudget.unlimited());
        for (int probe = 0; probe < 2; probe++) {
            HashJoinOperator join = new HashJoinOperator(twoKeyProbe(), () -> lookup, List.of(0, 1), List.of(1, 0), JoinType.INNER, Optional.empty(),
                    List.of(2), List.of(2), TWO_KEY_PROBE, TWO_KEY_BUILD, MemoryBudget.unlimited());
            assertThat(drain(join, List.of(VARCHAR, BIGINT)))
                    .as("probe %s over the shared two-key table", probe)
                    .containsExactlyInAnyOrder(
                            row("p1", 100L), row("p1", 101L),
                            row("p5", 100L), row("p5", 101L),
                            row("p3", 104L));
        }
        lookup.close();
    }
}
