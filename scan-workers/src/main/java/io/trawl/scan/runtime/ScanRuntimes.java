package io.trawl.scan.runtime;

import io.trawl.catalog.aws.AwsEnvironment;
import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.engine.fragment.TaskLimits;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.runtime.lambda.LambdaRunnerConfig;
import io.trawl.scan.runtime.lambda.LambdaTaskRunner;
import io.trawl.scan.runtime.pool.PoolTaskRunner;
import io.trawl.scan.store.ObjectStore;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a deployment's scan tasks run, from its environment:
 * <pre>
 *   TRAWL_WORKERS          in-process (default: fused scan pipelines on this process's threads)
 *                          | pool[:N]  (N worker threads, the full task protocol; default one per core)
 *                          | lambda:FUNCTION  (the scan-worker function's name or ARN, invoked with LambdaAsyncClient)
 *   TRAWL_WORKERS_MAX      Lambda invocations in flight (default 200)
 *   TRAWL_LAMBDA_ENDPOINT  a Lambda-compatible endpoint (LocalStack), else TRAWL_AWS_ENDPOINT; unset means AWS
 *   TRAWL_LAMBDA_REGION    else AWS_REGION, else us-east-1; credentials as for S3 (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else the default chain)
 *   TRAWL_SPILL_LOCATION   where results over the inline limit go (default {@code <meta>/spill/})
 * </pre>
 * Tasks are about 128 MB of input each; remote tasks may hold half this JVM's operator memory.
 */
public final class ScanRuntimes
{
    public static final String WORKERS_VARIABLE = "TRAWL_WORKERS";
    public static final long TARGET_TASK_BYTES = 128L << 20;

    private ScanRuntimes() {}

    /**
     * @param store the coordinator's storage, where spilled results are read back and removed
     * @param metaLocation the deployment's meta location, under which results spill by default
     * @return empty for in-process scans
     * @throws TrawlException INVALID_ARGUMENT naming the variable when a setting is malformed
     */
    public static Optional<RemoteWorkers> fromEnvironment(Map<String, String> environment, ObjectStore store, URI metaLocation)
    {
        String workers = environment.getOrDefault(WORKERS_VARIABLE, "").trim();
        if (workers.isEmpty() || workers.equalsIgnoreCase("in-process")) {
            return Optional.empty();
        }
        String spill = environment.getOrDefault("TRAWL_SPILL_LOCATION", "").trim();
        String meta = metaLocation.toString();
        String spillLocation = spill.isEmpty() ? (meta.endsWith("/") ? meta : meta + "/") + "spill/" : spill;
        long taskMemory = Runtime.getRuntime().maxMemory() / 2;
        String lower = workers.toLowerCase(Locale.ROOT);
        if (lower.equals("pool") || lower.startsWith("pool:")) {
            int threads = lower.equals("pool") ? Runtime.getRuntime().availableProcessors() : positive(workers.substring("pool:".length()), WORKERS_VARIABLE);
            return Optional.of(new RemoteWorkers(new PoolTaskRunner(store, threads), new TaskLimits(taskMemory, TaskLimits.LAMBDA_INLINE_RESULT_BYTES, Optional.of(spillLocation)),
                    TARGET_TASK_BYTES));
        }
        if (lower.startsWith("lambda:") && workers.length() > "lambda:".length()) {
            String function = workers.substring("lambda:".length());
            String maxInFlight = environment.getOrDefault("TRAWL_WORKERS_MAX", "").trim();
            LambdaRunnerConfig config = LambdaRunnerConfig.defaults(function);
            if (!maxInFlight.isEmpty()) {
                config = config.withMaxConcurrency(positive(maxInFlight, "TRAWL_WORKERS_MAX"));
            }
            LambdaTaskRunner runner = LambdaTaskRunner.create(config, AwsEnvironment.endpoint(environment, "TRAWL_LAMBDA_ENDPOINT"),
                    AwsEnvironment.region(environment, "TRAWL_LAMBDA_REGION").orElse("us-east-1"), AwsEnvironment.staticCredentials(environment), new TaskResults(store));
            // a Lambda worker's memory is its function's, not this JVM's: the worker caps it by its own heap
            return Optional.of(new RemoteWorkers(runner, new TaskLimits(taskMemory, TaskLimits.LAMBDA_INLINE_RESULT_BYTES, Optional.of(spillLocation)), TARGET_TASK_BYTES));
        }
        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s must be in-process, pool, pool:N or lambda:FUNCTION, not '%s'".formatted(WORKERS_VARIABLE, workers));
    }

    private static int positive(String value, String variable)
    {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s: '%s' is not a positive whole number".formatted(variable, value));
    }
}
