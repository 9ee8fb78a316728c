package io.trawl.cli.remote;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trawl.api.query.ResultFiles;
import io.trawl.api.rest.RestShapes;
import io.trawl.cli.output.ResultText;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A client of a Trawl API's REST API ({@code /v1/queries}, see its {@code /openapi.yaml}): every request signed with
 * SigV4 by the AWS SDK's signer, as {@code curl --aws-sigv4 "aws:amz:REGION:athena"} signs it, and sent with the JDK's
 * HTTP client. Answers are the API's own shapes ({@link RestShapes}); problem documents and network failures become
 * {@link TrawlApiException}s carrying the API's words.
 */
public final class TrawlApiClient
{
    /** The service name in the signature's scope: the REST API shares the Athena protocol's. */
    static final String SIGNING_NAME = "athena";
    static final int MAX_PAGE_ROWS = 1000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final URI endpoint;
    private final ApiCredentials credentials;
    private final String region;
    private final HttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private TrawlApiClient(URI endpoint, ApiCredentials credentials, String region, HttpClient http)
    {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.region = requireNonNull(region, "region is null");
        this.http = requireNonNull(http, "http is null");
    }

    /** A client of the API at {@code endpoint} ({@code http://host:port}, or with a base path, as behind API Gateway). */
    public static TrawlApiClient create(URI endpoint, ApiCredentials credentials, String region)
    {
        String scheme = endpoint.getScheme();
        if (endpoint.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("The endpoint must be an http:// or https:// URL, e.g. http://localhost:8080, not " + endpoint);
        }
        return new TrawlApiClient(endpoint, credentials, region, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    }

    public URI endpoint()
    {
        return endpoint;
    }

    /** Submits one statement with {@code schema} for unqualified names; the query comes back QUEUED (or already finished). */
    public RestShapes.Query submit(String sql, String schema)
    {
        byte[] body = json(new RestShapes.SubmitQuery(sql, null, schema, null, null, null, null));
        return read(send("POST", "v1/queries", Map.of("Content-Type", "application/json"), body, HttpResponse.BodyHandlers.ofByteArray()), RestShapes.Query.class);
    }

    public RestShapes.Query find(String id)
    {
        return read(send("GET", "v1/queries/" + id, Map.of(), new byte[0], HttpResponse.BodyHandlers.ofByteArray()), RestShapes.Query.class);
    }

    public RestShapes.Query cancel(String id)
    {
        return read(send("DELETE", "v1/queries/" + id, Map.of(), new byte[0], HttpResponse.BodyHandlers.ofByteArray()), RestShapes.Query.class);
    }

    /** One page of a succeeded query's rows as JSON, with its columns and Athena types. */
    public RestShapes.ResultPage resultPage(String id, Optional<String> nextToken, int maxResults)
    {
        String path = "v1/queries/%s/results?maxResults=%d%s".formatted(id, maxResults,
                nextToken.map(token -> "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).orElse(""));
        return read(send("GET", path, Map.of("Accept", "application/json"), new byte[0], HttpResponse.BodyHandlers.ofByteArray()), RestShapes.ResultPage.class);
    }

    /** A succeeded query's whole result CSV, streamed as the API stored it (header row first); close it when done. */
    public InputStream resultCsv(String id)
    {
        HttpResponse<InputStream> response = send("GET", "v1/queries/%s/results".formatted(id), Map.of("Accept", "text/csv"), new byte[0], HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        try (InputStream error = response.body()) {
            throw failure(response.statusCode(), error.readAllBytes());
        }
        catch (IOException e) {
            throw new TrawlApiException("The Trawl API at %s answered HTTP %d".formatted(endpoint, response.statusCode()), e);
        }
    }

    /** Creates a report ({@code POST /v1/reports}); the caller owns it. */
    public RestShapes.Report createReport(RestShapes.CreateReport report)
    {
        return read(send("POST", "v1/reports", Map.of("Content-Type", "application/json"), json(report), HttpResponse.BodyHandlers.ofByteArray()), RestShapes.Report.class);
    }

    public List<RestShapes.Report> reports()
    {
        return read(send("GET", "v1/reports", Map.of(), new byte[0], HttpResponse.BodyHandlers.ofByteArray()), RestShapes.ReportList.class).reports();
    }

    public RestShapes.Report report(String name)
    {
        return read(send("GET", "v1/reports/" + segment(name), Map.of(), new byte[0], HttpResponse.BodyHandlers.ofByteArray()), RestShapes.Report.class);
    }

    /** Deletes the report and its run history; answers the report as it was. */
    public RestShapes.Report deleteReport(String name)
    {
        return read(send("DELETE", "v1/reports/" + segment(name), Map.of(), new byte[0], HttpResponse.BodyHandlers.ofByteArray()), RestShapes.Report.class);
    }

    /** Runs the report now; the run comes back as started (RUNNING, or FAILED when its query could not start). */
    public RestShapes.ReportRun runReport(String name)
    {
        return read(send("POST", "v1/reports/%s/runs".formatted(segment(name)), Map.of(), new byte[0], HttpResponse.BodyHandlers.ofByteArray()), RestShapes.ReportRun.class);
    }

    public RestShapes.ReportRun reportRun(String name, String runId)
    {
        return read(send("GET", "v1/reports/%s/runs/%s".formatted(segment(name), segment(runId)), Map.of(), new byte[0], HttpResponse.BodyHandlers.ofByteArray()),
                RestShapes.ReportRun.class);
    }

    /** The report's runs, newest first, at most {@code limit}. */
    public List<RestShapes.ReportRun> reportRuns(String name, int limit)
    {
        return read(send("GET", "v1/reports/%s/runs?maxResults=%d".formatted(segment(name), limit), Map.of(), new byte[0], HttpResponse.BodyHandlers.ofByteArray()),
                RestShapes.ReportRunList.class).runs();
    }

    private static String segment(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A succeeded query's rows, read from the API as the output format prints them: a query's from its CSV (its columns
     * from one JSON page), a DDL or utility statement's from JSON pages of its text lines (Athena's form of their
     * output). Empty for a statement without columns (CREATE, DROP, USE), whose result the API stores as a text file
     * with one column named {@code result} and no lines.
     */
    public Optional<ResultText> results(RestShapes.Query query)
    {
        if (ResultFiles.isCsv(URI.create(query.outputLocation()))) {
            RestShapes.ResultPage first = resultPage(query.id(), Optional.empty(), 1);
            return Optional.of(new CsvResultText(this, query.id(), first));
        }
        RestShapes.ResultPage first = resultPage(query.id(), Optional.empty(), MAX_PAGE_ROWS);
        boolean noColumns = first.rows().isEmpty() && first.nextToken() == null
                && first.columns().size() == 1 && first.columns().getFirst().name().equals("result");
        return noColumns ? Optional.empty() : Optional.of(new PagedResultText(this, query.id(), first));
    }

    private <T> HttpResponse<T> send(String method, String path, Map<String, String> headers, byte[] body, HttpResponse.BodyHandler<T> handler)
    {
        URI uri = resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        for (Map.Entry<String, List<String>> header : sign(method, uri, headers, body).entrySet()) {
            // the JDK's client sets these two itself, to the same values the signature covers
            if (!header.getKey().equalsIgnoreCase("Host") && !header.getKey().equalsIgnoreCase("Content-Length") && !headers.containsKey(header.getKey())) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        try {
            return http.send(request.build(), handler);
        }
        catch (ConnectException e) {
            // the JDK's client gives a refused connection no message
            throw new TrawlApiException("Cannot reach the Trawl API at %s (is trawl serve running there?): %s".formatted(endpoint, e.getMessage() == null ? "connection refused" : e.getMessage()), e);
        }
        catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new TrawlApiException("Cannot reach the Trawl API at %s: %s".formatted(endpoint, reason), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrawlApiException("Interrupted while waiting for the Trawl API at " + endpoint, e);
        }
    }

    private Map<String, List<String>> sign(String method, URI uri, Map<String, String> headers, byte[] body)
    {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(unsigned::putHeader);
        SignedRequest signed = signer.sign(request -> request
                .identity(credentials.identity())
                .request(unsigned.build())
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        return signed.request().headers();
    }

    private URI resolve(String path)
    {
        String base = endpoint.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + path);
    }

    private <T> T read(HttpResponse<byte[]> response, Class<T> type)
    {
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.body());
        }
        try {
            return JSON.readValue(response.body(), type);
        }
        catch (IOException e) {
            throw new TrawlApiException("The Trawl API at %s answered something that is not its JSON: %s".formatted(endpoint, firstLine(e.getMessage())), e);
        }
    }

    /** The problem document's detail, which is the API's message for the user; anything else by its status. */
    private TrawlApiException failure(int status, byte[] body)
    {
        try {
            RestShapes.Problem problem = JSON.readValue(body, RestShapes.Problem.class);
            if (problem.detail() != null) {
                return new TrawlApiException(problem.detail());
            }
        }
        catch (IOException _) {
            // not a problem document: not a Trawl API, or a proxy in front of it
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return new TrawlApiException("The Trawl API at %s answered HTTP %d%s".formatted(endpoint, status, text.isEmpty() ? "" : ": " + abbreviate(firstLine(text))));
    }

    private static byte[] json(Object value)
    {
        try {
            return JSON.writeValueAsBytes(value);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String text)
    {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private static String abbreviate(String text)
    {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
