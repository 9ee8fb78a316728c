package io.trawl.testing.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trawl.billing.PricingPolicy;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trawl.engine.dryrun.QueryEstimate;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchQueries;
import io.trawl.testing.tpch.TpchTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dry run against the bill: for every TPC-H query on Parquet, the bytes estimated before the query runs
 * (from footers and statistics) against the bytes the query is then billed for. Each side runs on its own new
 * scan provider, so neither finds footers in a cache the other filled.
 */
class TpchDryRunTest
{
    // at SF 0.01 Q17 reads no lineitem at all (see estimateCountsScansThatAnEmptyJoinSideSkipsAtRunTime)
    private static final double SCALE_FACTOR = 0.1;

    @TempDir
    static Path home;

    private static CatalogStore catalog;
    private static Session session;

    @BeforeAll
    static void registerTables()
    {
        Path data = TpchLake.dataDirectory(SCALE_FACTOR, TpchFormat.PARQUET);
        catalog = new LocalCatalogStore(home.resolve("catalog"));
        session = TpchTables.registerTables(freshEngine(), Session.defaults(), TpchLake.SCHEMA, data, TpchFormat.PARQUET);
    }

    static IntStream queryNumbers()
    {
        return IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queryNumbers")
    void estimateIsWithinTenPercentOfTheBytesScanned(int query)
    {
        String sql = TpchQueries.query(query, SCALE_FACTOR);
        QueryEstimate estimate = freshEngine().estimate(sql, session);
        long actual = freshEngine().execute(sql, session).bytesScanned();

        assertThat(actual).as("Q%d reads data", query).isPositive();
        assertThat((double) estimate.bytesScanned())
                .as("Q%d: estimated %d bytes, scanned %d", query, estimate.bytesScanned(), actual)
                .isCloseTo(actual, within(actual * 0.10));
        assertThat(estimate.metadataBytesRead()).as("Q%d: the estimate read the footers", query).isPositive();
    }

    /**
     * At SF 0.01 no part is both Brand#23 and MED BOX, so Q17's joins have an empty build side and the engine
     * reads no lineitem chunk to probe it: the query reads part and lineitem's footers. That is decided by the
     * data, after the estimate; the estimate counts the lineitem scans, as it must for the query at any scale
     * where the part filter keeps a row.
     */
    @Test
    void estimateCountsScansThatAnEmptyJoinSideSkipsAtRunTime()
    {
        double tinyScale = TpchLake.DEFAULT_SCALE_FACTOR;
        String sql = TpchQueries.query(17, tinyScale);
        Session tinySession = TpchTables.registerTables(freshEngine(), Session.defaults(), "tpch_tiny", TpchLake.dataDirectory(tinyScale, TpchFormat.PARQUET), TpchFormat.PARQUET);

        QueryEstimate estimate = freshEngine().estimate(sql, tinySession);
        QueryResult result = freshEngine().execute(sql, tinySession);

        assertThat(TrawlRows.toRows(result)).as("no part matches the filter").containsExactly(java.util.Collections.singletonList(null));
        long partBytes = estimate.scans().stream().filter(scan -> scan.scan().table().name().equals("part")).mapToLong(scan -> scan.estimate().bytesScanned()).sum();
        long lineitemFooters = estimate.scans().stream().filter(scan -> scan.scan().table().name().equals("lineitem")).mapToLong(scan -> scan.estimate().footerBytes()).sum();
        assertThat(result.bytesScanned()).as("the part scans ran as estimated; with no part to join, the lineitem scans never even list their files")
                .isEqualTo(partBytes);
        assertThat(estimate.bytesScanned()).as("the lineitem chunks are counted").isGreaterThan(partBytes + lineitemFooters);
    }

    @Test
    void explainTypeIoIsFreeAndReportsTheEstimate()
            throws Exception
    {
        String sql = TpchQueries.query(6, SCALE_FACTOR);
        QueryEngine engine = freshEngine();
        QueryEstimate estimate = freshEngine().estimate(sql, session);

        QueryResult explain = engine.execute("EXPLAIN (TYPE IO) " + sql, session);

        assertThat(explain.kind()).isEqualTo(StatementKind.UTILITY);
        assertThat(explain.bytesScanned()).as("EXPLAIN (TYPE IO) is not billed").isZero();
        JsonNode plan = new ObjectMapper().readTree((String) TrawlRows.toRows(explain).getFirst().getFirst());
        PricingPolicy pricing = PricingPolicy.defaults();
        assertThat(plan.get("bytesScanned").asLong()).isEqualTo(estimate.bytesScanned());
        assertThat(plan.get("billedBytes").asLong()).isEqualTo(pricing.billedBytes(estimate.bytesScanned()).bytes());
        assertThat(plan.get("cost").decimalValue()).isEqualByComparingTo(pricing.cost(estimate.bytesScanned()));
        assertThat(plan.get("metadataBytesRead").asLong()).isEqualTo(estimate.metadataBytesRead());
        assertThat(plan.get("inputTableColumnInfos")).as("Q6 scans lineitem once").hasSize(1);
        JsonNode lineitem = plan.get("inputTableColumnInfos").get(0);
        ObjectMapper json = new ObjectMapper();
        assertThat(lineitem.get("table")).isEqualTo(json.readTree("""
                {"catalog": "awsdatacatalog", "schemaTable": {"schema": "tpch", "table": "lineitem"}}"""));
        assertThat(lineitem.get("columns")).extracting(JsonNode::asText).containsExactlyInAnyOrder("l_quantity", "l_extendedprice", "l_discount", "l_shipdate");
        assertThat(lineitem.get("constraint")).as("the pushed-down domain, as Trino formats it").isEqualTo(json.readTree("""
                {"none": false, "columnConstraints": [
                  {"columnName": "l_discount", "type": "decimal(15,2)", "domain": {"nullsAllowed": false,
                    "ranges": [{"low": {"value": "0.05", "bound": "EXACTLY"}, "high": {"value": "0.07", "bound": "EXACTLY"}}]}},
                  {"columnName": "l_quantity", "type": "decimal(15,2)", "domain": {"nullsAllowed": false,
                    "ranges": [{"low": {"bound": "ABOVE"}, "high": {"value": "24.00", "bound": "BELOW"}}]}},
                  {"columnName": "l_shipdate", "type": "date", "domain": {"nullsAllowed": false,
                    "ranges": [{"low": {"value": "1994-01-01", "bound": "EXACTLY"}, "high": {"value": "1995-01-01", "bound": "BELOW"}}]}}]}"""));
        assertThat(lineitem.get("estimate").get("outputRowCount").asDouble()).as("rows of lineitem's row groups").isEqualTo(600_572.0);
        assertThat(lineitem.get("estimate").get("cpuCost").asText()).as("not computed, as Trino shows it").isEqualTo("NaN");
        assertThat(lineitem.get("bytesScanned").asLong()).isEqualTo(estimate.bytesScanned());
        assertThat(lineitem.get("files").asLong()).isEqualTo(2);
    }

    private static QueryEngine freshEngine()
    {
        return new QueryEngine(catalog, new LakeScanProvider(new LocalObjectStore(), io.trawl.scan.ScanConfig.defaults()), EngineConfig.defaults());
    }
}
