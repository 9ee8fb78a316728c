package io.trawl.testing.partition;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.error.TrawlException;
import io.trawl.scan.LakeScanProvider;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.s3.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Partition projection on S3 (the in-process S3 server): a non-Hive {@code storage.location.template} with an
 * enum key and an injected key; projected prefixes that hold no objects read as empty; answers checked against
 * DuckDB over the same Parquet files.
 */
class PartitionProjectionS3Test
{
    @TempDir
    Path home;
    @TempDir
    Path local;

    @Test
    void enumAndInjectedKeysOnS3ReadOnlyTheProjectedPrefixes()
            throws IOException
    {
        S3TestServer server = S3TestServer.shared();
        URI root = server.location("projection-" + UUID.randomUUID() + "/");
        try (DuckDbOracle oracle = DuckDbOracle.open()) {
            for (String region : List.of("eu", "us", "ap")) {
                for (String device : List.of("d1", "d2")) {
                    Path folder = Files.createDirectories(local.resolve(region).resolve("dev-" + device));
                    oracle.execute("COPY (SELECT i AS id, '%s' AS origin, '%s' AS dev FROM range(0, %d) t(i)) TO '%s' (FORMAT PARQUET)"
                            .formatted(region, device, 10 + region.length() * device.hashCode() % 7, folder.resolve("part.parquet")));
                }
            }
            server.upload(local, root);
            QueryEngine engine = new QueryEngine(new LocalCatalogStore(home), LakeScanProvider.create(server.store()), EngineConfig.defaults());
            Session session = Session.defaults();
            engine.execute("""
                    CREATE EXTERNAL TABLE events (id bigint, origin string, dev string) PARTITIONED BY (region string, device string)
                    STORED AS PARQUET LOCATION '%1$s'
                    TBLPROPERTIES ('projection.enabled' = 'true', 'projection.region.type' = 'enum', 'projection.region.values' = 'eu,us,sa',
                      'projection.device.type' = 'injected', 'storage.location.template' = '%1$s${region}/dev-${device}/')""".formatted(root), session);

            String sql = "SELECT region, device, origin, dev, count(*), sum(id) FROM events WHERE device IN ('d1', 'd2', 'd9') GROUP BY region, device, origin, dev";
            QueryResult result = engine.execute(sql, session);
            List<List<Object>> expected = oracle.query("""
                    SELECT origin AS region, dev AS device, origin, dev, count(*), sum(id) FROM read_parquet('%s/*/*/part.parquet')
                    WHERE origin IN ('eu', 'us') GROUP BY ALL""".formatted(local));
            ResultComparison.assertMatches(sql, result.columns(), TrawlRows.toRows(result), expected, false);
            assertThat(TrawlRows.toRows(result)).as("eu and us, two devices each; sa and d9 have no objects, ap is not projected").hasSize(4);

            assertThatThrownBy(() -> engine.execute("SELECT count(*) FROM events WHERE region = 'eu'", session))
                    .isInstanceOf(TrawlException.class).hasMessageContaining("For the injected projected partition column device");
        }
    }
}
