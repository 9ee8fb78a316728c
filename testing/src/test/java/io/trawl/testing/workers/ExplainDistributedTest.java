package io.trawl.testing.workers;

import io.trawl.datagen.TpchFormat;
import io.trawl.engine.QueryResult;
import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.engine.fragment.TaskLimits;
import io.trawl.scan.runtime.pool.PoolTaskRunner;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.s3.TpchS3Lake;
import io.trawl.testing.tpch.TpchQueries;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainDistributedTest
{
    @Test
    void showsTheCoordinatorFragmentAndEachScanFragmentWithItsTasks()
    {
        TpchS3Lake lake = TpchS3Lake.of(TpchFormat.PARQUET);
        String sql = TpchQueries.query(3, lake.scaleFactor());
        try (PoolTaskRunner runner = new PoolTaskRunner(lake.store(), 2)) {
            QueryResult explained = lake.newS3Engine().withWorkers(new RemoteWorkers(runner, new TaskLimits(1 << 28, 4 << 20, Optional.empty()), 1 << 20))
                    .execute("EXPLAIN (TYPE DISTRIBUTED) " + sql, lake.s3Session());
            String text = (String) TrawlRows.toRows(explained).getFirst().getFirst();

            assertThat(text).startsWith("Fragment 0 [COORDINATOR]\n");
            // Q3 joins customer, orders and lineitem: three scan fragments, each cut out of the coordinator's plan
            assertThat(text).contains("RemoteSource[fragment 1]", "RemoteSource[fragment 2]", "RemoteSource[fragment 3]");
            assertThat(text).containsPattern("Fragment \\d \\[SCAN tpch.lineitem\\] on remote workers \\(PoolTaskRunner, 2 at once\\)\\n    tasks: 2, splits: 2, input bytes: \\d+ \\(per task: min \\d+, avg \\d+, max \\d+\\)");
            assertThat(text).contains("[SCAN tpch.customer]", "[SCAN tpch.orders]");
            assertThat(explained.bytesScanned()).as("EXPLAIN is free").isZero();

            // the tasks it announces are the tasks the query runs
            QueryResult ran = lake.newS3Engine().withWorkers(new RemoteWorkers(runner, new TaskLimits(1 << 28, 4 << 20, Optional.empty()), 1 << 20)).execute(sql, lake.s3Session());
            assertThat(ran.tasks().stream().filter(task -> task.table().equals("tpch.lineitem")).count()).isEqualTo(2);
        }
    }
}
