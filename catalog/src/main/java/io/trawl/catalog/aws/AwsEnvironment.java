package io.trawl.catalog.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How every AWS client Trawl makes (S3, Glue) reads its settings from the environment and checks them, so the
 * services agree: a service's own endpoint variable, else {@value #AWS_ENDPOINT_VARIABLE} (one endpoint for all, as
 * LocalStack serves them), else AWS itself; a service's own region variable, else {@code AWS_REGION}; static
 * credentials from {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} only without a session token.
 */
public final class AwsEnvironment
{
    /** One endpoint for every AWS service Trawl calls (LocalStack); a service's own variable wins over it. */
    public static final String AWS_ENDPOINT_VARIABLE = "TRAWL_AWS_ENDPOINT";

    private AwsEnvironment() {}

    /** An access key with its secret. */
    public record StaticCredentials(String accessKey, String secretKey)
    {
        public StaticCredentials
        {
            requireNonNull(accessKey, "accessKey is null");
            requireNonNull(secretKey, "secretKey is null");
        }
    }

    /** The service's endpoint: {@code serviceVariable}, else {@value #AWS_ENDPOINT_VARIABLE}; empty means AWS itself. */
    public static Optional<URI> endpoint(Map<String, String> environment, String serviceVariable)
    {
        return nonBlank(environment.get(serviceVariable))
                .or(() -> nonBlank(environment.get(AWS_ENDPOINT_VARIABLE)))
                .map(URI::create);
    }

    /** The service's region: {@code serviceVariable}, else {@code AWS_REGION}; empty means the client's default. */
    public static Optional<String> region(Map<String, String> environment, String serviceVariable)
    {
        return nonBlank(environment.get(serviceVariable)).or(() -> nonBlank(environment.get("AWS_REGION")));
    }

    /**
     * Static credentials from {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, unless a session token is
     * set: Lambda's execution role hands out session credentials, which must come from the SDK's default chain.
     */
    public static Optional<StaticCredentials> staticCredentials(Map<String, String> environment)
    {
        Optional<String> accessKey = nonBlank(environment.get("AWS_ACCESS_KEY_ID"));
        Optional<String> secretKey = nonBlank(environment.get("AWS_SECRET_ACCESS_KEY"));
        if (accessKey.isEmpty() || secretKey.isEmpty() || nonBlank(environment.get("AWS_SESSION_TOKEN")).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new StaticCredentials(accessKey.get(), secretKey.get()));
    }

    /**
     * Checks what every client's settings share: a region, credentials given in pairs, positive timeouts with the
     * attempt within the call, and no negative retry count.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void checkClientSettings(String region, Optional<String> accessKey, Optional<String> secretKey, Duration apiCallTimeout, Duration attemptTimeout, int maxRetries)
    {
        requireNonNull(region, "region is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        requireNonNull(apiCallTimeout, "apiCallTimeout is null");
        requireNonNull(attemptTimeout, "attemptTimeout is null");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region is blank");
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("accessKey and secretKey must be given together");
        }
        if (!apiCallTimeout.isPositive() || !attemptTimeout.isPositive()) {
            throw new IllegalArgumentException("timeouts must be positive: call %s, attempt %s".formatted(apiCallTimeout, attemptTimeout));
        }
        if (attemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("attemptTimeout %s exceeds apiCallTimeout %s".formatted(attemptTimeout, apiCallTimeout));
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries is negative: " + maxRetries);
        }
    }

    /**
     * The timeouts and retries every AWS client of Trawl's uses: standard retries with exponential backoff (longer
     * after throttling), and no circuit breaker, whose token bucket would stop retrying every call of the process
     * after one burst of throttling.
     */
    public static ClientOverrideConfiguration clientOverrides(Duration apiCallTimeout, Duration attemptTimeout, int maxRetries)
    {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(apiCallTimeout)
                .apiCallAttemptTimeout(attemptTimeout)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxRetries + 1)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(5)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(20)))
                        .circuitBreakerEnabled(false)
                        .build())
                .build();
    }

    private static Optional<String> nonBlank(String value)
    {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
