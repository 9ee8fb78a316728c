package io.trawl.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trawl.api.SignedHttp;
import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.testing.tpch.TpchLake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain REST API over the query lifecycle: submit, poll, page or stream the results, cancel, list, and problem documents. */
class RestQueryApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TpchLake LAKE = TpchLake.parquet();

    @TempDir
    static Path home;

    private static TrawlApiServer server;

    @BeforeAll
    static void start()
    {
        server = TrawlApiServer.start(ServerSettings.defaults(home));
        awaitSucceeded(submit("{\"sql\": \"CREATE DATABASE tpch\"}"));
        for (String table : List.of("nation", "region", "lineitem")) {
            String ddl = TpchGenerator.createTableSql("tpch", table, LAKE.dataDirectory().resolve(table).toUri(), TpchFormat.PARQUET);
            awaitSucceeded(submit(JSON.createObjectNode().put("sql", ddl).put("database", "tpch").toString()));
        }
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void submitPollAndReadPagesOfJson()
            throws Exception
    {
        HttpResponse<String> created = SignedHttp.send("POST", uri("/v1/queries"), Map.of("Content-Type", "application/json"),
                "{\"sql\": \"SELECT n_nationkey, n_name FROM nation ORDER BY n_nationkey\", \"database\": \"tpch\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/v1/queries/" + id);

        JsonNode done = awaitSucceeded(created);
        assertThat(done.get("statistics").get("bytesScanned").asLong()).isPositive();
        assertThat(done.get("billing").get("billedBytes").asLong()).as("billed at Athena's 10 MB minimum").isEqualTo(10L * 1024 * 1024);
        assertThat(done.get("principal").asText()).isEqualTo(TrawlApiServer.ACCESS_KEY);

        List<List<String>> rows = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String query = "maxResults=10" + (token == null ? "" : "&nextToken=" + token);
            JsonNode page = JSON.readTree(get("/v1/queries/" + id + "/results?" + query).body());
            assertThat(page.get("columns").get(1).get("name").asText()).isEqualTo("n_name");
            for (JsonNode row : page.get("rows")) {
                rows.add(List.of(row.get(0).asText(), row.get(1).asText()));
            }
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
            pages++;
        }
        while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(rows).hasSize(25);
        List<List<Object>> oracle = LAKE.oracle().query("SELECT n_nationkey, n_name FROM nation ORDER BY n_nationkey");
        for (int i = 0; i < 25; i++) {
            assertThat(rows.get(i)).containsExactly(oracle.get(i).get(0).toString(), oracle.get(i).get(1).toString());
        }
    }

    @Test
    void acceptTextCsvStreamsTheWholeResultFile()
            throws Exception
    {
        JsonNode done = awaitSucceeded(submit("{\"sql\": \"SELECT l_orderkey, l_comment FROM lineitem WHERE l_orderkey < 100 ORDER BY l_orderkey, l_linenumber\", \"database\": \"tpch\"}"));
        HttpResponse<String> csv = SignedHttp.send("GET", uri("/v1/queries/" + done.get("id").asText() + "/results"), Map.of("Accept", "text/csv"), null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("\"l_orderkey\",\"l_comment\"");
        List<List<Object>> oracle = LAKE.oracle().query("SELECT l_orderkey, l_comment FROM lineitem WHERE l_orderkey < 100 ORDER BY l_orderkey, l_linenumber");
        assertThat(lines).hasSize(oracle.size() + 1);
        for (int i = 0; i < oracle.size(); i++) {
            assertThat(lines.get(i + 1)).isEqualTo("\"%s\",\"%s\"".formatted(oracle.get(i).get(0), oracle.get(i).get(1).toString().replace("\"", "\"\"")));
        }
    }

    @Test
    void deleteCancelsAndListingShowsTheQuery()
            throws Exception
    {
        HttpResponse<String> created = submit("{\"sql\": \"SELECT count(*) FROM lineitem a CROSS JOIN lineitem b WHERE a.l_comment < b.l_comment\", \"database\": \"tpch\"}");
        String id = JSON.readTree(created.body()).get("id").asText();
        JsonNode cancelled = JSON.readTree(SignedHttp.send("DELETE", uri("/v1/queries/" + id), Map.of(), null).body());
        assertThat(cancelled.get("state").asText()).isEqualTo("CANCELLED");

        JsonNode listed = JSON.readTree(get("/v1/queries?maxResults=50").body());
        List<String> ids = new ArrayList<>();
        listed.get("queries").forEach(query -> ids.add(query.get("id").asText()));
        assertThat(ids).contains(id);
        assertThat(ids.getFirst()).as("newest first").isEqualTo(id);
    }

    @Test
    void errorsAreProblemDocuments()
            throws Exception
    {
        HttpResponse<String> missing = get("/v1/queries/0190f7e2-0000-7000-8000-000000000000");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(missing.body()).get("detail").asText()).isEqualTo("QueryExecution 0190f7e2-0000-7000-8000-000000000000 was not found");

        HttpResponse<String> noSql = submit("{\"database\": \"tpch\"}");
        assertThat(noSql.statusCode()).isEqualTo(400);

        HttpResponse<String> badJson = submit("{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);

        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/v1/queries")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(unsigned.body()).get("title").asText()).isEqualTo("UnrecognizedClientException");

        String failedId = JSON.readTree(submit("{\"sql\": \"SELECT * FROM nowhere\", \"database\": \"tpch\"}").body()).get("id").asText();
        JsonNode failed = await(failedId);
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        HttpResponse<String> results = get("/v1/queries/" + failedId + "/results");
        assertThat(results.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(results.body()).get("detail").asText()).containsIgnoringCase("nowhere");
    }

    @Test
    void openApiDocumentIsServed()
            throws Exception
    {
        HttpResponse<String> document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/openapi.yaml")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).startsWith("openapi: 3.1.0").contains("/v1/queries/{id}/results:");
    }

    private static HttpResponse<String> submit(String body)
    {
        return SignedHttp.send("POST", uri("/v1/queries"), Map.of("Content-Type", "application/json"), body);
    }

    private static HttpResponse<String> get(String path)
    {
        return SignedHttp.send("GET", uri(path), Map.of(), null);
    }

    private static JsonNode awaitSucceeded(HttpResponse<String> created)
    {
        try {
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode done = await(JSON.readTree(created.body()).get("id").asText());
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            return done;
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode await(String id)
    {
        Instant deadline = Instant.now().plusSeconds(60);
        try {
            while (true) {
                JsonNode query = JSON.readTree(get("/v1/queries/" + id).body());
                String state = query.get("state").asText();
                if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                    return query;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("query " + id + " still " + state);
                }
                Thread.sleep(20);
            }
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static URI uri(String path)
    {
        return URI.create(server.endpoint() + path);
    }
}
