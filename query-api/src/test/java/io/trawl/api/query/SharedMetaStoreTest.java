package io.trawl.api.query;

import io.trawl.api.AthenaRows;
import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.testing.s3.S3TestServer;
import io.trawl.testing.tpch.TpchLake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two API instances over one meta store on S3 (the in-process S3-compatible server; the same test runs against
 * LocalStack or AWS with TRAWL_TEST_S3_ENDPOINT): a query started on one is seen, paged and stopped through the other,
 * the results and the result reuse are shared, and the catalog one changes is the other's.
 */
class SharedMetaStoreTest
{
    @TempDir
    Path homeA;

    @TempDir
    Path homeB;

    @Test
    void instancesSharingTheMetaStoreServeTheSameQueries()
    {
        S3TestServer s3 = S3TestServer.shared();
        URI meta = s3.location("shared-meta-" + System.nanoTime() + "/");
        URI lineitem = s3.upload(TpchLake.parquet().dataDirectory().resolve("lineitem"), s3.location("shared-data-" + System.nanoTime() + "/lineitem/"));
        try (TrawlApiServer first = TrawlApiServer.start(ServerSettings.defaults(homeA).withS3(s3.config()).withCatalogLocation(meta));
                TrawlApiServer second = TrawlApiServer.start(ServerSettings.defaults(homeB).withS3(s3.config()).withCatalogLocation(meta));
                AthenaClient a = first.athena();
                AthenaClient b = second.athena()) {
            AthenaRows.run(a, "default", TpchGenerator.createTableSql("default", "lineitem", lineitem, TpchFormat.PARQUET));

            // a query run on A is read through B, from the result file A wrote on S3
            String sql = "SELECT l_returnflag, count(*) AS n FROM lineitem GROUP BY l_returnflag ORDER BY l_returnflag";
            String id = b.startQueryExecution(request -> request.queryString(sql)).queryExecutionId();
            QueryExecution viaA = AthenaRows.awaitTerminal(a, id);
            assertThat(viaA.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(viaA.resultConfiguration().outputLocation()).startsWith(meta + "results/");
            List<List<String>> throughA = AthenaRows.fetch(a, id).dataRows();
            assertThat(throughA).isEqualTo(AthenaRows.fetch(b, id).dataRows());
            List<List<Object>> oracle = TpchLake.parquet().oracle().query(sql);
            assertThat(throughA).hasSize(oracle.size());
            for (int i = 0; i < oracle.size(); i++) {
                assertThat(throughA.get(i)).containsExactly(oracle.get(i).get(0).toString(), oracle.get(i).get(1).toString());
            }

            // a query running on the first instance is stopped through the second: the first notices at its heartbeat
            String running = a.startQueryExecution(request -> request.queryString("SELECT count(*) FROM lineitem x CROSS JOIN lineitem y WHERE x.l_comment < y.l_comment")).queryExecutionId();
            awaitRunning(b, running);
            assertThat(first.service().queries().isLocal(running)).isTrue();
            b.stopQueryExecution(request -> request.queryExecutionId(running));
            assertThat(AthenaRows.awaitTerminal(a, running).status().state()).isEqualTo(QueryExecutionState.CANCELLED);
            Instant deadline = Instant.now().plusSeconds(30);
            while (first.service().queries().isLocal(running)) {
                assertThat(Instant.now()).as("the first instance let go of the stopped query").isBefore(deadline);
                Thread.onSpinWait();
            }

            // result reuse across instances: B answers A's result without running the query again
            String original = a.startQueryExecution(request -> request.queryString(sql).resultReuseConfiguration(reuse -> reuse.resultReuseByAgeConfiguration(age -> age.enabled(true).maxAgeInMinutes(60)))).queryExecutionId();
            QueryExecution originalDone = AthenaRows.awaitTerminal(a, original);
            String reused = b.startQueryExecution(request -> request.queryString(sql).resultReuseConfiguration(reuse -> reuse.resultReuseByAgeConfiguration(age -> age.enabled(true).maxAgeInMinutes(60)))).queryExecutionId();
            QueryExecution reusedDone = AthenaRows.awaitTerminal(b, reused);
            assertThat(reused).isNotEqualTo(original);
            assertThat(reusedDone.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(reusedDone.statistics().resultReuseInformation().reusedPreviousResult()).isTrue();
            assertThat(reusedDone.statistics().dataScannedInBytes()).as("nothing read, nothing billed").isZero();
            assertThat(reusedDone.resultConfiguration().outputLocation()).isEqualTo(originalDone.resultConfiguration().outputLocation());
            assertThat(AthenaRows.fetch(b, reused).dataRows()).isEqualTo(throughA);
        }
    }

    private static void awaitRunning(AthenaClient athena, String id)
    {
        Instant deadline = Instant.now().plusSeconds(60);
        while (athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution().status().state() != QueryExecutionState.RUNNING) {
            assertThat(Instant.now()).as("query reached RUNNING").isBefore(deadline);
        }
    }
}
