package io.trawl.api.auth;

import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real server with access keys configured, called through the real AthenaClient. The operation called is one Trawl
 * does not serve: its {@code UnknownOperationException} (400) comes after authentication, so it shows the signature
 * passed, where a failed authentication answers 403 first.
 */
class SigV4EndToEndTest
{
    @TempDir
    static Path home;

    private static TrawlApiServer server;

    @BeforeAll
    static void start()
    {
        server = TrawlApiServer.start(ServerSettings.defaults(home).withEnvironment(Map.of(
                "TRAWL_ACCESS_KEYS", TrawlApiServer.ACCESS_KEY + ":" + TrawlApiServer.SECRET_KEY + ":analyst,ASIASESSION:session-secret:session-user:session-token")));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void sdkSignedRequestPassesAuthentication()
    {
        try (AthenaClient athena = server.athena()) {
            assertAthenaError(athena, 400, "UnknownOperationException");
        }
    }

    @Test
    void sdkSessionCredentialsPassAuthentication()
    {
        try (AthenaClient athena = athena(AwsSessionCredentials.create("ASIASESSION", "session-secret", "session-token"))) {
            assertAthenaError(athena, 400, "UnknownOperationException");
        }
        try (AthenaClient athena = athena(AwsSessionCredentials.create("ASIASESSION", "session-secret", "another-token"))) {
            assertAthenaError(athena, 403, "UnrecognizedClientException");
        }
    }

    @Test
    void wrongSecretIsInvalidSignature()
    {
        try (AthenaClient athena = server.athena(TrawlApiServer.ACCESS_KEY, "not-the-secret")) {
            assertAthenaError(athena, 403, "InvalidSignatureException");
        }
    }

    @Test
    void unknownAccessKeyIsUnrecognizedClient()
    {
        try (AthenaClient athena = server.athena("AKIDUNKNOWN", TrawlApiServer.SECRET_KEY)) {
            assertAthenaError(athena, 403, "UnrecognizedClientException");
        }
    }

    private static void assertAthenaError(AthenaClient athena, int status, String errorCode)
    {
        assertThatThrownBy(() -> athena.getCapacityAssignmentConfiguration(request -> request.capacityReservationName("any")))
                .isInstanceOfSatisfying(AthenaException.class, error -> {
                    assertThat(error.awsErrorDetails().errorCode()).as(error.awsErrorDetails().errorMessage()).isEqualTo(errorCode);
                    assertThat(error.statusCode()).isEqualTo(status);
                });
    }

    private static AthenaClient athena(AwsSessionCredentials credentials)
    {
        return AthenaClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(60)).build())
                .build();
    }
}
