package io.trawl.api.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trawl.api.report.ReportDefinition;
import io.trawl.api.report.ReportRun;
import io.trawl.api.report.ReportService;
import io.trawl.api.report.ReportSettings;
import io.trawl.api.report.ReportStore;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;
import io.trawl.testing.lambda.LambdaFunction;
import io.trawl.testing.lambda.LocalLambdaServer;
import io.trawl.testing.time.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports on AWS: a fixed EventBridge Scheduler schedule invokes the coordinator function every minute with
 * {@code {"action": "run-due-reports"}} (the schedule's Input, delivered as the event); the function, on the local
 * Lambda endpoint with the real CoordinatorHandler, ticks the scheduler once over the shared meta store and returns
 * when the runs it started have ended. A second invocation finds the occurrence claimed.
 */
class CoordinatorReportsTest
{
    private static final String COORDINATOR = "trawl-coordinator";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temporary;

    @Test
    void theScheduledEventRunsTheDueReportsOnce()
            throws Exception
    {
        Path meta = temporary.resolve("meta");
        // a report created 2 h 10 min ago that runs hourly: its newest occurrence was 10 minutes ago, missed; the
        // catch-up policy latest runs it
        Instant created = Instant.now().minus(Duration.ofMinutes(130)).truncatedTo(ChronoUnit.SECONDS);
        try (TrawlService setup = TrawlService.create(ServerSettings.defaults(temporary.resolve("setup")).withCatalogLocation(meta.toUri()));
                ReportService reports = new ReportService(new ReportStore(setup.metaDocuments()), setup.workGroups(), setup.queries(), setup.trawl().store(),
                        ReportSettings.DEFAULTS, new TestClock(created), "setup")) {
            reports.create(ReportDefinition.of("hourly", "SELECT 6 * 7 AS answer", "rate(1 hour)", temporary.toUri() + "out/"), "analyst");
        }

        try (LocalLambdaServer lambda = LocalLambdaServer.start();
                LambdaClient client = LambdaClient.builder()
                        .endpointOverride(lambda.endpoint())
                        .region(Region.of(LocalLambdaServer.REGION))
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build()) {
            lambda.register(LambdaFunction.builder(COORDINATOR, CoordinatorHandler.class.getName())
                    .environment(Map.of("TRAWL_HOME", temporary.resolve("coordinator").toString(), "TRAWL_CATALOG", meta.toUri().toString()))
                    .timeout(Duration.ofMinutes(15))
                    .memoryMb(2048)
                    .build());

            JsonNode first = invoke(client);
            assertThat(first.get("action").asText()).isEqualTo("run-due-reports");
            assertThat(first.get("started").asInt()).isEqualTo(1);
            assertThat(first.get("failed").asInt()).isZero();

            JsonNode second = invoke(client);
            assertThat(second.get("started").asInt()).as("the occurrence is claimed").isZero();
        }

        try (TrawlService check = TrawlService.create(ServerSettings.defaults(temporary.resolve("check")).withCatalogLocation(meta.toUri()))) {
            assertThat(check.reports().history("hourly", 10)).singleElement().satisfies(run -> {
                assertThat(run.state()).as(run.reason().orElse("")).isEqualTo(ReportRun.State.SUCCEEDED);
                assertThat(run.occurrence()).isEqualTo(created.plus(Duration.ofHours(2)));
                assertThat(run.outputs()).singleElement().satisfies(output -> assertThat(Path.of(output)).content().isEqualTo("\"answer\"\n\"42\"\n"));
                assertThat(check.queries().find(run.queryId().orElseThrow()).principal()).isEqualTo("analyst");
            });
        }
    }

    private static JsonNode invoke(LambdaClient client)
            throws Exception
    {
        InvokeResponse response = client.invoke(request -> request
                .functionName(COORDINATOR)
                .invocationType(InvocationType.REQUEST_RESPONSE)
                .payload(SdkBytes.fromString("{\"action\": \"run-due-reports\"}", StandardCharsets.UTF_8)));
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        return JSON.readTree(response.payload().asUtf8String());
    }
}
