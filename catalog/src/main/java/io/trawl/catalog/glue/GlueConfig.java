package io.trawl.catalog.glue;

import io.trawl.catalog.aws.AwsEnvironment;

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
    public static final String AWS_ENDPOINT_VARIABLE = AwsEnvironment.AWS_ENDPOINT_VARIABLE;

    public GlueConfig
    {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(catalogId, "catalogId is null");
        AwsEnvironment.checkClientSettings(region, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries);
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
        config = AwsEnvironment.endpoint(environment, ENDPOINT_VARIABLE).map(config::withEndpoint).orElse(config);
        config = AwsEnvironment.region(environment, REGION_VARIABLE).map(config::withRegion).orElse(config);
        String catalogId = environment.getOrDefault(CATALOG_ID_VARIABLE, "").trim();
        if (!catalogId.isEmpty()) {
            config = config.withCatalogId(catalogId);
        }
        Optional<AwsEnvironment.StaticCredentials> credentials = AwsEnvironment.staticCredentials(environment);
        if (credentials.isPresent()) {
            config = config.withCredentials(credentials.get().accessKey(), credentials.get().secretKey());
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

}
