package io.trawl.infra.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.trawl.api.lambda.ApiGatewayHandler;
import io.trawl.api.lambda.CoordinatorHandler;
import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API and coordinator functions given events recorded in the shapes AWS documents ({@code events/*.json}), read
 * the way the Lambda Java runtime reads them (its own serialization into {@code aws-lambda-java-events} types), and
 * their answers written back the same way.
 */
class RecordedEventsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, RecordedEventsTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, RecordedEventsTest.class.getClassLoader());

    @TempDir
    Path home;

    private ApplicationContext context;
    private ApiGatewayHandler handler;

    @BeforeEach
    void start()
    {
        context = ApplicationContext.builder().deduceEnvironment(false).singletons(ServerSettings.defaults(home)).start();
        handler = new ApiGatewayHandler(context);
    }

    @AfterEach
    void stop()
    {
        context.close();
    }

    @Test
    void recordedEventsReadAsTheRuntimeReadsThem()
    {
        APIGatewayV2HTTPEvent httpApi = event("http-api-v2-get-openapi.json");
        assertThat(httpApi.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
        assertThat(httpApi.getRawPath()).isEqualTo("/openapi.yaml");
        assertThat(httpApi.getCookies()).containsExactly("cookie1", "cookie2");
        assertThat(httpApi.getRequestContext().getTimeEpoch()).isEqualTo(1583817383220L);

        APIGatewayV2HTTPEvent functionUrl = event("function-url-post-unsigned.json");
        assertThat(functionUrl.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(functionUrl.getRequestContext().getDomainName()).endsWith(".lambda-url.us-east-1.on.aws");
        assertThat(functionUrl.getHeaders()).containsEntry("x-amz-target", "AmazonAthena.ListWorkGroups").doesNotContainKey("authorization");
        assertThat(functionUrl.getIsBase64Encoded()).isFalse();
        assertThat(functionUrl.getBody()).isEqualTo("{}");
    }

    @Test
    void httpApiEventGetsTheOpenApiDocument()
    {
        JsonNode response = respond(event("http-api-v2-get-openapi.json"));
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("body").asText()).startsWith("openapi: 3.1.0");
    }

    @Test
    void unsignedFunctionUrlCallIsRefusedAsAwsRefusesIt()
    {
        JsonNode response = respond(event("function-url-post-unsigned.json"));
        assertThat(response.get("statusCode").asInt()).isEqualTo(403);
        assertThat(response.get("body").asText()).contains("UnrecognizedClientException");
    }

    @Test
    void coordinatorPayloadNamesTheQueryAndAnUnknownQueryFailsTheInvocation()
            throws IOException
    {
        byte[] payload = resource("coordinator-async-invoke.json");
        JsonNode json = JSON.readTree(payload);
        assertThat(List.copyOf(json.properties()).stream().map(Map.Entry::getKey).toList()).containsExactly("queryId");
        try (CoordinatorHandler coordinator = new CoordinatorHandler(Map.of("TRAWL_HOME", home.toString()))) {
            // a function error: Lambda retries an asynchronous invocation twice, then drops it
            assertThatThrownBy(() -> coordinator.handleRequest(new ByteArrayInputStream(payload), new ByteArrayOutputStream(), null))
                    .hasMessage("QueryExecution 8e0b7a6c-3f5d-4e21-9b4a-6d2c1f0e9a77 was not found");
        }
    }

    /** The handler's answer as the runtime writes it back to Lambda. */
    private JsonNode respond(APIGatewayV2HTTPEvent event)
    {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(response, out);
        try {
            return JSON.readTree(out.toString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static APIGatewayV2HTTPEvent event(String name)
    {
        return EVENTS.fromJson(new ByteArrayInputStream(resource(name)));
    }

    private static byte[] resource(String name)
    {
        try (InputStream in = RecordedEventsTest.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
