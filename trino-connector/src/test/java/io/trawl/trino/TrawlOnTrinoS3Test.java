package io.trawl.trino;

import io.trawl.billing.ledger.UsageRecord;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.s3.S3TestServer;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchQueries;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner.MaterializedResultWithPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin over a lake on S3 (the in-process S3 server): tables, catalog, grants and usage ledger at {@code s3://}
 * locations, reached through the endpoint, region and credentials in the connector's properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrawlOnTrinoS3Test
{
    private TrinoLakeCluster cluster;

    @BeforeAll
    void startCluster()
            throws Exception
    {
        cluster = TrinoLakeCluster.startOnS3(S3TestServer.shared());
    }

    @AfterAll
    void stopCluster()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void readsTheLakeOnS3AndBillsItAsTrawlDoesFromACold()
            throws Exception
    {
        // both start cold (no footer fetched yet) and run the same queries in the same order: footers are billed
        // to the first query planning each file, in both
        QueryEngine trawl = cluster.coldTrawl();
        for (int queryNumber : List.of(1, 3)) {
            String sql = TpchQueries.query(queryNumber, TpchLake.DEFAULT_SCALE_FACTOR);
            MaterializedResultWithPlan trino = cluster.run(TrinoLakeCluster.ADMIN, sql);
            QueryResult expected = trawl.execute(sql, cluster.trawlSession());

            MaterializedResult result = trino.result();
            List<ResultColumn> columns = new ArrayList<>();
            for (int i = 0; i < result.getTypes().size(); i++) {
                columns.add(new ResultColumn(result.getColumnNames().get(i), result.getTypes().get(i)));
            }
            List<List<Object>> rows = result.getMaterializedRows().stream().map(MaterializedRow::getFields).map(ArrayList::new).map(row -> (List<Object>) row).toList();
            ResultComparison.assertMatches("Q%d on S3 through Trino".formatted(queryNumber), columns, rows, cluster.oracle().query(sql), TpchQueries.sortKeys(queryNumber));

            List<UsageRecord> usage = cluster.usageOf(trino.queryId().toString());
            assertThat(usage).as("Q%d's record in the ledger on S3", queryNumber).hasSize(1);
            assertThat(usage.getFirst().bytesScanned())
                    .as("Q%d: footers and data fetched from S3, as Trawl's engine fetches them", queryNumber)
                    .isEqualTo(expected.bytesScanned());
        }
    }
}
