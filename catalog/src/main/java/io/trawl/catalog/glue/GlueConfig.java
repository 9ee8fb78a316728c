package io.trawl.catalog.glue;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to reach an AWS Glue Data Catalog: AWS itself ({@link #defaults()}), or any server speaking Glue's API at
 * {@code endpoint} (LocalStack, another Trawl's API).
 *
 * @param endpoint overrides the region's Glue endpoint, e.g. {@code http://localhost:4566}
 * @param region signing region
 * @param catalogId the Data Catalog to use (an AWS account id); empty is the caller's own account's
 * @param accessKey static credentials, used only together with {@code secretKey}; else the SDK's default chain
 * @param apiCallTimeout bound on a whole call including retries, so no catalog call can hang a query
 * @param attemptTimeout bound on a single HTTP attempt (also the socket read timeout)
 * @param maxRetries retries after the first attempt, with backoff, on throttling, 5xx answers and connection failures
 */
public record GlueConfig(
        Optional<URI> endpoint,
        String region,
        Optional<String> catalogId,
        Optional<String> accessKey,
        Optional<String> secretKey,
        Duration apiCallTimeout,
        Duration attemptTimeout,
        int maxRetries)
{
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String ENDPOINT_VARIABLE = "TRAWL_GLUE_ENDPOINT";
    public static final String REGION_VARIABLE = "TRAWL_GLUE_REGION";
    public static final String CATALOG_ID_VARIABLE = "TRAWL_GLUE_CATALOG_ID";
    /** One endpoint for every AWS service Trawl calls (LocalStack); {@link #ENDPOINT_VARIABLE} wins over it. */
    public static final String AWS_ENDPOINT_VARIABLE = "TRAWL_AWS_ENDPOINT";

    public GlueConfig
    {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(catalogId, "catalogId is null");
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

    /** AWS Glue in us-east-1, the caller's catalog, the default credentials chain, 1-minute calls, 20-second attempts, 5 retries. */
    public static GlueConfig defaults()
    {
        return new GlueConfig(Optional.empty(), DEFAULT_REGION, Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofMinutes(1), Duration.ofSeconds(20), 5);
    }

    /**
     * Glue settings from the environment: $TRAWL_GLUE_ENDPOINT, else $TRAWL_AWS_ENDPOINT, else AWS itself; $TRAWL_GLUE_REGION (else $AWS_REGION,
     * else us-east-1); $TRAWL_GLUE_CATALOG_ID, else the caller's account; static credentials from $AWS_ACCESS_KEY_ID
     * and $AWS_SECRET_ACCESS_KEY when there is no session token (on Lambda the role's session credentials come from the
     * default chain), else the SDK's default chain.
     */
    public static GlueConfig fromEnvironment(Map<String, String> environment)
    {
        GlueConfig config = defaults();
        String endpoint = nonBlank(environment.get(ENDPOINT_VARIABLE));
        if (endpoint == null) {
            endpoint = nonBlank(environment.get(AWS_ENDPOINT_VARIABLE));
        }
        if (endpoint != null) {
            config = config.withEndpoint(URI.create(endpoint));
        }
        String region = nonBlank(environment.get(REGION_VARIABLE));
        if (region == null) {
            region = nonBlank(environment.get("AWS_REGION"));
        }
        if (region != null) {
            config = config.withRegion(region);
        }
        String catalogId = nonBlank(environment.get(CATALOG_ID_VARIABLE));
        if (catalogId != null) {
            config = config.withCatalogId(catalogId);
        }
        String accessKey = nonBlank(environment.get("AWS_ACCESS_KEY_ID"));
        String secretKey = nonBlank(environment.get("AWS_SECRET_ACCESS_KEY"));
        if (accessKey != null && secretKey != null && nonBlank(environment.get("AWS_SESSION_TOKEN")) == null) {
            config = config.withCredentials(accessKey, secretKey);
        }
        return config;
    }

    public GlueConfig withEndpoint(URI newEndpoint)
    {
        return new GlueConfig(Optional.of(newEndpoint), region, catalogId, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries);
    }

    public GlueConfig withRegion(String newRegion)
    {
        return new GlueConfig(endpoint, newRegion.toLowerCase(Locale.ROOT), catalogId, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries);
    }

    public GlueConfig withCatalogId(String newCatalogId)
    {
        return new GlueConfig(endpoint, region, Optional.of(newCatalogId), accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries);
    }

    public GlueConfig withCredentials(String newAccessKey, String newSecretKey)
    {
        return new GlueConfig(endpoint, region, catalogId, Optional.of(newAccessKey), Optional.of(newSecretKey), apiCallTimeout, attemptTimeout, maxRetries);
    }

    public GlueConfig withTimeouts(Duration newApiCallTimeout, Duration newAttemptTimeout)
    {
        return new GlueConfig(endpoint, region, catalogId, accessKey, secretKey, newApiCallTimeout, newAttemptTimeout, maxRetries);
    }

    public GlueConfig withMaxRetries(int newMaxRetries)
    {
        return new GlueConfig(endpoint, region, catalogId, accessKey, secretKey, apiCallTimeout, attemptTimeout, newMaxRetries);
    }

    private static String nonBlank(String value)
    {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
