package io.trawl.bench;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The model's arithmetic on hand-made cases whose answers are worked out in the comments. */
class LambdaScanModelTest
{
    /** 100 MB/s per core, 78 MB/s network, 10 ms per invocation, 500 ms cold start; Lambda's limits and prices. */
    private static final LambdaScanModel MODEL = LambdaScanModel.defaults().withMeasurements(100, 78, Duration.ofMillis(10), Duration.ofMillis(500));
    /** At 1,769 MB (1 vCPU) a worker reads min(78, 100) = 78 MB/s: these tasks take 1 s, 2 s and 0.5 s to read. */
    private static final long[] TASKS = {78_000_000, 156_000_000, 39_000_000};

    @Test
    void twoWorkersStartTwoEnvironmentsAndTheFirstFreeOneTakesTheThirdTask()
    {
        LambdaScanModel.ScanEstimate estimate = MODEL.estimate(TASKS, 2, 1769);

        // task 1 on a new environment: 0.5 s cold + 1.010 s = ends at 1.510 s, billed 1,510 ms
        // task 2 on a second new environment: 0.5 + 2.010 = ends at 2.510 s, billed 2,510 ms
        // task 3 on environment 1, warm from 1.510 s: + 0.510 = ends at 2.020 s, billed 510 ms
        assertThat(estimate.vcpus()).isEqualTo(1.0);
        assertThat(estimate.workerBytesPerSecond()).isEqualTo(78e6);
        assertThat(estimate.networkBound()).isTrue();
        assertThat(estimate.environments()).isEqualTo(2);
        assertThat(estimate.latency()).isEqualTo(Duration.ofMillis(2510));
        assertThat(estimate.billedMillis()).isEqualTo(1510 + 2510 + 510);
        // 4,530 ms x 1,769 MB / (1,000 x 1,024) = 7.825751953125 GB-s
        assertThat(estimate.gigabyteSeconds()).isEqualByComparingTo("7.8257519531");
        // x $0.0000166667 = $0.000130429..., plus 3 requests x $0.20 / 1M = $0.0000006
        assertThat(estimate.computeCost()).isEqualByComparingTo("0.0001304295");
        assertThat(estimate.requestCost()).isEqualByComparingTo("0.0000006");
        assertThat(estimate.lambdaCost()).isEqualByComparingTo("0.0001310295");
        assertThat(estimate.bytes()).isEqualTo(273_000_000);
        assertThat(estimate.tasks()).isEqualTo(3);
    }

    @Test
    void oneWorkerRunsTheTasksOneAfterAnotherWithOneColdStart()
    {
        LambdaScanModel.ScanEstimate estimate = MODEL.estimate(TASKS, 1, 1769);

        // 0.5 + 1.010, then 2.010, then 0.510: ends at 4.030 s; billed 1,510 + 2,010 + 510 ms
        assertThat(estimate.environments()).isEqualTo(1);
        assertThat(estimate.latency()).isEqualTo(Duration.ofMillis(4030));
        assertThat(estimate.billedMillis()).isEqualTo(4030);
        assertThat(estimate.gigabyteSeconds()).isEqualByComparingTo("6.9619824219");
        assertThat(estimate.lambdaCost()).isEqualByComparingTo("0.0001166333");
    }

    @Test
    void smallFunctionsAreCpuBoundAtTheirShareOfACore()
    {
        // 512 MB buys 512/1769 of a vCPU: 28.94 MB/s, below the network's 78
        assertThat(MODEL.vcpus(512)).isCloseTo(512 / 1769.0, within(1e-12));
        assertThat(MODEL.workerBytesPerSecond(512)).isCloseTo(100e6 * 512 / 1769, within(1e-3));
        assertThat(MODEL.networkBound(512)).isFalse();
        // 10,240 MB: 5.79 vCPUs, network-bound; the vCPU count is capped at 6
        assertThat(MODEL.vcpus(10_240)).isCloseTo(10_240 / 1769.0, within(1e-12));
        assertThat(MODEL.networkBound(10_240)).isTrue();
    }

    @Test
    void billingRoundsEachInvocationUpToTheMillisecond()
    {
        // 1 byte at 78 MB/s is 12.8 ns: 10 ms overhead + 13 ns, cold start 500 ms -> billed 511 ms, not 510
        LambdaScanModel.ScanEstimate estimate = MODEL.estimate(new long[] {1}, 1, 1769);

        assertThat(estimate.latency()).isEqualTo(Duration.ofMillis(510).plusNanos(13));
        assertThat(estimate.billedMillis()).isEqualTo(511);
    }

    @Test
    void newEnvironmentsBeyondTheFirstThousandWaitForTheNextTenSecondWindow()
    {
        LambdaScanModel noOverheads = LambdaScanModel.defaults().withMeasurements(100, 78, Duration.ZERO, Duration.ZERO);
        long[] twentySecondTasks = new long[1500];
        Arrays.fill(twentySecondTasks, 20 * 78_000_000L);

        // 1,000 environments at 0 s; the other 500 tasks get new environments at 10 s (before the first ones free up at 20 s)
        LambdaScanModel.ScanEstimate burst = noOverheads.estimate(twentySecondTasks, 1500, 1769);
        assertThat(burst.environments()).isEqualTo(1500);
        assertThat(burst.latency()).isEqualTo(Duration.ofSeconds(30));
        assertThat(burst.billedMillis()).isEqualTo(1500 * 20_000L);
        assertThat(burst.gigabyteSeconds()).isEqualByComparingTo("51826.171875");
        assertThat(burst.computeCost()).isEqualByComparingTo("0.8637712588");
        assertThat(burst.requestCost()).isEqualByComparingTo("0.0003");

        // with 1,000 workers the last 500 tasks wait for warm environments: done at 40 s
        LambdaScanModel.ScanEstimate capped = noOverheads.estimate(twentySecondTasks, 1000, 1769);
        assertThat(capped.environments()).isEqualTo(1000);
        assertThat(capped.latency()).isEqualTo(Duration.ofSeconds(40));

        // one-second tasks: environments free up at 1 s, long before new ones may start at 10 s
        long[] oneSecondTasks = new long[1500];
        Arrays.fill(oneSecondTasks, 78_000_000L);
        LambdaScanModel.ScanEstimate reuse = noOverheads.estimate(oneSecondTasks, 1500, 1769);
        assertThat(reuse.environments()).isEqualTo(1000);
        assertThat(reuse.latency()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void defaultsAreLambdasPublishedLimitsAndPrices()
    {
        LambdaScanModel defaults = LambdaScanModel.defaults();

        assertThat(defaults.megabytesPerVcpu()).isEqualTo(1769);
        assertThat(defaults.networkMegabytesPerSecond()).isEqualTo(78);
        assertThat(defaults.burstEnvironments()).isEqualTo(1000);
        assertThat(defaults.burstWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.pricePerGigabyteSecond()).isEqualByComparingTo(new BigDecimal("0.0000166667"));
        assertThat(defaults.pricePerMillionRequests()).isEqualByComparingTo(new BigDecimal("0.20"));
        assertThat(defaults.scanMegabytesPerSecondPerCore()).isEqualTo(160);
    }

    @Test
    void splitsAreGroupedInOrderUpToTheTargetTaskSize()
    {
        // target 100: [40, 50] = 90, 30 would make 120 -> new task; [30, 60] = 90; [150] alone (over the target); [10]
        assertThat(TaskGrouping.group(new long[] {40, 50, 30, 60, 150, 10}, 100)).containsExactly(90, 90, 150, 10);
        assertThat(TaskGrouping.group(new long[] {100, 100}, 100)).as("exactly the target fits").containsExactly(100, 100);
        assertThat(TaskGrouping.group(new long[0], 100)).isEmpty();
        assertThat(TaskGrouping.replicate(new long[] {1, 2}, 3)).containsExactly(1, 2, 1, 2, 1, 2);
    }
}
