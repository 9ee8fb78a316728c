package io.trawl.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.trawl.api.http.TrawlApplication;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;

import java.net.URI;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The API on Netty on a free loopback port, for tests that drive it with the real AWS SDK clients (endpoint
 * override, static credentials), as a user's program would.
 */
public final class TrawlApiServer
        implements AutoCloseable
{
    public static final String ACCESS_KEY = "AKIDTESTANALYST";
    public static final String SECRET_KEY = "test-secret-key";

    private final EmbeddedServer server;

    private TrawlApiServer(EmbeddedServer server)
    {
        this.server = requireNonNull(server, "server is null");
    }

    public static TrawlApiServer start(ServerSettings settings)
    {
        return new TrawlApiServer(TrawlApplication.start(settings, 0));
    }

    public URI endpoint()
    {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public TrawlService service()
    {
        return server.getApplicationContext().getBean(TrawlService.class);
    }

    public AthenaClient athena()
    {
        return athena(ACCESS_KEY, SECRET_KEY);
    }

    public AthenaClient athena(String accessKey, String secretKey)
    {
        return AthenaClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    /** An Athena client that gives up at the first error, to see what the service answered (the SDK retries throttling). */
    public AthenaClient athenaWithoutRetries()
    {
        return AthenaClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    public GlueClient glue()
    {
        return glue(ACCESS_KEY, SECRET_KEY);
    }

    public GlueClient glue(String accessKey, String secretKey)
    {
        return GlueClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    @Override
    public void close()
    {
        server.getApplicationContext().close();
    }
}
