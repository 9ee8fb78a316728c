package io.trawl.testing.tpch;

import io.trawl.engine.QueryResult;
import io.trawl.engine.TaskStats;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bytes scanned are exposed per scan task as well as per query, and the two agree. */
class ScanTaskStatsTest
{
    @Test
    void everyScanTaskReportsItsSplitBytesAndRows()
    {
        TpchLake lake = TpchLake.parquet();
        QueryResult result = lake.run(TpchQueries.query(6, lake.scaleFactor()));
        assertThat(result.tasks()).as("lineitem has two files, so at least two tasks").hasSizeGreaterThanOrEqualTo(2);
        assertThat(result.tasks()).allSatisfy(task -> {
            assertThat(task.table()).isEqualTo("tpch.lineitem");
            assertThat(task.bytesScanned()).isPositive();
            assertThat(task.outputRows()).as("one partial aggregate row per task").isPositive();
        });
        long taskBytes = result.tasks().stream().mapToLong(TaskStats::bytesScanned).sum();
        assertThat(taskBytes).as("tasks' bytes are part of the query's bytes (planning may read footers too)")
                .isPositive().isLessThanOrEqualTo(result.bytesScanned());
    }

    @Test
    void explainAnalyzeShowsTheTasks()
    {
        TpchLake lake = TpchLake.parquet();
        String text = TrawlRows.toRows(lake.run("EXPLAIN ANALYZE " + TpchQueries.query(6, lake.scaleFactor()))).getFirst().getFirst().toString();
        assertThat(text).contains("Aggregate(PARTIAL)").contains("scan tasks: ").contains("task tpch.lineitem ").contains("bytes=");
    }
}
