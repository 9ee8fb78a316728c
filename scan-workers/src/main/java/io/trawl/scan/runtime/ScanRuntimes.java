package io.trawl.scan.runtime;

import io.trawl.engine.fragment.RemoteWorkers;
import io.trawl.engine.fragment.TaskLimits;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.runtime.lambda.LambdaRunnerConfig;
import io.trawl.scan.runtime.lambda.LambdaTaskRunner;
import io.trawl.scan.runtime.pool.PoolTaskRunner;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.s3.S3Config;

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
            String endpoint = environment.getOrDefault("TRAWL_LAMBDA_ENDPOINT", "").trim();
            if (endpoint.isEmpty()) {
                endpoint = environment.getOrDefault(S3Config.AWS_ENDPOINT_VARIABLE, "").trim();
            }
            String region = firstNonBlank(environment.get("TRAWL_LAMBDA_REGION"), environment.get("AWS_REGION"), "us-east-1");
            LambdaTaskRunner runner = LambdaTaskRunner.create(config, endpoint.isEmpty() ? Optional.empty() : Optional.of(URI.create(endpoint)), region,
                    staticCredentials(environment), new TaskResults(store));
            // a Lambda worker's memory is its function's, not this JVM's: the worker caps it by its own heap
            return Optional.of(new RemoteWorkers(runner, new TaskLimits(taskMemory, TaskLimits.LAMBDA_INLINE_RESULT_BYTES, Optional.of(spillLocation)), TARGET_TASK_BYTES));
        }
        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s must be in-process, pool, pool:N or lambda:FUNCTION, not '%s'".formatted(WORKERS_VARIABLE, workers));
    }

    /** $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY without a session token (as S3Config reads them); else the default chain. */
    private static Optional<Map.Entry<String, String>> staticCredentials(Map<String, String> environment)
    {
        String accessKey = environment.getOrDefault("AWS_ACCESS_KEY_ID", "").trim();
        String secretKey = environment.getOrDefault("AWS_SECRET_ACCESS_KEY", "").trim();
        if (accessKey.isEmpty() || secretKey.isEmpty() || !environment.getOrDefault("AWS_SESSION_TOKEN", "").isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(accessKey, secretKey));
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

    private static String firstNonBlank(String... values)
    {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        throw new IllegalArgumentException("no value");
    }
}
