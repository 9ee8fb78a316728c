package io.trawl.testing.lambda;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A local AWS Lambda endpoint for tests: the Invoke API ({@code POST /2015-03-31/functions/{name}/invocations})
 * on a loopback port, so the AWS SDK's {@code LambdaClient} and {@code LambdaAsyncClient} work unchanged with
 * {@code endpointOverride(server.endpoint())} and any static credentials. It runs real {@code RequestStreamHandler}s
 * in "containers": each a fresh class loader over the function's classpath with its own thread, initialized on
 * first use (a cold start: class initialization and the handler's constructor run again), then reused warm, one
 * invocation at a time, up to the function's reserved concurrency.
 *
 * <p>What a caller sees, as from Lambda:
 * <pre>
 *   RequestResponse ─► 200 + payload, X-Amz-Executed-Version ($LATEST or the qualifier's version)
 *   DryRun          ─► 204
 *   Event           ─► 202, run in the background (retried twice on failure)
 *   handler throws  ─► 200 + X-Amz-Function-Error: Unhandled, {errorMessage, errorType, stackTrace[, cause]}
 *   over the timeout ─► 200 + Unhandled, Sandbox.Timedout "RequestId: … Error: Task timed out after N.NN seconds"; container discarded
 *   response &gt; 6,291,556 bytes ─► 200 + Unhandled, Function.ResponseSizeTooLarge
 *   unknown function or qualifier ─► 404 ResourceNotFoundException
 *   request &gt; 6,291,456 bytes ─► 413 RequestTooLargeException
 *   request not JSON ─► 400 InvalidRequestContentException
 *   all containers busy ─► 429 TooManyRequestsException, Reason ReservedFunctionConcurrentInvocationLimitExceeded
 * </pre>
 * Function names may be plain, {@code name:qualifier}, full ARNs or partial ARNs ({@code account:function:name}),
 * with the qualifier also accepted as the {@code Qualifier} query parameter. {@code X-Amz-Log-Type: Tail} returns
 * the last 4 KB of the invocation's log in {@code X-Amz-Log-Result}. {@code Event} invocations answer 202 at once and
 * run in the background, retried twice when they fail, as Lambda's asynchronous invocations are.
 *
 * <p>Environment variables reach the handler through its constructor: a handler with a public constructor taking
 * {@code Map<String, String>} gets the function's environment there (its no-argument constructor, which Lambda
 * calls, passes {@code System.getenv()}); otherwise the no-argument constructor is used. Containers share this
 * JVM, so {@code System.getenv()} and system properties are not per function. A handler that implements
 * {@code AutoCloseable} is closed when its container is discarded (not Lambda behaviour: it lets a handler stop
 * threads, such as an HTTP client's, that would otherwise keep a discarded container's classes loaded).
 *
 * <p>Faults are planned per function with {@link #faults(String)}; every invocation is recorded
 * ({@link #invocations(String)}): cold or warm, init and run time, billed milliseconds, outcome.
 */
public final class LocalLambdaServer
        implements AutoCloseable
{
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";

    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private static final Pattern FULL_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:(\\d{12}):function:([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?");
    private static final Pattern PARTIAL_ARN = Pattern.compile("(\\d{12}):function:([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?");
    private static final Pattern NAME_WITH_QUALIFIER = Pattern.compile("([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?");
    private static final int LOG_TAIL_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final HttpServer http;
    private final ExecutorService requestThreads;
    private final Map<String, FunctionRuntime> functions = new ConcurrentHashMap<>();

    private LocalLambdaServer(HttpServer http, ExecutorService requestThreads)
    {
        this.http = http;
        this.requestThreads = requestThreads;
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static LocalLambdaServer start()
    {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            // every request waits for its container, so each gets its own (virtual) thread
            ExecutorService requestThreads = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(requestThreads);
            LocalLambdaServer server = new LocalLambdaServer(http, requestThreads);
            http.createContext("/", server::handle);
            http.start();
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the local Lambda endpoint", e);
        }
    }

    /** The URI to give the SDK's {@code endpointOverride}. */
    public URI endpoint()
    {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://%s:%d".formatted(address.getAddress().getHostAddress(), address.getPort()));
    }

    /** Registers a function, as CreateFunction would. */
    public LocalLambdaServer register(LambdaFunction function)
    {
        requireNonNull(function, "function is null");
        if (functions.putIfAbsent(function.name(), new FunctionRuntime(function)) != null) {
            throw new IllegalArgumentException("function already registered: " + function.name());
        }
        return this;
    }

    /** The function's unqualified ARN, e.g. {@code arn:aws:lambda:us-east-1:000000000000:function:scan-worker}. */
    public String functionArn(String name)
    {
        return "arn:aws:lambda:%s:%s:function:%s".formatted(REGION, ACCOUNT_ID, name);
    }

    /** The faults planned for the function, to add to or clear. */
    public FunctionFaults faults(String name)
    {
        return runtime(name).faults();
    }

    /** Every invocation of the function so far (throttled ones too), in the order they finished. */
    public List<InvocationRecord> invocations(String name)
    {
        return runtime(name).records();
    }

    /** Invocations of the function running in a container now. */
    public int inFlight(String name)
    {
        return runtime(name).inFlight();
    }

    /** Warm containers waiting for an invocation. */
    public int idleContainers(String name)
    {
        return runtime(name).idleContainers();
    }

    /** Discards the function's idle containers, as Lambda does after a while: the next invocations start cold. */
    public void discardIdleContainers(String name)
    {
        runtime(name).discardIdleContainers();
    }

    @Override
    public void close()
    {
        http.stop(0);
        for (FunctionRuntime runtime : functions.values()) {
            runtime.close();
        }
        requestThreads.shutdownNow();
    }

    private FunctionRuntime runtime(String name)
    {
        FunctionRuntime runtime = functions.get(name);
        if (runtime == null) {
            throw new IllegalArgumentException("no function registered as " + name);
        }
        return runtime;
    }

    private void handle(HttpExchange exchange)
    {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange, requestId);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = Reply.serviceError(500, "ServiceException", "message", "the local Lambda endpoint is shutting down");
            }
            catch (RuntimeException e) {
                reply = Reply.serviceError(500, "ServiceException", "message", "local Lambda endpoint failure: " + e);
            }
            send(exchange, requestId, reply);
        }
        catch (IOException _) {
            // the caller went away; nothing to answer
        }
    }

    private Reply route(HttpExchange exchange, String requestId)
            throws IOException, InterruptedException
    {
        Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
            drain(exchange.getRequestBody());
            return Reply.serviceError(404, "UnknownOperationException", "message", "Unknown operation %s %s".formatted(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()));
        }
        String functionName = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        String queryQualifier = queryParameter(exchange.getRequestURI().getRawQuery(), "Qualifier");
        byte[] payload = readLimited(exchange.getRequestBody());
        if (payload == null) {
            return Reply.serviceError(413, "RequestTooLargeException", "message",
                    "Request must be smaller than %d bytes for the InvokeFunction operation".formatted(LambdaErrors.MAX_REQUEST_BYTES));
        }

        FunctionReference reference = FunctionReference.parse(functionName);
        if (reference == null) {
            return Reply.serviceError(400, "ValidationException", "message", "1 validation error detected: Value '%s' at 'functionName' failed to satisfy constraint".formatted(functionName));
        }
        if (reference.qualifier() != null && queryQualifier != null && !reference.qualifier().equals(queryQualifier)) {
            return Reply.serviceError(400, "InvalidParameterValueException", "message", "The derived qualifier from the function name does not match the specified qualifier.");
        }
        String qualifier = reference.qualifier() != null ? reference.qualifier() : queryQualifier;
        FunctionRuntime runtime = functions.get(reference.name());
        String executedVersion = runtime == null ? null : runtime.function().executedVersion(qualifier);
        String invokedArn = functionArn(reference.name()) + (qualifier == null ? "" : ":" + qualifier);
        if (executedVersion == null) {
            return Reply.serviceError(404, "ResourceNotFoundException", "Message", "Function not found: " + invokedArn);
        }

        String invocationType = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
        switch (invocationType) {
            case "DryRun" -> {
                return Reply.dryRun(executedVersion);
            }
            case "RequestResponse" -> { }
            case "Event" -> { }
            default -> {
                return Reply.serviceError(400, "InvalidParameterValueException", "message", "Unsupported invocation type " + invocationType);
            }
        }
        String notJson = jsonProblem(payload);
        if (notJson != null) {
            return Reply.serviceError(400, "InvalidRequestContentException", "message", "Could not parse request body into json: Could not parse payload into json: " + notJson);
        }
        ClientContext clientContext;
        try {
            clientContext = clientContext(exchange.getRequestHeaders().getFirst("X-Amz-Client-Context"));
        }
        catch (IllegalArgumentException | JsonProcessingException _) {
            return Reply.serviceError(400, "InvalidRequestContentException", "message", "Client context must be a valid Base64-encoded JSON object.");
        }

        FunctionRuntime.Invocation invocation = new FunctionRuntime.Invocation(requestId, payload, executedVersion, invokedArn, clientContext);
        if (invocationType.equals("Event")) {
            // queued and run later, with Lambda's two retries of an invocation that failed
            requestThreads.execute(() -> {
                try {
                    for (int attempt = 0; attempt < 3; attempt++) {
                        FunctionRuntime.Answer answer = runtime.invoke(invocation);
                        if (answer.status() == 200 && answer.functionError() == null) {
                            return;
                        }
                    }
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return Reply.accepted();
        }
        FunctionRuntime.Answer answer = runtime.invoke(invocation);
        boolean tail = "Tail".equals(header(exchange, "X-Amz-Log-Type", "None"));
        return Reply.of(answer, executedVersion, tail);
    }

    private static void send(HttpExchange exchange, String requestId, Reply reply)
            throws IOException
    {
        var headers = exchange.getResponseHeaders();
        headers.set("x-amzn-RequestId", requestId);
        headers.set("Content-Type", "application/json");
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        // the JDK server reads length 0 as "chunked" and -1 as "no body"
        long length = reply.body().length == 0 ? -1 : reply.body().length;
        exchange.sendResponseHeaders(reply.status(), length);
        if (reply.body().length > 0) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(reply.body());
            }
        }
    }

    /** The body, or null when it is over Lambda's request limit (the rest is read and dropped, so the connection stays usable). */
    private static byte[] readLimited(InputStream body)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = body.read(buffer)) >= 0) {
            total += read;
            if (total <= LambdaErrors.MAX_REQUEST_BYTES) {
                bytes.write(buffer, 0, read);
            }
        }
        return total > LambdaErrors.MAX_REQUEST_BYTES ? null : bytes.toByteArray();
    }

    private static void drain(InputStream body)
            throws IOException
    {
        body.transferTo(OutputStream.nullOutputStream());
    }

    /** Null when the payload is one JSON value (or empty); else the parser's complaint. */
    private static String jsonProblem(byte[] payload)
    {
        if (payload.length == 0) {
            return null;
        }
        try {
            JSON.readTree(payload);
            return null;
        }
        catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        }
        catch (IOException e) {
            return e.getMessage();
        }
    }

    private static String header(HttpExchange exchange, String name, String defaultValue)
    {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static String queryParameter(String rawQuery, String name)
    {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** {@code X-Amz-Client-Context}: base64 of {"client": {...}, "custom": {...}, "env": {...}}, passed to the handler. */
    private static ClientContext clientContext(String header)
            throws IOException
    {
        if (header == null || header.isBlank()) {
            return null;
        }
        JsonNode document = JSON.readTree(Base64.getDecoder().decode(header.trim()));
        if (!document.isObject()) {
            throw new IllegalArgumentException("client context is not a JSON object");
        }
        JsonNode client = document.path("client");
        LocalClient localClient = client.isObject()
                ? new LocalClient(client.path("installation_id").asText(null), client.path("app_title").asText(null), client.path("app_version_name").asText(null),
                        client.path("app_version_code").asText(null), client.path("app_package_name").asText(null))
                : null;
        return new LocalClientContext(localClient, stringMap(document.path("custom")), stringMap(document.path("env")));
    }

    private static Map<String, String> stringMap(JsonNode node)
    {
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private static String logTail(String logs)
    {
        byte[] bytes = logs.getBytes(StandardCharsets.UTF_8);
        byte[] tail = bytes.length <= LOG_TAIL_BYTES ? bytes : Arrays.copyOfRange(bytes, bytes.length - LOG_TAIL_BYTES, bytes.length);
        return Base64.getEncoder().encodeToString(tail);
    }

    /** A function named plainly, with a qualifier, or by full or partial ARN. */
    private record FunctionReference(String name, String qualifier)
    {
        static FunctionReference parse(String reference)
        {
            for (Pattern arn : List.of(FULL_ARN, PARTIAL_ARN)) {
                Matcher matcher = arn.matcher(reference);
                if (matcher.matches()) {
                    return new FunctionReference(matcher.group(2), matcher.group(3));
                }
            }
            Matcher plain = NAME_WITH_QUALIFIER.matcher(reference);
            return plain.matches() ? new FunctionReference(plain.group(1), plain.group(2)) : null;
        }
    }

    private record Reply(int status, Map<String, String> headers, byte[] body)
    {
        static Reply of(FunctionRuntime.Answer answer, String executedVersion, boolean tail)
        {
            Map<String, String> headers = new LinkedHashMap<>();
            if (answer.status() == 429) {
                headers.put("x-amzn-ErrorType", "TooManyRequestsException");
                headers.put("Retry-After", "1");
                return new Reply(429, headers, answer.body());
            }
            headers.put("X-Amz-Executed-Version", executedVersion);
            if (answer.functionError() != null) {
                headers.put("X-Amz-Function-Error", answer.functionError());
            }
            if (tail) {
                headers.put("X-Amz-Log-Result", logTail(answer.logs()));
            }
            return new Reply(answer.status(), headers, answer.body());
        }

        static Reply accepted()
        {
            return new Reply(202, Map.of(), new byte[0]);
        }

        static Reply dryRun(String executedVersion)
        {
            return new Reply(204, Map.of("X-Amz-Executed-Version", executedVersion), new byte[0]);
        }

        static Reply serviceError(int status, String errorType, String messageField, String message)
        {
            return new Reply(status, Map.of("x-amzn-ErrorType", errorType), LambdaErrors.serviceError(messageField, message));
        }
    }

    private record LocalClientContext(Client getClient, Map<String, String> getCustom, Map<String, String> getEnvironment)
            implements ClientContext {}

    private record LocalClient(String getInstallationId, String getAppTitle, String getAppVersionName, String getAppVersionCode, String getAppPackageName)
            implements Client {}
}
