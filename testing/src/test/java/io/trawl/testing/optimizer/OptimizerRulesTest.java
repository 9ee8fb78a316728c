package io.trawl.testing.optimizer;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.ddl.LocationValidator;
import io.trawl.engine.optimizer.Optimizer;
import io.trawl.scan.LakeScanProvider;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchQueries;
import io.trawl.testing.tpch.TpchTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every optimizer pass fires on the plan shape it is for, and switching it off never changes an answer:
 * all 22 TPC-H queries give the same rows with each pass disabled as with all passes on.
 */
class OptimizerRulesTest
{
    private static final double SCALE_FACTOR = TpchLake.DEFAULT_SCALE_FACTOR;
    private static Path dataDirectory;

    @BeforeAll
    static void generateData()
    {
        dataDirectory = TpchLake.dataDirectory(SCALE_FACTOR, TpchFormat.PARQUET);
    }

    private static Engine engine(Set<String> disabled)
    {
        try {
            Path home = Files.createTempDirectory("trawl-optimizer-test");
            QueryEngine engine = new QueryEngine(new LocalCatalogStore(home.resolve("catalog")), LakeScanProvider.forLocalFiles(), EngineConfig.defaults(),
                    LocationValidator.localFiles(), disabled);
            Session session = TpchTables.registerTables(engine, Session.defaults(), TpchLake.SCHEMA, dataDirectory, TpchFormat.PARQUET);
            return new Engine(engine, session);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Engine(QueryEngine engine, Session session)
    {
        QueryResult run(String sql)
        {
            return engine.execute(sql, session);
        }

        String explain(String sql)
        {
            QueryResult result = run("EXPLAIN " + sql);
            return TrawlRows.toRows(result).getFirst().getFirst().toString();
        }
    }

    static Stream<String> passes()
    {
        return Optimizer.passNames().stream();
    }

    @ParameterizedTest
    @MethodSource("passes")
    void disablingAPassNeverChangesAnAnswer(String pass)
    {
        Engine all = engine(Set.of());
        Engine without = engine(Set.of(pass));
        IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT).forEach(query -> {
            String sql = TpchQueries.query(query, SCALE_FACTOR);
            QueryResult expected = all.run(sql);
            QueryResult actual = without.run(sql);
            ResultComparison.assertMatches("Q%d without %s".formatted(query, pass), actual.columns(), TrawlRows.toRows(actual), TrawlRows.toRows(expected), TpchQueries.sortKeys(query));
        });
    }

    @Test
    void mergeLimitWithSortTurnsOrderByLimitIntoTopN()
    {
        String q3 = TpchQueries.query(3, SCALE_FACTOR);
        assertThat(engine(Set.of()).explain(q3)).contains("TopN[10");
        assertThat(engine(Set.of("MergeLimitWithSort")).explain(q3)).doesNotContain("TopN").contains("Limit[");
        assertThat(engine(Set.of()).explain(TpchQueries.query(1, SCALE_FACTOR))).as("no LIMIT, no top-N").doesNotContain("TopN");
    }

    @Test
    void pushPredicateIntoScanGivesTheReaderColumnDomainsAndSkipsRowGroups()
    {
        String q6 = TpchQueries.query(6, SCALE_FACTOR);
        assertThat(engine(Set.of()).explain(q6)).contains("domain=").contains("l_shipdate");
        assertThat(engine(Set.of("PushPredicateIntoScan")).explain(q6)).doesNotContain("domain=");
        assertThat(engine(Set.of()).explain("SELECT count(*) FROM lineitem WHERE l_comment LIKE '%x%'")).as("LIKE gives no domain").doesNotContain("domain=");
    }

    @Test
    void pruneColumnsReadsOnlyTheColumnsAQueryUses()
    {
        String sql = "SELECT sum(l_quantity) FROM lineitem";
        long pruned = engine(Set.of()).run(sql).bytesScanned();
        long unpruned = engine(Set.of("PruneColumns")).run(sql).bytesScanned();
        assertThat(pruned).as("one column of sixteen").isGreaterThan(0).isLessThan(unpruned / 4);
    }

    @Test
    void splitAggregationRunsAPartialStepInScanTasksUnlessKeysAreNearlyUnique()
    {
        Engine engine = engine(Set.of());
        assertThat(engine.explain(TpchQueries.query(1, SCALE_FACTOR))).contains("Aggregate(PARTIAL)").contains("Aggregate(FINAL)");
        assertThat(engine.explain("SELECT l_orderkey, sum(l_quantity) FROM lineitem GROUP BY l_orderkey")).as("l_orderkey is nearly unique per row group")
                .doesNotContain("PARTIAL");
        assertThat(engine.explain("SELECT count(DISTINCT l_suppkey) FROM lineitem")).as("DISTINCT aggregates stay in one step").doesNotContain("PARTIAL");
        assertThat(engine(Set.of("SplitAggregation")).explain(TpchQueries.query(1, SCALE_FACTOR))).doesNotContain("PARTIAL");
    }

    @Test
    void countOverAnEmptyTableIsZeroAfterTheSplit()
    {
        Engine engine = engine(Set.of());
        QueryResult result = engine.run("SELECT count(*), count(l_orderkey), sum(l_quantity), avg(l_quantity) FROM lineitem WHERE l_quantity < 0");
        assertThat(TrawlRows.toRows(result).getFirst()).containsExactly(0L, 0L, null, null);
    }
}
