package io.trawl.testing.dryrun;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.engine.dryrun.QueryEstimate;
import io.trawl.engine.scan.ScanEstimate;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.DuckDbOracle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dry runs over a table partitioned by year and region (six Hive folders written by DuckDB), reached the
 * three ways a scan finds partitions: folders discovered in storage, partitions registered in the catalog,
 * and partition projection. A predicate on the keys leaves one partition, and the estimate, like the scan,
 * reads only that partition's footers and counts only its file. Without a predicate on data columns no row
 * group is pruned by reading it, so the estimate is the bill to the byte.
 */
class PartitionedDryRunTest
{
    private static final String ONE_PARTITION = "SELECT sum(amount), count(*) FROM %s WHERE year = 2021 AND region = 'eu'";
    private static final String ALL_PARTITIONS = "SELECT sum(amount), count(*) FROM %s";

    @TempDir
    static Path root;

    private static CatalogStore catalog;
    private static Session session;

    @BeforeAll
    static void writeTables()
    {
        Path data = root.resolve("events");
        try (DuckDbOracle duckDb = DuckDbOracle.open()) {
            duckDb.execute("""
                    COPY (SELECT i AS id, CAST(i * 1.5 AS DOUBLE) AS amount, 'c' || (i %% 7) AS category, 2020 + (i %% 3) AS year, CASE WHEN i %% 2 = 0 THEN 'eu' ELSE 'us' END AS region
                          FROM range(0, 30000) t(i))
                    TO '%s' (FORMAT PARQUET, PARTITION_BY (year, region))""".formatted(data));
        }
        catalog = new LocalCatalogStore(root.resolve("catalog"));
        session = Session.defaults();
        QueryEngine engine = freshEngine();
        String columns = "(id bigint, amount double, category string) PARTITIONED BY (year int, region string) STORED AS PARQUET LOCATION '%s/'".formatted(data.toUri());
        engine.execute("CREATE EXTERNAL TABLE discovered " + columns, session);
        engine.execute("CREATE EXTERNAL TABLE registered " + columns, session);
        engine.execute("MSCK REPAIR TABLE registered", session);
        engine.execute("CREATE EXTERNAL TABLE projected " + columns + """
                 TBLPROPERTIES ('projection.enabled' = 'true',
                  'projection.year.type' = 'integer', 'projection.year.range' = '2020,2022',
                  'projection.region.type' = 'enum', 'projection.region.values' = 'eu,us')""", session);
    }

    @ParameterizedTest
    @ValueSource(strings = {"discovered", "registered", "projected"})
    void pruningToOnePartitionEstimatesOnlyItsFileAndMatchesTheBill(String table)
    {
        QueryEstimate onePartition = freshEngine().estimate(ONE_PARTITION.formatted(table), session);
        QueryEstimate allPartitions = freshEngine().estimate(ALL_PARTITIONS.formatted(table), session);
        long billed = freshEngine().execute(ONE_PARTITION.formatted(table), session).bytesScanned();

        ScanEstimate scan = onePartition.scans().getFirst().estimate();
        assertThat(scan.files()).as("%s: one of six partitions survives pruning", table).isEqualTo(1);
        assertThat(allPartitions.scans().getFirst().estimate().files()).as("%s: all six partitions", table).isEqualTo(6);
        assertThat(onePartition.bytesScanned()).as("%s: estimate equals the bill", table).isEqualTo(billed);
        assertThat(onePartition.bytesScanned()).as("%s: about a sixth of the whole table", table).isLessThan(allPartitions.bytesScanned() / 3);
        assertThat(onePartition.metadataBytesRead()).as("%s: only the surviving file's footer was read", table)
                .isEqualTo(scan.footerBytes())
                .isLessThan(allPartitions.metadataBytesRead() / 3);
    }

    private static QueryEngine freshEngine()
    {
        return new QueryEngine(catalog, LakeScanProvider.create(new LocalObjectStore()), EngineConfig.defaults());
    }
}
