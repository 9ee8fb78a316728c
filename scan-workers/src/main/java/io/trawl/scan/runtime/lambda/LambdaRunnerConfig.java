package io.trawl.scan.runtime.lambda;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the coordinator drives the scan-worker function.
 *
 * @param functionName the scan-worker function's name or ARN (a qualifier may be appended as {@code name:alias})
 * @param maxConcurrency invocations in flight at once for this runner (the account's concurrency is the real cap)
 * @param taskTimeout how long the coordinator waits for one invocation before abandoning it and retrying
 * (a little over the function's own timeout)
 * @param maxAttempts attempts per task for failures (crash, timeout, garbage answer), counting the first
 * @param maxThrottleRetries extra attempts for throttled invocations (429), with exponential backoff
 * @param speculationMultiple a task running this many times the median task duration gets a duplicate
 * @param speculationMinimumDelay and only once it has run at least this long
 * @param speculationMinimumCompleted and only once this many tasks have finished (so the median means something)
 */
public record LambdaRunnerConfig(String functionName, int maxConcurrency, Duration taskTimeout, int maxAttempts, int maxThrottleRetries,
        double speculationMultiple, Duration speculationMinimumDelay, int speculationMinimumCompleted)
{
    public LambdaRunnerConfig
    {
        requireNonNull(functionName, "functionName is null");
        requireNonNull(taskTimeout, "taskTimeout is null");
        requireNonNull(speculationMinimumDelay, "speculationMinimumDelay is null");
        if (functionName.isBlank() || maxConcurrency < 1 || maxAttempts < 1 || maxThrottleRetries < 0 || speculationMultiple < 1 || speculationMinimumCompleted < 1) {
            throw new IllegalArgumentException("invalid Lambda runner settings: " + functionName + ", concurrency " + maxConcurrency + ", attempts " + maxAttempts);
        }
    }

    /** 200 concurrent invocations, 16-minute task timeout (Lambda's limit is 15), 3 attempts, duplicates at 3x the median after 2 s. */
    public static LambdaRunnerConfig defaults(String functionName)
    {
        return new LambdaRunnerConfig(functionName, 200, Duration.ofMinutes(16), 3, 10, 3.0, Duration.ofSeconds(2), 3);
    }

    public LambdaRunnerConfig withMaxConcurrency(int concurrency)
    {
        return new LambdaRunnerConfig(functionName, concurrency, taskTimeout, maxAttempts, maxThrottleRetries, speculationMultiple, speculationMinimumDelay, speculationMinimumCompleted);
    }

    public LambdaRunnerConfig withTaskTimeout(Duration timeout)
    {
        return new LambdaRunnerConfig(functionName, maxConcurrency, timeout, maxAttempts, maxThrottleRetries, speculationMultiple, speculationMinimumDelay, speculationMinimumCompleted);
    }

    public LambdaRunnerConfig withSpeculation(double multiple, Duration minimumDelay, int minimumCompleted)
    {
        return new LambdaRunnerConfig(functionName, maxConcurrency, taskTimeout, maxAttempts, maxThrottleRetries, multiple, minimumDelay, minimumCompleted);
    }
}
