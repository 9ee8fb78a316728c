package io.trawl.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trawl.api.SignedHttp;
import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports over the REST API, signed like every request: create (the caller owns it), read, list, run now and follow
 * the run to its end, its history, the query it ran, delete; problem documents for what is wrong. The server's own
 * scheduler is off (TRAWL_REPORT_TICK_SECONDS=0) so only the runs asked for happen.
 */
class RestReportApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @TempDir
    static Path out;

    private static TrawlApiServer server;

    @BeforeAll
    static void start()
    {
        server = TrawlApiServer.start(ServerSettings.defaults(home).withEnvironment(Map.of("TRAWL_REPORT_TICK_SECONDS", "0")));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static ObjectNode definition(String name)
    {
        ObjectNode report = JSON.createObjectNode()
                .put("name", name)
                .put("sql", "SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS t (id, name)")
                .put("schedule", "cron(0 9 ? * MON-FRI *)")
                .put("timeZone", "Europe/Berlin");
        report.putObject("output").put("format", "CSV").put("destination", out.toUri() + name + "/{yyyy}/{MM}/").put("retentionDays", 7);
        report.putObject("notification").put("webhookUrl", "http://127.0.0.1:9/hook");
        report.putObject("catchUp").put("policy", "all").put("limit", 3);
        return report;
    }

    @Test
    void createReadRunFollowAndDelete()
            throws Exception
    {
        HttpResponse<String> created = send("POST", "/v1/reports", definition("weekday-numbers").toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/v1/reports/weekday-numbers");
        JsonNode report = JSON.readTree(created.body());
        assertThat(report.get("owner").asText()).as("the caller's principal").isEqualTo(TrawlApiServer.ACCESS_KEY);
        assertThat(report.get("schedule").asText()).isEqualTo("cron(0 9 ? * MON-FRI *)");
        assertThat(report.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(report.get("database").asText()).isEqualTo("default");
        assertThat(report.get("workGroup").asText()).isEqualTo("primary");
        assertThat(report.get("output").get("destination").asText()).isEqualTo(out.toUri() + "weekday-numbers/{yyyy}/{MM}/");
        assertThat(report.get("catchUp").get("policy").asText()).isEqualTo("all");
        assertThat(report.get("catchUp").get("limit").asInt()).isEqualTo(3);
        assertThat(report.get("enabled").asBoolean()).isTrue();
        assertThat(Instant.parse(report.get("nextOccurrence").asText())).isAfter(Instant.parse(report.get("createdAt").asText()));

        assertThat(JSON.readTree(get("/v1/reports/weekday-numbers").body())).isEqualTo(report);
        assertThat(JSON.readTree(get("/v1/reports").body()).get("reports")).anySatisfy(listed -> assertThat(listed).isEqualTo(report));

        HttpResponse<String> started = send("POST", "/v1/reports/weekday-numbers/runs", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode run = JSON.readTree(started.body());
        assertThat(run.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(run.get("state").asText()).isEqualTo("RUNNING");
        String runId = run.get("id").asText();
        assertThat(started.headers().firstValue("Location")).contains("/v1/reports/weekday-numbers/runs/" + runId);

        JsonNode done = awaitEnd("/v1/reports/weekday-numbers/runs/" + runId);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        String output = done.get("outputs").get(0).asText();
        assertThat(output).startsWith(out.toUri() + "weekday-numbers/").endsWith(".csv");
        assertThat(Path.of(URI.create(output))).content().isEqualTo("\"id\",\"name\"\n\"1\",\"one\"\n\"2\",\"two\"\n");
        JsonNode query = JSON.readTree(get("/v1/queries/" + done.get("queryId").asText()).body());
        assertThat(query.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(query.get("principal").asText()).as("the owner's query").isEqualTo(TrawlApiServer.ACCESS_KEY);

        JsonNode history = JSON.readTree(get("/v1/reports/weekday-numbers/runs").body());
        assertThat(history.get("runs")).singleElement().satisfies(listed -> assertThat(listed).isEqualTo(done));

        HttpResponse<String> deleted = send("DELETE", "/v1/reports/weekday-numbers", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("name").asText()).isEqualTo("weekday-numbers");
        assertThat(get("/v1/reports/weekday-numbers").statusCode()).isEqualTo(404);
        assertThat(Path.of(URI.create(output))).as("its outputs stay").exists();
    }

    @Test
    void whatIsWrongIsAProblemDocument()
            throws Exception
    {
        assertThat(send("POST", "/v1/reports", definition("twice").toString()).statusCode()).isEqualTo(201);
        assertProblem(send("POST", "/v1/reports", definition("twice").toString()), 409, "AlreadyExists", "Report twice already exists");

        ObjectNode bothDays = definition("both-days").put("schedule", "cron(0 9 * * MON *)");
        assertProblem(send("POST", "/v1/reports", bothDays.toString()), 400, "InvalidRequest",
                "cron(0 9 * * MON *): day-of-month (*) and day-of-week (MON) cannot both be set; write ? in one of them, e.g. cron(0 9 * * ? *) or cron(0 9 ? * MON *)");
        assertProblem(send("POST", "/v1/reports", definition("zone").put("timeZone", "Mars/Olympus").toString()), 400, "InvalidRequest",
                "Unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Berlin, America/New_York or UTC");
        assertProblem(send("POST", "/v1/reports", definition("ddl").put("sql", "DROP TABLE x").toString()), 400, "InvalidRequest",
                "A report's SQL is a query (SELECT, WITH, VALUES), whose rows are the report");
        assertProblem(send("POST", "/v1/reports", definition("bad/name").toString()), 400, "InvalidRequest",
                "A report name is 1 to 128 letters, digits, '-' and '_', starting with a letter or digit, not 'bad/name'");
        assertProblem(send("POST", "/v1/reports", definition("group").put("workGroup", "nope").toString()), 404, "NotFound", "WorkGroup nope is not found.");
        HttpResponse<String> typo = send("POST", "/v1/reports", definition("typo").put("shedule", "rate(1 hour)").toString());
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(typo.body()).get("detail").asText()).startsWith("The body is not a JSON report: ").contains("shedule");
        assertProblem(get("/v1/reports/missing"), 404, "NotFound", "Report missing is not found");
        assertProblem(send("POST", "/v1/reports/missing/runs", null), 404, "NotFound", "Report missing is not found");
        assertProblem(get("/v1/reports/twice/runs/123"), 404, "NotFound", "Report twice has no run 123");
        assertThat(get("/v1/reports/missing/runs").statusCode()).isEqualTo(404);

        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/v1/reports")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).as("signed like every request").isIn(400, 403);
    }

    @Test
    void theOpenApiDocumentDescribesTheReportEndpoints()
            throws Exception
    {
        String document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/openapi.yaml")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(document).contains("  /v1/reports:\n", "  /v1/reports/{name}:\n", "  /v1/reports/{name}/runs:\n", "  /v1/reports/{name}/runs/{id}:\n",
                "    CreateReport:\n", "    ReportRun:\n");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String detail)
            throws Exception
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("title").asText()).isEqualTo(type);
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
    }

    private static JsonNode awaitEnd(String path)
            throws Exception
    {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonNode run = JSON.readTree(get(path).body());
            String state = run.get("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return run;
            }
            assertThat(Instant.now()).as("run %s still %s", path, state).isBefore(deadline);
        }
    }

    private static HttpResponse<String> send(String method, String path, String body)
    {
        return SignedHttp.send(method, uri(path), body == null ? Map.of() : Map.of("Content-Type", "application/json"), body);
    }

    private static HttpResponse<String> get(String path)
    {
        return SignedHttp.send("GET", uri(path), Map.of(), null);
    }

    private static URI uri(String path)
    {
        return server.endpoint().resolve(path);
    }
}
