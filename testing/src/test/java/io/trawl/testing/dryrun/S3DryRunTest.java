package io.trawl.testing.dryrun;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.engine.dryrun.QueryEstimate;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStoreLocationValidator;
import io.trawl.scan.store.RoutingObjectStore;
import io.trawl.testing.s3.S3TestServer;
import io.trawl.testing.s3.TpchS3Lake;
import io.trawl.testing.tpch.TpchQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dry runs against the in-process S3 server (S3Proxy, the real S3 wire protocol): the estimate comes from the
 * same ranged GETs of footers, and is what the query is then billed on S3.
 */
class S3DryRunTest
{
    @TempDir
    static Path home;

    private static CatalogStore catalog;
    private static Session session;

    @BeforeAll
    static void registerTablesOnS3()
    {
        TpchS3Lake lake = TpchS3Lake.of(TpchFormat.PARQUET);
        catalog = new LocalCatalogStore(home.resolve("catalog"));
        QueryEngine engine = freshEngine();
        session = engine.execute("CREATE DATABASE IF NOT EXISTS tpch", Session.defaults()).session();
        for (String table : TpchGenerator.tableNames()) {
            session = engine.execute(TpchGenerator.createTableSql("tpch", table, lake.s3Location().resolve(table + "/"), TpchFormat.PARQUET), session).session();
        }
        session = session.withSchema("tpch");
    }

    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {3, 9})
    void estimateOnS3IsTheBillOnS3(int query)
    {
        String sql = TpchQueries.query(query, TpchS3Lake.of(TpchFormat.PARQUET).scaleFactor());

        QueryEstimate estimate = freshEngine().estimate(sql, session);
        long billed = freshEngine().execute(sql, session).bytesScanned();

        assertThat(estimate.bytesScanned()).as("Q%d on S3", query).isEqualTo(billed);
        assertThat(estimate.metadataBytesRead()).as("Q%d: footers fetched from S3 for the estimate", query).isPositive();
    }

    private static QueryEngine freshEngine()
    {
        RoutingObjectStore store = new RoutingObjectStore(new LocalObjectStore(), S3TestServer.shared()::store);
        return new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults(), new ObjectStoreLocationValidator(store), Set.of());
    }
}
