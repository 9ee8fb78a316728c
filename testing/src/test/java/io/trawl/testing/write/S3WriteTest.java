package io.trawl.testing.write;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.engine.write.WriteLocations;
import io.trawl.error.TrawlException;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStoreLocationValidator;
import io.trawl.scan.store.ObjectStoreWriteStorage;
import io.trawl.scan.writer.LakeFileWriters;
import io.trawl.scan.store.RoutingObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.s3.S3TestServer;
import io.trino.spi.predicate.TupleDomain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.trawl.testing.QueryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes on S3 (an S3-compatible server in this process): staging under the target's prefix, publishing by
 * server-side copy and delete, partitions registered with their s3:// folders, the manifest written, and a failed
 * write leaving no object behind.
 */
class S3WriteTest
{
    private final S3TestServer server = S3TestServer.shared();
    private final RoutingObjectStore store = new RoutingObjectStore(new LocalObjectStore(), server::store);
    private Path home;
    private LocalCatalogStore catalog;
    private String prefix;
    private Session session = Session.defaults();
    private DuckDbOracle oracle;

    @BeforeEach
    void setUp()
            throws IOException
    {
        home = Files.createTempDirectory("trawl-s3-write");
        catalog = new LocalCatalogStore(home.resolve("catalog"));
        prefix = "writes/" + UUID.randomUUID() + "/";
        oracle = DuckDbOracle.open();
        Path source = home.resolve("src");
        Files.createDirectories(source);
        oracle.execute("COPY (SELECT i AS id, 'n' || i AS name, DATE '2024-03-01' + CAST(i %% 3 AS INTEGER) AS dt FROM range(0, 600) t(i)) TO '%s' (FORMAT PARQUET)"
                .formatted(source.resolve("data.parquet")));
        oracle.createParquetView("src", source);
        URI sourceOnS3 = server.upload(source, server.location(prefix + "src/"));
        session = engine().execute("CREATE EXTERNAL TABLE src (id bigint, name string, dt date) STORED AS PARQUET LOCATION '%s'".formatted(sourceOnS3), session).session();
    }

    @AfterEach
    void tearDown()
            throws IOException
    {
        oracle.close();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private QueryEngine engine()
    {
        return new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults().withTargetFileBytes(1), new ObjectStoreLocationValidator(store), Set.of())
                .withWriters(new LakeFileWriters(store), new ObjectStoreWriteStorage(store));
    }

    @Test
    void partitionedCtasAndInsertOnS3PublishByCopyAndRegisterS3Partitions()
            throws IOException
    {
        URI target = server.location(prefix + "parts/");
        QueryControl control = QueryControl.create();
        engine().execute("CREATE TABLE parts WITH (external_location = '%s', partitioned_by = ARRAY['dt']) AS SELECT id, name, dt FROM src WHERE id < 300".formatted(target),
                session, control, WriteLocations.none());
        QueryControl insert = QueryControl.create();
        URI output = server.location(prefix + "results/");
        engine().execute("INSERT INTO parts SELECT id, name, dt FROM src WHERE id >= 300", session, insert, WriteLocations.underOutputLocation(output, insert.queryId()));

        assertThat(engine().execute("SELECT * FROM parts", session)).matchesOracle(oracle, "SELECT * FROM src");
        List<String> keys = store.list(target).stream().map(object -> object.location().toString().substring(target.toString().length())).toList();
        assertThat(keys).as("only published files, in partition folders, none staged")
                .isNotEmpty()
                .allSatisfy(key -> assertThat(key).matches("dt=2024-03-0[123]/[^/]+\\.parquet"));
        assertThat(catalog.listPartitions("default", "parts", TupleDomain.all())).extracting(partition -> partition.storageDescriptor().location())
                .containsExactlyInAnyOrder(target + "dt=2024-03-01/", target + "dt=2024-03-02/", target + "dt=2024-03-03/");
        StoredObject manifest = store.stat(URI.create(output + insert.queryId() + "-manifest.csv"));
        byte[] content = store.readRange(manifest.location(), 0, (int) manifest.size());
        assertThat(new String(content, StandardCharsets.UTF_8).lines().toList()).as("the manifest names the INSERT's files")
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(line -> assertThat(line).startsWith(target.toString()).contains("/" + insert.queryId() + "_"));
    }

    @Test
    void aFailedCtasOnS3LeavesNoObjects()
    {
        URI target = server.location(prefix + "failed/");
        QueryEngine failing = new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults().withTargetFileBytes(1).withMaxWritePartitions(2),
                new ObjectStoreLocationValidator(store), Set.of())
                .withWriters(new LakeFileWriters(store), new ObjectStoreWriteStorage(store));

        assertThatThrownBy(() -> failing.execute("CREATE TABLE failed WITH (external_location = '%s', partitioned_by = ARRAY['dt']) AS SELECT id, dt FROM src".formatted(target), session))
                .isInstanceOf(TrawlException.class)
                .hasMessageContaining("HIVE_TOO_MANY_OPEN_PARTITIONS");
        assertThat(catalog.findTable("default", "failed")).isEmpty();
        assertThat(new ObjectStoreWriteStorage(store).list(target)).isEmpty();
        assertThat(TrawlRows.toRows(engine().execute("SELECT count(*) FROM src", session))).containsExactly(List.of(600L));
    }
}
