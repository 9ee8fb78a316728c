package io.trawl.engine.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlift.slice.Slices;
import io.trawl.billing.PricingPolicy;
import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.plan.Symbol;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.scan.ScanEstimate;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class IoPlanJsonTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Table EVENTS = new Table("lake", "events", "me", Table.EXTERNAL_TABLE, Map.of(),
            new StorageDescriptor(List.of(new Column("id", "bigint"), new Column("kind", "string")), "file:///lake/events/", "in", "out", new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of()), false),
            List.of(), Optional.empty(), 1);

    @Test
    void rendersTrinosIoPlanWithTheDryRunsBytesAndCost()
            throws Exception
    {
        TupleDomain<String> domain = TupleDomain.withColumnDomains(Map.of(
                "kind", Domain.create(ValueSet.of(VARCHAR, Slices.utf8Slice("click"), Slices.utf8Slice("view")), false),
                "id", Domain.create(ValueSet.ofRanges(Range.greaterThan(BIGINT, 100L)), true)));
        TableScanNode scan = new TableScanNode(EVENTS, List.of(new Symbol("id", BIGINT), new Symbol("kind", VARCHAR)), List.of("id", "kind"), domain);
        QueryEstimate estimate = new QueryEstimate(List.of(
                new TableScanEstimate(scan, new ScanEstimate(30L << 20, 5_000, 5_000, 3, 4, OptionalLong.of(1_000))),
                new TableScanEstimate(scan, new ScanEstimate((30L << 20) - 5_000, 0, 0, 3, 4, OptionalLong.of(1_000)))));

        JsonNode plan = JSON.readTree(IoPlanJson.render(estimate, PricingPolicy.defaults()));

        assertThat(plan.get("inputTableColumnInfos")).as("one entry per scan: the table is read twice").hasSize(2);
        assertThat(plan.get("inputTableColumnInfos").get(0)).isEqualTo(JSON.readTree("""
                {"table": {"catalog": "awsdatacatalog", "schemaTable": {"schema": "lake", "table": "events"}},
                 "columns": ["id", "kind"],
                 "constraint": {"none": false, "columnConstraints": [
                   {"columnName": "id", "type": "bigint", "domain": {"nullsAllowed": true,
                     "ranges": [{"low": {"value": "100", "bound": "ABOVE"}, "high": {"bound": "BELOW"}}]}},
                   {"columnName": "kind", "type": "varchar", "domain": {"nullsAllowed": false,
                     "ranges": [{"low": {"value": "click", "bound": "EXACTLY"}, "high": {"value": "click", "bound": "EXACTLY"}},
                                {"low": {"value": "view", "bound": "EXACTLY"}, "high": {"value": "view", "bound": "EXACTLY"}}]}}]},
                 "estimate": {"outputRowCount": 1000.0, "outputSizeInBytes": "NaN", "cpuCost": "NaN", "maxMemory": "NaN", "networkCost": "NaN"},
                 "bytesScanned": 31457280, "footerBytes": 5000, "metadataBytesRead": 5000, "files": 3, "splits": 4}"""));
        assertThat(plan.get("bytesScanned").asLong()).isEqualTo((60L << 20) - 5_000);
        assertThat(plan.get("billedBytes").asLong()).as("rounded up to whole megabytes").isEqualTo(60L << 20);
        assertThat(plan.get("cost").decimalValue()).as("60 MB at $5 per TB").isEqualByComparingTo("0.0002861023");
        assertThat(plan.get("currency").asText()).isEqualTo("USD");
        assertThat(plan.get("metadataBytesRead").asLong()).isEqualTo(5_000);
        assertThat(plan.get("estimate").get("outputRowCount").asText()).isEqualTo("NaN");
    }

    @Test
    void aScanThatCanMatchNothingHasNoneConstraintAndANoScanQueryIsBilledTheMinimum()
            throws Exception
    {
        TableScanNode scan = new TableScanNode(EVENTS, List.of(new Symbol("id", BIGINT)), List.of("id"), TupleDomain.none());
        JsonNode withScan = JSON.readTree(IoPlanJson.render(new QueryEstimate(List.of(
                new TableScanEstimate(scan, new ScanEstimate(0, 0, 0, 0, 0, OptionalLong.empty())))), PricingPolicy.defaults()));
        JsonNode noScan = JSON.readTree(IoPlanJson.render(new QueryEstimate(List.of()), PricingPolicy.defaults()));

        assertThat(withScan.get("inputTableColumnInfos").get(0).get("constraint")).isEqualTo(JSON.readTree("""
                {"none": true, "columnConstraints": []}"""));
        assertThat(withScan.get("inputTableColumnInfos").get(0).get("estimate").get("outputRowCount").asText()).as("unknown row count").isEqualTo("NaN");
        assertThat(noScan.get("bytesScanned").asLong()).isZero();
        assertThat(noScan.get("billedBytes").asLong()).as("Athena's 10 MB minimum").isEqualTo(10L << 20);
    }
}
