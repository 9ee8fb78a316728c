package io.trawl.scan.store.s3;

import io.trawl.catalog.aws.AwsEnvironment;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to reach S3 or an S3-compatible server. {@link #defaults()} reaches AWS itself: the region's endpoint,
 * virtual-hosted addressing, credentials from the SDK's default provider chain (environment, profile, IMDS,
 * container role). For LocalStack, MinIO or S3Proxy set an {@code endpoint} and path-style addressing.
 *
 * @param endpoint overrides the region's AWS endpoint, e.g. {@code http://localhost:4566}
 * @param region signing region; S3-compatible servers accept any, AWS needs the bucket's
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; local servers need it
 * @param accessKey static credentials, used only together with {@code secretKey}; else the default chain
 * @param apiCallTimeout bound on a whole call including retries, so no call can hang a query
 * @param attemptTimeout bound on a single HTTP attempt (also the socket read timeout)
 * @param maxRetries retries after the first attempt, with exponential backoff, on throttling (503 SlowDown),
 * 5xx answers and connection failures
 * @param partSizeBytes a streaming write becomes a multipart upload once it exceeds this; each part is this big
 * (S3's minimum part size is 5 MiB except for the last part; servers for tests accept smaller)
 * @param listPageSize keys per ListObjectsV2 page (S3 answers at most 1000)
 */
public record S3Config(
        Optional<URI> endpoint,
        String region,
        boolean pathStyle,
        Optional<String> accessKey,
        Optional<String> secretKey,
        Duration apiCallTimeout,
        Duration attemptTimeout,
        int maxRetries,
        long partSizeBytes,
        int listPageSize)
{
    public static final String DEFAULT_REGION = "us-east-1";
    public static final long DEFAULT_PART_SIZE_BYTES = 8L * 1024 * 1024;

    public S3Config
    {
        requireNonNull(endpoint, "endpoint is null");
        AwsEnvironment.checkClientSettings(region, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries);
        if (partSizeBytes < 1 || partSizeBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("partSizeBytes out of range: " + partSizeBytes);
        }
        if (listPageSize < 1 || listPageSize > 1000) {
            throw new IllegalArgumentException("listPageSize must be in 1..1000: " + listPageSize);
        }
    }

    /** AWS S3 in us-east-1 with the default credentials chain, 2-minute calls, 30-second attempts, 5 retries. */
    public static S3Config defaults()
    {
        return new S3Config(Optional.empty(), DEFAULT_REGION, false, Optional.empty(), Optional.empty(),
                Duration.ofMinutes(2), Duration.ofSeconds(30), 5, DEFAULT_PART_SIZE_BYTES, 1000);
    }

    /** The environment variable naming an S3-compatible endpoint (LocalStack, MinIO); unset means AWS. */
    public static final String ENDPOINT_VARIABLE = "TRAWL_S3_ENDPOINT";
    public static final String REGION_VARIABLE = "TRAWL_S3_REGION";
    public static final String PATH_STYLE_VARIABLE = "TRAWL_S3_PATH_STYLE";
    /** One endpoint for every AWS service Trawl calls (LocalStack); a service's own variable wins over it. */
    public static final String AWS_ENDPOINT_VARIABLE = AwsEnvironment.AWS_ENDPOINT_VARIABLE;

    /**
     * S3 settings from the environment, the same for the CLI, the API and scan workers: $TRAWL_S3_ENDPOINT,
     * else $TRAWL_AWS_ENDPOINT, else AWS itself; $TRAWL_S3_REGION (else $AWS_REGION, else us-east-1); $TRAWL_S3_PATH_STYLE, by default on
     * exactly when an endpoint is set (local servers need it, AWS prefers virtual-hosted); static credentials
     * from $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY (plus nothing else: on Lambda the session token
     * comes with the default chain), else the AWS SDK's default chain (profiles, SSO, instance and container roles).
     */
    public static S3Config fromEnvironment(java.util.Map<String, String> environment)
    {
        S3Config config = defaults();
        config = AwsEnvironment.endpoint(environment, ENDPOINT_VARIABLE).map(config::withEndpoint).orElse(config);
        config = AwsEnvironment.region(environment, REGION_VARIABLE).map(config::withRegion).orElse(config);
        String pathStyle = environment.getOrDefault(PATH_STYLE_VARIABLE, "").trim();
        if (!pathStyle.isEmpty()) {
            config = config.withPathStyle(Boolean.parseBoolean(pathStyle.toLowerCase(java.util.Locale.ROOT)));
        }
        Optional<AwsEnvironment.StaticCredentials> credentials = AwsEnvironment.staticCredentials(environment);
        if (credentials.isPresent()) {
            config = config.withCredentials(credentials.get().accessKey(), credentials.get().secretKey());
        }
        return config;
    }

    /** This config against an S3-compatible server at {@code endpoint}, with path-style addressing. */
    public S3Config withEndpoint(URI endpoint)
    {
        return new S3Config(Optional.of(endpoint), region, true, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries, partSizeBytes, listPageSize);
    }

    public S3Config withRegion(String region)
    {
        return new S3Config(endpoint, region, pathStyle, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries, partSizeBytes, listPageSize);
    }

    public S3Config withPathStyle(boolean pathStyle)
    {
        return new S3Config(endpoint, region, pathStyle, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries, partSizeBytes, listPageSize);
    }

    public S3Config withCredentials(String accessKey, String secretKey)
    {
        return new S3Config(endpoint, region, pathStyle, Optional.of(accessKey), Optional.of(secretKey), apiCallTimeout, attemptTimeout, maxRetries, partSizeBytes, listPageSize);
    }

    public S3Config withTimeouts(Duration apiCallTimeout, Duration attemptTimeout)
    {
        return new S3Config(endpoint, region, pathStyle, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries, partSizeBytes, listPageSize);
    }

    public S3Config withMaxRetries(int maxRetries)
    {
        return new S3Config(endpoint, region, pathStyle, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries, partSizeBytes, listPageSize);
    }

    public S3Config withPartSizeBytes(long partSizeBytes)
    {
        return new S3Config(endpoint, region, pathStyle, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries, partSizeBytes, listPageSize);
    }

    public S3Config withListPageSize(int listPageSize)
    {
        return new S3Config(endpoint, region, pathStyle, accessKey, secretKey, apiCallTimeout, attemptTimeout, maxRetries, partSizeBytes, listPageSize);
    }
}
