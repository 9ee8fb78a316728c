package io.trawl.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API served through API Gateway HTTP API events (payload 2.0), as the Lambda function receives them: a signed
 * Athena request lifecycle (start, poll, results) and the OpenAPI document, with no HTTP server in between.
 */
class ApiGatewayHandlerTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "abcdef1234.lambda-url.us-east-1.on.aws";

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
    void athenaLifecycleThroughApiGatewayEvents()
            throws Exception
    {
        APIGatewayV2HTTPResponse started = athena("StartQueryExecution", "{\"QueryString\": \"SELECT 6 * 7 AS answer, 'lambda' AS via\"}");
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(200);
        String id = JSON.readTree(started.getBody()).get("QueryExecutionId").asText();

        Instant deadline = Instant.now().plusSeconds(30);
        String state;
        do {
            JsonNode execution = JSON.readTree(athena("GetQueryExecution", "{\"QueryExecutionId\": \"%s\"}".formatted(id)).getBody()).get("QueryExecution");
            state = execution.get("Status").get("State").asText();
            assertThat(Instant.now()).as("query still " + state).isBefore(deadline);
        }
        while (!state.equals("SUCCEEDED") && !state.equals("FAILED"));
        assertThat(state).isEqualTo("SUCCEEDED");

        JsonNode rows = JSON.readTree(athena("GetQueryResults", "{\"QueryExecutionId\": \"%s\"}".formatted(id)).getBody()).get("ResultSet").get("Rows");
        assertThat(rows.get(0).get("Data").get(0).get("VarCharValue").asText()).isEqualTo("answer");
        assertThat(rows.get(1).get("Data").get(0).get("VarCharValue").asText()).isEqualTo("42");
        assertThat(rows.get(1).get("Data").get(1).get("VarCharValue").asText()).isEqualTo("lambda");
    }

    @Test
    void unsignedEventsAreRefusedAsAwsDoes()
    {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("POST", "/", Map.of("content-type", "application/x-amz-json-1.1", "x-amz-target", "AmazonAthena.ListWorkGroups"), "{}"), null);
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("UnrecognizedClientException");
    }

    @Test
    void openApiDocumentThroughAnEvent()
    {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "/openapi.yaml", Map.of(), null), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).startsWith("openapi: 3.1.0");
    }

    @Test
    void aCallerAwsVerifiedIsTheTrawlPrincipalItsIamArnMapsTo()
            throws Exception
    {
        String account = "123456789012";
        Map<String, String> environment = Map.of(
                "TRAWL_ACCESS_KEYS", TrawlApiServer.ACCESS_KEY + ":" + TrawlApiServer.SECRET_KEY + ":analyst",
                "TRAWL_ADMINS", "dataadmin",
                "TRAWL_IAM_PRINCIPALS", "arn:aws:sts::%s:assumed-role/AWSReservedSSO_*/*={session}".formatted(account));
        try (ApplicationContext iamContext = ApplicationContext.builder().deduceEnvironment(false)
                .singletons(ServerSettings.defaults(home.resolve("iam")).withEnvironment(environment)).start()) {
            ApiGatewayHandler iamHandler = new ApiGatewayHandler(iamContext);
            // an administrator by its role name (the default mapping): access statements are the administrators'
            String admin = "arn:aws:sts::%s:assumed-role/DataAdmin/any-session-name".formatted(account);
            assertThat(runAs(iamHandler, admin, "CREATE USER carol").get("Status").get("State").asText()).isEqualTo("SUCCEEDED");
            // a session name is trusted only where a rule says so (IAM Identity Center sets it)
            JsonNode refused = runAs(iamHandler, "arn:aws:sts::%s:assumed-role/AWSReservedSSO_Analyst_0a1b/carol".formatted(account), "CREATE USER dave");
            assertThat(refused.get("Status").get("State").asText()).isEqualTo("FAILED");
            assertThat(refused.get("Status").get("StateChangeReason").asText()).contains("Access Denied");
            // the account's root maps to nobody
            APIGatewayV2HTTPResponse root = iamHandler.handleRequest(iamEvent("arn:aws:iam::%s:root".formatted(account), "ListWorkGroups", "{}"), null);
            assertThat(root.getStatusCode()).isEqualTo(403);
            assertThat(root.getBody()).contains("AccessDeniedException").contains("maps to no Trawl principal");
        }
    }

    private static JsonNode runAs(ApiGatewayHandler handler, String arn, String sql)
            throws Exception
    {
        APIGatewayV2HTTPResponse started = handler.handleRequest(iamEvent(arn, "StartQueryExecution", JSON.writeValueAsString(Map.of("QueryString", sql))), null);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(200);
        String id = JSON.readTree(started.getBody()).get("QueryExecutionId").asText();
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            APIGatewayV2HTTPResponse polled = handler.handleRequest(iamEvent(arn, "GetQueryExecution", "{\"QueryExecutionId\": \"%s\"}".formatted(id)), null);
            assertThat(polled.getStatusCode()).as(polled.getBody()).isEqualTo(200);
            JsonNode execution = JSON.readTree(polled.getBody()).get("QueryExecution");
            String state = execution.get("Status").get("State").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return execution;
            }
            assertThat(Instant.now()).as("query still " + state).isBefore(deadline);
        }
    }

    /**
     * An Athena request as a function URL with AWS_IAM auth delivers it: signed for the lambda service with credentials
     * Trawl does not hold (Lambda checked them), and the caller's identity in the request context.
     */
    private static APIGatewayV2HTTPEvent iamEvent(String arn, String operation, String body)
    {
        Map<String, String> headers = Map.of(
                "content-type", "application/x-amz-json-1.1",
                "x-amz-target", "AmazonAthena." + operation,
                "host", HOST,
                "authorization", "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261206/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123",
                "x-amz-date", "20261206T000000Z");
        APIGatewayV2HTTPEvent event = event("POST", "/", headers, body);
        event.getRequestContext().setAuthorizer(new APIGatewayV2HTTPEvent.RequestContext.Authorizer(null, null,
                APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(arn).withAccessKey("ASIAEXAMPLE").withAccountId("123456789012").build()));
        return event;
    }

    private APIGatewayV2HTTPResponse athena(String operation, String body)
    {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/x-amz-json-1.1", "x-amz-target", "AmazonAthena." + operation, "host", HOST));
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("https://" + HOST + "/"));
        headers.forEach(unsigned::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(request -> request
                .identity(AwsBasicCredentials.create(TrawlApiServer.ACCESS_KEY, TrawlApiServer.SECRET_KEY))
                .request(unsigned.build())
                .payload(() -> new ByteArrayInputStream(content))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "athena")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        Map<String, String> signedHeaders = new HashMap<>();
        signed.request().headers().forEach((name, values) -> signedHeaders.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
        return handler.handleRequest(event("POST", "/", signedHeaders, body), null);
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers, String body)
    {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withDomainName(HOST)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("203.0.113.7").build())
                        .withRequestId("request-" + System.nanoTime())
                        .withStage("$default")
                        .withTimeEpoch(System.currentTimeMillis())
                        .build())
                .build();
    }
}
