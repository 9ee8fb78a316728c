package io.trawl.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest
{
    @Test
    void showsMediansBytesRatioAndTotalsAndExplainsWrongAndFailedQueries()
    {
        List<QueryOutcome> outcomes = List.of(
                new QueryOutcome(1, QueryOutcome.Status.OK, List.of(300L, 100L, 200L), 45_200_000, List.of(50L, 40L, 60L), Optional.empty()),
                new QueryOutcome(3, QueryOutcome.Status.WRONG, List.of(90L, 110L, 100L), 1_500, List.of(20L, 20L, 20L), Optional.of("row 2 differs at column 1")),
                QueryOutcome.failed(6, "TrawlException: Function 'foo' not registered"));

        String report = BenchReport.format(outcomes, true);

        assertThat(report.lines().toList()).as("header, one line per query, totals, then details").startsWith(
                "query      trawl ms  bytes scanned    duckdb ms    ratio  result",
                "Q01             200        45.2 MB           50    4.00x  OK",
                "Q03             100         1.5 kB           20    5.00x  WRONG",
                "Q06               -              -            -        -  FAILED",
                "total           300        45.2 MB           70    4.29x  1/3 OK");
        assertThat(report)
                .contains("Q03 WRONG: row 2 differs at column 1")
                .contains("Q06 FAILED: TrawlException: Function 'foo' not registered");
    }

    @Test
    void leavesOutDuckDbColumnsWhenNotCompared()
    {
        String report = BenchReport.format(List.of(new QueryOutcome(6, QueryOutcome.Status.OK, List.of(12L), 999, List.of(), Optional.empty())), false);

        assertThat(report.lines().toList()).containsExactly(
                "query      trawl ms  bytes scanned  result",
                "Q06              12          999 B  OK",
                "total            12          999 B  1/1 OK");
    }

    @Test
    void medianIsTheMiddleRun()
    {
        assertThat(QueryOutcome.median(List.of(5L, 1L, 3L))).contains(3L);
        assertThat(QueryOutcome.median(List.of(4L, 1L, 3L, 10L))).contains(3L);
        assertThat(QueryOutcome.median(List.of())).isEmpty();
    }
}
