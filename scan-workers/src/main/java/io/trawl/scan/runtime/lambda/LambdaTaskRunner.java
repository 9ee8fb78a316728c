package io.trawl.scan.runtime.lambda;

import io.trawl.engine.fragment.ScanTask;
import io.trawl.engine.fragment.TaskCodec;
import io.trawl.engine.fragment.TaskResult;
import io.trawl.engine.fragment.TaskRunner;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.runtime.TaskResults;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Scan tasks as invocations of the scan-worker Lambda function ({@code LambdaAsyncClient.invoke},
 * RequestResponse). Per task:
 * <ul>
 * <li>at most {@code maxConcurrency} invocations in flight across the runner;</li>
 * <li>a crashed worker (a function error), a garbage answer or an invocation that outlives the task timeout is
 * retried on a fresh invocation, up to {@code maxAttempts}; a throttled one (429) is retried after an
 * exponential backoff with jitter, up to {@code maxThrottleRetries} more times; a failure retrying cannot fix
 * (bad data, a cast error) fails the task at once;</li>
 * <li>a task that runs far beyond the median of finished tasks gets one speculative duplicate: the first
 * answer wins, the other invocation is abandoned and its answer (and spilled result) discarded, so its bytes
 * are never billed.</li>
 * </ul>
 * Many tasks are batched rather than fanned out without bound: the coordinator groups splits so a scan has at
 * most a few hundred tasks (see {@code RemoteScans}).
 */
public final class LambdaTaskRunner
        implements TaskRunner
{
    private static final long SPECULATION_CHECK_MILLIS = 100;
    private static final long THROTTLE_BACKOFF_BASE_MILLIS = 100;
    private static final long THROTTLE_BACKOFF_MAX_MILLIS = 5_000;

    private final LambdaAsyncClient client;
    private final boolean ownsClient;
    private final LambdaRunnerConfig config;
    private final TaskResults results;
    private final Semaphore slots;
    private final Set<Execution> executions = ConcurrentHashMap.newKeySet();
    private final List<Long> finishedMillis = new ArrayList<>();
    private final ScheduledExecutorService speculation;
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger throttledInvocations = new AtomicInteger();

    public LambdaTaskRunner(LambdaAsyncClient client, LambdaRunnerConfig config, TaskResults results)
    {
        this(client, config, results, false);
    }

    private LambdaTaskRunner(LambdaAsyncClient client, LambdaRunnerConfig config, TaskResults results, boolean ownsClient)
    {
        this.ownsClient = ownsClient;
        this.client = requireNonNull(client, "client is null");
        this.config = requireNonNull(config, "config is null");
        this.results = requireNonNull(results, "results is null");
        this.slots = new Semaphore(config.maxConcurrency());
        this.speculation = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("trawl-lambda-speculation").factory());
        speculation.scheduleWithFixedDelay(this::speculate, SPECULATION_CHECK_MILLIS, SPECULATION_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A runner with its own {@code LambdaAsyncClient} ({@code endpoint} for LocalStack; static credentials when
     * given, else the default chain), whose HTTP timeouts outlast the task timeout; closing the runner closes the client.
     */
    public static LambdaTaskRunner create(LambdaRunnerConfig config, java.util.Optional<java.net.URI> endpoint, String region,
            java.util.Optional<io.trawl.catalog.aws.AwsEnvironment.StaticCredentials> credentials, TaskResults results)
    {
        java.time.Duration callTimeout = config.taskTimeout().plusMinutes(1);
        software.amazon.awssdk.services.lambda.LambdaAsyncClientBuilder builder = LambdaAsyncClient.builder()
                .region(software.amazon.awssdk.regions.Region.of(region))
                .httpClientBuilder(software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient.builder()
                        .readTimeout(callTimeout)
                        .maxConcurrency(config.maxConcurrency() + 16))
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(callTimeout));
        endpoint.ifPresent(builder::endpointOverride);
        credentials.ifPresent(key -> builder.credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKey(), key.secretKey()))));
        LambdaAsyncClient client = builder.build();
        return new LambdaTaskRunner(client, config, results, true);
    }

    @Override
    public CompletableFuture<TaskResult> run(ScanTask task)
    {
        results.expect(task);
        Execution execution = new Execution(task);
        executions.add(execution);
        execution.result.whenComplete((result, failure) -> {
            executions.remove(execution);
            execution.abandonAll();
        });
        execution.startAttempt(false);
        return execution.result;
    }

    @Override
    public int parallelism()
    {
        return config.maxConcurrency();
    }

    @Override
    public void queryFinished(String queryId)
    {
        results.queryFinished(queryId);
    }

    /** Invocations started so far; retries after failures, speculative duplicates and throttled invocations among them. */
    public Counters counters()
    {
        return new Counters(invocations.get(), retries.get(), duplicates.get(), throttledInvocations.get());
    }

    public record Counters(int invocations, int retries, int duplicates, int throttled) {}

    @Override
    public void close()
    {
        speculation.shutdownNow();
        executions.forEach(execution -> execution.result.cancel(true));
        if (ownsClient) {
            client.close();
        }
    }

    private void speculate()
    {
        long median;
        synchronized (finishedMillis) {
            if (finishedMillis.size() < config.speculationMinimumCompleted()) {
                return;
            }
            List<Long> sorted = new ArrayList<>(finishedMillis);
            sorted.sort(null);
            median = sorted.get(sorted.size() / 2);
        }
        long threshold = Math.max(config.speculationMinimumDelay().toMillis(), (long) (median * config.speculationMultiple()));
        for (Execution execution : executions) {
            execution.maybeDuplicate(threshold);
        }
    }

    /** One task's attempts until one is accepted or the task fails. */
    private final class Execution
    {
        private final ScanTask task;
        private final CompletableFuture<TaskResult> result = new CompletableFuture<>();
        private final AtomicInteger nextAttempt = new AtomicInteger();
        private final Set<Attempt> running = ConcurrentHashMap.newKeySet();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger throttles = new AtomicInteger();
        private volatile boolean duplicated;

        Execution(ScanTask task)
        {
            this.task = task;
        }

        void startAttempt(boolean duplicate)
        {
            if (result.isDone()) {
                return;
            }
            Attempt attempt = new Attempt(task.withAttempt(nextAttempt.getAndIncrement()), duplicate);
            running.add(attempt);
            Thread.ofVirtual().name("trawl-lambda-" + attempt.task.name()).start(() -> run(attempt));
        }

        void maybeDuplicate(long thresholdMillis)
        {
            if (duplicated || result.isDone()) {
                return;
            }
            for (Attempt attempt : running) {
                if (attempt.startedNanos > 0 && (System.nanoTime() - attempt.startedNanos) / 1_000_000 > thresholdMillis) {
                    duplicated = true;
                    duplicates.incrementAndGet();
                    startAttempt(true);
                    return;
                }
            }
        }

        void abandonAll()
        {
            for (Attempt attempt : running) {
                CompletableFuture<InvokeResponse> call = attempt.call;
                if (call != null) {
                    call.cancel(true);
                }
            }
        }

        private void run(Attempt attempt)
        {
            try {
                slots.acquire();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String source = "scan task " + attempt.task.name() + " on Lambda function " + config.functionName();
            try {
                if (result.isDone()) {
                    return;
                }
                invocations.incrementAndGet();
                attempt.startedNanos = System.nanoTime();
                attempt.call = client.invoke(InvokeRequest.builder()
                        .functionName(config.functionName())
                        .invocationType(InvocationType.REQUEST_RESPONSE)
                        .payload(SdkBytes.fromByteArrayUnsafe(TaskCodec.encodeTask(attempt.task)))
                        .build());
                InvokeResponse response = attempt.call.get(config.taskTimeout().toMillis(), TimeUnit.MILLISECONDS);
                byte[] answer = response.payload() == null ? new byte[0] : response.payload().asByteArrayUnsafe();
                if (response.functionError() != null) {
                    retryOrFail(attempt, "the worker failed (" + response.functionError() + "): " + errorMessage(answer));
                    return;
                }
                TaskResult taskResult;
                try {
                    taskResult = results.toResult(answer, source);
                }
                catch (TaskResults.NonRetryableTaskException e) {
                    result.completeExceptionally(e.failure());
                    return;
                }
                catch (TrawlException e) {
                    retryOrFail(attempt, e.getMessage());
                    return;
                }
                if (!result.complete(taskResult)) {
                    results.discard(answer, source);
                    return;
                }
                synchronized (finishedMillis) {
                    finishedMillis.add((System.nanoTime() - attempt.startedNanos) / 1_000_000);
                }
            }
            catch (TimeoutException e) {
                attempt.call.cancel(true);
                retryOrFail(attempt, "no answer within " + config.taskTimeout().toSeconds() + " s");
            }
            catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TooManyRequestsException || cause instanceof software.amazon.awssdk.services.lambda.model.LambdaException lambda && lambda.statusCode() == 429) {
                    retryThrottled(attempt);
                }
                else {
                    retryOrFail(attempt, cause.toString());
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            catch (java.util.concurrent.CancellationException e) {
                // abandoned: another attempt won, or the query was cancelled
            }
            finally {
                running.remove(attempt);
                slots.release();
            }
        }

        private void retryOrFail(Attempt attempt, String reason)
        {
            if (result.isDone()) {
                return;
            }
            int failed = failures.incrementAndGet();
            if (failed >= config.maxAttempts()) {
                result.completeExceptionally(new TrawlException(ErrorCode.WORKER_FAILED,
                        "Scan task %s failed on Lambda function %s after %s attempts: %s".formatted(task.queryId() + "/" + task.taskId(), config.functionName(), failed, reason)));
                return;
            }
            if (running.size() <= 1) {
                retries.incrementAndGet();
                startAttempt(attempt.duplicate);
            }
        }

        private void retryThrottled(Attempt attempt)
        {
            if (result.isDone()) {
                return;
            }
            int throttled = throttles.incrementAndGet();
            throttledInvocations.incrementAndGet();
            if (throttled > config.maxThrottleRetries()) {
                result.completeExceptionally(new TrawlException(ErrorCode.WORKER_FAILED,
                        "Scan task %s was throttled by Lambda function %s %s times; raise the function's concurrency or lower the runner's".formatted(
                                task.queryId() + "/" + task.taskId(), config.functionName(), throttled)));
                return;
            }
            long backoff = Math.min(THROTTLE_BACKOFF_MAX_MILLIS, THROTTLE_BACKOFF_BASE_MILLIS << Math.min(10, throttled - 1));
            long delay = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(delay);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (running.isEmpty() || attempt.duplicate) {
                    startAttempt(attempt.duplicate);
                }
            });
        }
    }

    private static String errorMessage(byte[] answer)
    {
        String text = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private static final class Attempt
    {
        private final ScanTask task;
        private final boolean duplicate;
        private volatile long startedNanos;
        private volatile CompletableFuture<InvokeResponse> call;

        Attempt(ScanTask task, boolean duplicate)
        {
            this.task = task;
            this.duplicate = duplicate;
        }
    }
}
