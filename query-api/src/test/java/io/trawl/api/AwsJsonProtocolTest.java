package io.trawl.api;

import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsJsonProtocolTest
{
    @TempDir
    static Path home;

    private static TrawlApiServer server;

    @BeforeAll
    static void start()
    {
        server = TrawlApiServer.start(ServerSettings.defaults(home));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void unknownOperationIsAnAwsErrorTheSdkUnderstands()
    {
        try (AthenaClient athena = server.athena()) {
            assertThatThrownBy(() -> athena.listEngineVersions(request -> {}))
                    .isInstanceOfSatisfying(AthenaException.class, error -> {
                        assertThat(error.statusCode()).isEqualTo(400);
                        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Unknown operation AmazonAthena.ListEngineVersions");
                    });
        }
    }

    @Test
    void unsignedRequestIsUnrecognizedClient()
            throws Exception
    {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "AmazonAthena.ListWorkGroups")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnrecognizedClientException");
        assertThat(response.body()).contains("\"__type\":\"UnrecognizedClientException\"");
    }
}
