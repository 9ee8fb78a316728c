package io.trawl.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.PriorityQueue;

import static java.util.Objects.requireNonNull;

/**
 * Predicts the scan stage of a query run as Lambda invocations: latency and price for {@code workers} functions
 * of {@code memoryMb} each, from the bytes each task reads.
 *
 * <p>One worker reads at {@code min(network, scan rate per core × vCPUs)}, with {@code vCPUs = memory / 1,769 MB}
 * (at most 6), as Lambda allocates CPU in proportion to memory; a task takes the invocation overhead plus its
 * bytes at that rate. Tasks are dispatched in order, each to the execution environment that can start it first:
 * a warm one when it is free, or a new one if fewer than {@code workers} exist and Lambda's scaling rate allows
 * (1,000 new environments per function every 10 seconds: environment {@code n} exists from
 * {@code floor(n / 1000) × 10 s}). A new environment's first task pays the cold start. A tie goes to the warm one.
 *
 * <p>Billing per invocation is {@code ceil(ms)} of its duration, the cold start included (Lambda bills INIT
 * since August 2025), times memory in GB (1,024 MB) at the price per GB-second, plus the price per request.
 * Not modeled: planning (listing, footers), the coordinator's final merge, throttle back-off, retries and
 * stragglers; all tasks are ready at time 0.
 *
 * @param scanMegabytesPerSecondPerCore decoded-and-filtered scan rate of one core, in MB (10^6 bytes) of
 * compressed input per second, as {@code bench scan} measures it
 * @param networkMegabytesPerSecond what one function sustains from S3
 * @param megabytesPerVcpu memory that buys one vCPU
 * @param maxVcpus vCPUs of the largest function
 * @param burstEnvironments new execution environments Lambda creates per function per burst window
 * @param burstWindow the window of the scaling rate
 * @param pricePerGigabyteSecond x86 on-demand compute price
 * @param pricePerMillionRequests request price
 * @param invocationOverhead per task: invoke round trip, task decode, result encode (billed)
 * @param coldStart a new environment's INIT: runtime start, class loading, handler construction (billed)
 */
record LambdaScanModel(
        double scanMegabytesPerSecondPerCore,
        double networkMegabytesPerSecond,
        int megabytesPerVcpu,
        double maxVcpus,
        int burstEnvironments,
        Duration burstWindow,
        BigDecimal pricePerGigabyteSecond,
        BigDecimal pricePerMillionRequests,
        Duration invocationOverhead,
        Duration coldStart)
{
    static final double DEFAULT_SCAN_MB_PER_SECOND_PER_CORE = 160;
    static final double DEFAULT_NETWORK_MB_PER_SECOND = 78;
    static final Duration DEFAULT_INVOCATION_OVERHEAD = Duration.ofMillis(25);
    static final Duration DEFAULT_COLD_START = Duration.ofMillis(1000);

    /** Money keeps 10 decimals, like billing's PricingPolicy: a 1 ms invocation at 128 MB costs $0.0000000021. */
    static final int COST_SCALE = 10;
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final BigDecimal MILLIS_PER_GIGABYTE_SECOND_PER_MB = BigDecimal.valueOf(1000L * 1024);

    LambdaScanModel
    {
        if (!(scanMegabytesPerSecondPerCore > 0) || !(networkMegabytesPerSecond > 0)) {
            throw new IllegalArgumentException("rates must be positive: %s MB/s per core, %s MB/s network".formatted(scanMegabytesPerSecondPerCore, networkMegabytesPerSecond));
        }
        if (megabytesPerVcpu < 1 || !(maxVcpus > 0) || burstEnvironments < 1) {
            throw new IllegalArgumentException("bad Lambda limits: %d MB per vCPU, %s vCPUs, burst %d".formatted(megabytesPerVcpu, maxVcpus, burstEnvironments));
        }
        requireNonNull(burstWindow, "burstWindow is null");
        requireNonNull(pricePerGigabyteSecond, "pricePerGigabyteSecond is null");
        requireNonNull(pricePerMillionRequests, "pricePerMillionRequests is null");
        requireNonNull(invocationOverhead, "invocationOverhead is null");
        requireNonNull(coldStart, "coldStart is null");
        if (invocationOverhead.isNegative() || coldStart.isNegative()) {
            throw new IllegalArgumentException("negative overhead or cold start");
        }
    }

    /** Lambda's published limits and x86 prices (us-east-1), our default scan rate and overheads. */
    static LambdaScanModel defaults()
    {
        return new LambdaScanModel(DEFAULT_SCAN_MB_PER_SECOND_PER_CORE, DEFAULT_NETWORK_MB_PER_SECOND, 1769, 6, 1000, Duration.ofSeconds(10),
                new BigDecimal("0.0000166667"), new BigDecimal("0.20"), DEFAULT_INVOCATION_OVERHEAD, DEFAULT_COLD_START);
    }

    LambdaScanModel withMeasurements(double scanRatePerCore, double networkRate, Duration overhead, Duration coldStartTime)
    {
        return new LambdaScanModel(scanRatePerCore, networkRate, megabytesPerVcpu, maxVcpus, burstEnvironments, burstWindow,
                pricePerGigabyteSecond, pricePerMillionRequests, overhead, coldStartTime);
    }

    double vcpus(int memoryMb)
    {
        return Math.min(maxVcpus, (double) memoryMb / megabytesPerVcpu);
    }

    /** Bytes per second one worker of this memory size reads. */
    double workerBytesPerSecond(int memoryMb)
    {
        return Math.min(networkMegabytesPerSecond, scanMegabytesPerSecondPerCore * vcpus(memoryMb)) * 1e6;
    }

    boolean networkBound(int memoryMb)
    {
        return networkMegabytesPerSecond <= scanMegabytesPerSecondPerCore * vcpus(memoryMb);
    }

    ScanEstimate estimate(long[] taskBytes, int workers, int memoryMb)
    {
        requireNonNull(taskBytes, "taskBytes is null");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException("Lambda memory is 128..10240 MB: " + memoryMb);
        }
        double bytesPerSecond = workerBytesPerSecond(memoryMb);
        long overheadNanos = invocationOverhead.toNanos();
        long coldStartNanos = coldStart.toNanos();
        PriorityQueue<Long> freeAt = new PriorityQueue<>();
        int environments = 0;
        long latestEnd = 0;
        long billedMillis = 0;
        long totalBytes = 0;
        for (long bytes : taskBytes) {
            long serviceNanos = overheadNanos + Math.round(bytes * 1e9 / bytesPerSecond);
            Long warmAt = freeAt.peek();
            long newAt = environments < workers ? environmentCreatedAt(environments) : Long.MAX_VALUE;
            long end;
            if (warmAt == null || newAt < warmAt) {
                environments++;
                end = newAt + coldStartNanos + serviceNanos;
                billedMillis += ceilMillis(coldStartNanos + serviceNanos);
            }
            else {
                freeAt.poll();
                end = warmAt + serviceNanos;
                billedMillis += ceilMillis(serviceNanos);
            }
            freeAt.add(end);
            latestEnd = Math.max(latestEnd, end);
            totalBytes += bytes;
        }
        BigDecimal gigabyteSeconds = BigDecimal.valueOf(billedMillis).multiply(BigDecimal.valueOf(memoryMb))
                .divide(MILLIS_PER_GIGABYTE_SECOND_PER_MB, COST_SCALE, RoundingMode.HALF_UP);
        BigDecimal computeCost = gigabyteSeconds.multiply(pricePerGigabyteSecond).setScale(COST_SCALE, RoundingMode.HALF_UP);
        BigDecimal requestCost = pricePerMillionRequests.multiply(BigDecimal.valueOf(taskBytes.length))
                .divide(BigDecimal.valueOf(1_000_000), COST_SCALE, RoundingMode.HALF_UP);
        return new ScanEstimate(workers, memoryMb, taskBytes.length, totalBytes, vcpus(memoryMb), bytesPerSecond, networkBound(memoryMb),
                environments, Duration.ofNanos(latestEnd), billedMillis, gigabyteSeconds, computeCost, requestCost);
    }

    private long environmentCreatedAt(int environment)
    {
        return (long) (environment / burstEnvironments) * burstWindow.toNanos();
    }

    private static long ceilMillis(long nanos)
    {
        return (nanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI;
    }

    /**
     * One prediction. {@code environments} is also the number of cold starts.
     */
    record ScanEstimate(
            int workers,
            int memoryMb,
            int tasks,
            long bytes,
            double vcpus,
            double workerBytesPerSecond,
            boolean networkBound,
            int environments,
            Duration latency,
            long billedMillis,
            BigDecimal gigabyteSeconds,
            BigDecimal computeCost,
            BigDecimal requestCost)
    {
        ScanEstimate
        {
            requireNonNull(latency, "latency is null");
            requireNonNull(gigabyteSeconds, "gigabyteSeconds is null");
            requireNonNull(computeCost, "computeCost is null");
            requireNonNull(requestCost, "requestCost is null");
        }

        BigDecimal lambdaCost()
        {
            return computeCost.add(requestCost);
        }
    }
}
