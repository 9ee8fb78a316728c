package io.trawl.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trawl.testing.lambda.InvocationRecord.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local Lambda endpoint through the real AWS SDK clients: what a caller of Lambda sees, and what each container did. */
class LocalLambdaServerTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPPERCASE = UppercaseHandler.class.getName();
    private static final String IDENTITY = ContainerIdentityHandler.class.getName();

    private static LocalLambdaServer server;
    private static LambdaClient lambda;
    private static LambdaClient lambdaWithoutRetries;
    private static LambdaAsyncClient asyncLambda;

    private final String function = "fn-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<CountDownLatch> holds = new ArrayList<>();

    @BeforeAll
    static void startServer()
    {
        server = LocalLambdaServer.start();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        lambda = LambdaClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(60)))
                .build();
        lambdaWithoutRetries = LambdaClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(60)).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        asyncLambda = LambdaAsyncClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    @AfterAll
    static void stopServer()
    {
        lambda.close();
        lambdaWithoutRetries.close();
        asyncLambda.close();
        server.close();
    }

    @AfterEach
    void releaseHeldInvocations()
    {
        holds.forEach(CountDownLatch::countDown);
    }

    @Test
    void invokesTheHandlerThroughTheSdk()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());

        InvokeResponse response = lambda.invoke(request(function, "\"hello lambda\""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.payload().asUtf8String()).isEqualTo("\"HELLO LAMBDA\"");
        assertThat(response.functionError()).as("no function error").isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        InvocationRecord record = onlyInvocation();
        assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(record.requestId()).as("the id the caller got in x-amzn-RequestId").isEqualTo(response.responseMetadata().requestId());
        assertThat(record.requestBytes()).isEqualTo(14);
        assertThat(record.responseBytes()).isEqualTo(14);
    }

    @Test
    void reusesAWarmContainerAndStartsColdOnceIdleContainersAreDiscarded()
            throws IOException
    {
        server.register(LambdaFunction.builder(function, IDENTITY).build());

        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(invokeForJson(function, "{}"));
        }
        server.discardIdleContainers(function);
        answers.add(invokeForJson(function, "{}"));

        assertThat(answers).extracting(answer -> answer.get("token").asText())
                .as("one static per container: the same for warm invocations, new after a cold start, never the test JVM's own")
                .containsExactly(answers.get(0).get("token").asText(), answers.get(0).get("token").asText(), answers.get(0).get("token").asText(), answers.get(3).get("token").asText())
                .doesNotContain(ContainerIdentityHandler.CONTAINER_TOKEN);
        assertThat(answers.get(3).get("token").asText()).isNotEqualTo(answers.get(0).get("token").asText());
        assertThat(answers).extracting(answer -> answer.get("invocation").asInt()).containsExactly(1, 2, 3, 1);

        List<InvocationRecord> records = server.invocations(function);
        assertThat(records).extracting(InvocationRecord::coldStart).containsExactly(true, false, false, true);
        assertThat(records).extracting(record -> record.container().getAsInt()).containsExactly(1, 1, 1, 2);
        for (InvocationRecord record : records) {
            assertThat(record.initDuration().isZero()).as("init time only on cold starts").isEqualTo(!record.coldStart());
            long exactMillis = record.initDuration().plus(record.duration()).toNanos();
            assertThat(record.billedMillis()).as("billed: init + duration rounded up to the millisecond")
                    .isEqualTo((exactMillis + 999_999) / 1_000_000);
        }
    }

    @Test
    void handlerGetsTheFunctionEnvironmentAndTheContextFields()
            throws IOException
    {
        server.register(LambdaFunction.builder(function, IDENTITY)
                .environment("GREETING", "hej")
                .memoryMb(1769)
                .timeout(Duration.ofSeconds(30))
                .build());

        InvokeResponse response = lambda.invoke(request(function, "{}"));
        JsonNode answer = JSON.readTree(response.payload().asByteArray());

        assertThat(answer.get("greeting").asText()).isEqualTo("hej");
        assertThat(answer.get("functionName").asText()).isEqualTo(function);
        assertThat(answer.get("version").asText()).isEqualTo("$LATEST");
        assertThat(answer.get("arn").asText()).isEqualTo(server.functionArn(function));
        assertThat(answer.get("memoryLimitInMB").asInt()).isEqualTo(1769);
        assertThat(answer.get("remainingMillis").asLong()).as("time left before the 30 s timeout").isBetween(1L, 30_000L);
        assertThat(answer.get("requestId").asText()).isEqualTo(response.responseMetadata().requestId());
        assertThat(answer.get("logGroup").asText()).isEqualTo("/aws/lambda/" + function);
        assertThat(answer.get("seesEngine").asBoolean()).as("the default deployment package is this JVM's classpath").isTrue();
        assertThat(answer.get("classLoader").asText()).isEqualTo("lambda-%s-1", function);
    }

    @Test
    void containerSeesOnlyItsDeploymentPackage()
            throws IOException
    {
        URL testClasses = Path.of("target", "test-classes").toAbsolutePath().toUri().toURL();
        server.register(LambdaFunction.builder(function, IDENTITY).classpath(List.of(testClasses)).build());

        JsonNode answer = invokeForJson(function, "{}");

        assertThat(answer.get("seesEngine").asBoolean()).as("classes of the test JVM outside the package are not visible").isFalse();
        assertThat(answer.get("token").asText()).isNotEqualTo(ContainerIdentityHandler.CONTAINER_TOKEN);
    }

    @Test
    void acceptsQualifiersAndArnsAsTheFunctionName()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).qualifier("live", "3").qualifier("3", "3").build());

        assertThat(lambda.invoke(request(function + ":live", "\"a\"")).executedVersion()).isEqualTo("3");
        assertThat(lambda.invoke(request(function, "\"a\"").toBuilder().qualifier("live").build()).executedVersion()).isEqualTo("3");
        assertThat(lambda.invoke(request(server.functionArn(function), "\"a\"")).executedVersion()).isEqualTo("$LATEST");
        assertThat(lambda.invoke(request(server.functionArn(function) + ":3", "\"a\"")).executedVersion()).isEqualTo("3");
        assertThat(lambda.invoke(request(LocalLambdaServer.ACCOUNT_ID + ":function:" + function, "\"a\"")).executedVersion()).isEqualTo("$LATEST");
        assertThat(lambda.invoke(request(function + ":$LATEST", "\"a\"")).payload().asUtf8String()).isEqualTo("\"A\"");

        assertThatThrownBy(() -> lambda.invoke(request(function + ":7", "\"a\"")))
                .as("a version the function does not have")
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function not found: %s:7", server.functionArn(function));
                });
    }

    @Test
    void unknownFunctionIsResourceNotFound()
    {
        assertThatThrownBy(() -> lambda.invoke(request("no-such-function", "{}")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function not found: " + server.functionArn("no-such-function"));
                    assertThat(e.type()).isEqualTo("User");
                });
    }

    @Test
    void dryRunAnswers204WithoutRunningTheHandler()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());

        InvokeResponse response = lambda.invoke(request(function, "{}").toBuilder().invocationType(InvocationType.DRY_RUN).build());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(server.invocations(function)).as("nothing ran").isEmpty();
    }

    @Test
    void handlerExceptionIsAnUnhandledFunctionErrorAndTheContainerStaysWarm()
            throws IOException
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());

        InvokeResponse failed = lambda.invoke(request(function, "\"fail:out of coffee\""));
        InvokeResponse next = lambda.invoke(request(function, "\"b\""));

        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(failed.payload().asByteArray());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("asked to fail: out of coffee");
        assertThat(error.get("stackTrace").get(0).asText()).startsWith(UPPERCASE + ".handleRequest(UppercaseHandler.java:");
        assertThat(next.payload().asUtf8String()).isEqualTo("\"B\"");
        assertThat(server.invocations(function)).extracting(InvocationRecord::outcome, InvocationRecord::coldStart)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.FUNCTION_ERROR, true), org.assertj.core.groups.Tuple.tuple(Outcome.SUCCEEDED, false));
    }

    @Test
    void requestPayloadOverSixMebibytesIsRequestTooLarge()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).timeout(Duration.ofSeconds(30)).build());
        byte[] atLimit = UppercaseHandler.jsonStringOfLength(6_291_456);
        byte[] overLimit = UppercaseHandler.jsonStringOfLength(6_291_457);

        InvokeResponse accepted = lambda.invoke(InvokeRequest.builder().functionName(function).payload(SdkBytes.fromByteArray(atLimit)).build());

        assertThat(accepted.functionError()).isNull();
        assertThat(accepted.payload().asByteArrayUnsafe()).hasSize(6_291_456);
        assertThatThrownBy(() -> lambda.invoke(InvokeRequest.builder().functionName(function).payload(SdkBytes.fromByteArray(overLimit)).build()))
                .isInstanceOfSatisfying(RequestTooLargeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(413);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
                });
        assertThat(server.invocations(function)).as("the oversized request never reached a container").hasSize(1);
    }

    @Test
    void requestThatIsNotJsonIsInvalidRequestContent()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());

        assertThatThrownBy(() -> lambda.invoke(request(function, "this is not json")))
                .isInstanceOfSatisfying(InvalidRequestContentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Could not parse request body into json: Could not parse payload into json: Unrecognized token 'this'");
                });
        assertThatThrownBy(() -> lambda.invoke(request(function, "{\"a\": 1} {\"b\": 2}")))
                .as("two documents are not one JSON payload")
                .isInstanceOf(InvalidRequestContentException.class);
        assertThat(server.invocations(function)).isEmpty();
    }

    @Test
    void responseOverTheLimitIsAFunctionError()
            throws IOException
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).timeout(Duration.ofSeconds(30)).build());

        InvokeResponse atLimit = lambda.invoke(request(function, "\"respond:6291556\""));
        InvokeResponse overLimit = lambda.invoke(request(function, "\"respond:6291557\""));

        assertThat(atLimit.functionError()).isNull();
        assertThat(atLimit.payload().asByteArrayUnsafe()).hasSize(6_291_556);
        assertThat(overLimit.statusCode()).isEqualTo(200);
        assertThat(overLimit.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(overLimit.payload().asByteArray());
        assertThat(error.get("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(error.get("errorMessage").asText()).isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
        assertThat(server.invocations(function)).extracting(InvocationRecord::outcome).containsExactly(Outcome.SUCCEEDED, Outcome.RESPONSE_TOO_LARGE);
    }

    @Test
    void invocationBeyondTheReservedConcurrencyIsThrottled()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).reservedConcurrency(1).build());
        server.faults(function).next(1, Fault.holdUntil(hold()));

        CompletableFuture<InvokeResponse> running = asyncLambda.invoke(request(function, "\"first\""));
        waitUntil(() -> server.inFlight(function) == 1);

        assertThatThrownBy(() -> lambdaWithoutRetries.invoke(request(function, "\"second\"")))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.reason()).isEqualTo(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
                    assertThat(e.isThrottlingException()).as("the SDK classifies it as a throttle").isTrue();
                    assertThat(e.retryAfterSeconds()).isEqualTo("1");
                });
        releaseHolds();
        assertThat(running.join().payload().asUtf8String()).isEqualTo("\"FIRST\"");
        assertThat(server.invocations(function)).extracting(InvocationRecord::outcome).containsExactly(Outcome.THROTTLED, Outcome.SUCCEEDED);
    }

    @Test
    void sdkRetriesThrottledInvocationsUntilOneIsAccepted()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());
        server.faults(function).next(2, Fault.throttle());

        InvokeResponse response = lambda.invoke(request(function, "\"third time\""));

        assertThat(response.payload().asUtf8String()).isEqualTo("\"THIRD TIME\"");
        assertThat(server.invocations(function)).extracting(InvocationRecord::outcome)
                .as("the SDK's standard retry mode: 3 attempts")
                .containsExactly(Outcome.THROTTLED, Outcome.THROTTLED, Outcome.SUCCEEDED);
        assertThat(server.faults(function).pending()).isZero();
    }

    @Test
    void invocationOverTheTimeoutIsSandboxTimedoutAndItsContainerIsDiscarded()
            throws IOException
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).timeout(Duration.ofSeconds(1)).build());

        InvokeResponse timedOut = lambda.invoke(request(function, "\"sleep:60000\""));
        InvokeResponse next = lambda.invoke(request(function, "\"after\""));

        assertThat(timedOut.statusCode()).isEqualTo(200);
        assertThat(timedOut.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(timedOut.payload().asByteArray());
        assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.get("errorMessage").asText()).isEqualTo("RequestId: %s Error: Task timed out after 1.00 seconds", timedOut.responseMetadata().requestId());
        assertThat(next.payload().asUtf8String()).isEqualTo("\"AFTER\"");

        List<InvocationRecord> records = server.invocations(function);
        assertThat(records).extracting(InvocationRecord::outcome, InvocationRecord::coldStart, record -> record.container().getAsInt())
                .as("the timed-out container is not reused")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.TIMED_OUT, true, 1), org.assertj.core.groups.Tuple.tuple(Outcome.SUCCEEDED, true, 2));
        assertThat(records.getFirst().duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(records.getFirst().billedMillis()).as("a timeout bills the whole timeout").isGreaterThanOrEqualTo(1000);
        assertThat(records.getFirst().logs()).contains("Status: timeout");
    }

    @Test
    void crashIsARuntimeExitAndTheNextInvocationStartsCold()
            throws IOException
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());
        server.faults(function).next(1, Fault.crash());

        InvokeResponse crashed = lambda.invoke(request(function, "\"x\""));
        InvokeResponse next = lambda.invoke(request(function, "\"y\""));

        assertThat(crashed.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(crashed.payload().asByteArray());
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(error.get("errorMessage").asText()).isEqualTo("RequestId: %s Error: Runtime exited with error: exit status 1", crashed.responseMetadata().requestId());
        assertThat(next.payload().asUtf8String()).isEqualTo("\"Y\"");
        assertThat(server.invocations(function)).extracting(InvocationRecord::outcome, InvocationRecord::coldStart, record -> record.container().getAsInt())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.CRASHED, true, 1), org.assertj.core.groups.Tuple.tuple(Outcome.SUCCEEDED, true, 2));
    }

    @Test
    void hangRunsIntoTheTimeout()
            throws IOException
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).timeout(Duration.ofSeconds(1)).build());
        server.faults(function).next(1, Fault.hang());

        InvokeResponse hung = lambda.invoke(request(function, "\"x\""));

        assertThat(hung.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(hung.payload().asByteArray()).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(onlyInvocation().fault()).contains(Fault.hang());
    }

    @Test
    void garbageIsA200WhosePayloadIsNotJson()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());
        server.faults(function).next(1, Fault.garbage("<html>502</html>"));

        InvokeResponse garbage = lambda.invoke(request(function, "\"x\""));
        InvokeResponse next = lambda.invoke(request(function, "\"y\""));

        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(garbage.functionError()).isNull();
        assertThat(garbage.payload().asUtf8String()).isEqualTo("<html>502</html>");
        assertThat(next.payload().asUtf8String()).isEqualTo("\"Y\"");
        assertThat(server.invocations(function)).extracting(InvocationRecord::outcome, InvocationRecord::coldStart)
                .as("the container that answered garbage stays warm")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.GARBAGE, true), org.assertj.core.groups.Tuple.tuple(Outcome.SUCCEEDED, false));
    }

    @Test
    void delayedInvocationIsAStragglerThatStillAnswers()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());
        server.faults(function).next(1, Fault.delay(Duration.ofMillis(300)));

        InvokeResponse slow = lambda.invoke(request(function, "\"slow\""));

        assertThat(slow.payload().asUtf8String()).isEqualTo("\"SLOW\"");
        assertThat(onlyInvocation().duration()).as("the delay is part of the invocation's duration").isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void payloadPredicateTargetsOneTask()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());
        server.faults(function).whenPayloadContains("task-3", 1, Fault.crash());

        List<String> functionErrors = new ArrayList<>();
        for (int task = 1; task <= 5; task++) {
            functionErrors.add(String.valueOf(lambda.invoke(request(function, "\"task-%d\"".formatted(task))).functionError()));
        }
        InvokeResponse retry = lambda.invoke(request(function, "\"task-3\""));

        assertThat(functionErrors).containsExactly("null", "null", "Unhandled", "null", "null");
        assertThat(retry.payload().asUtf8String()).as("the fault was for one invocation only").isEqualTo("\"TASK-3\"");
    }

    @Test
    void asyncClientRunsConcurrentInvocationsInSeparateContainersThenReusesThem()
    {
        int concurrency = 16;
        server.register(LambdaFunction.builder(function, UPPERCASE).reservedConcurrency(concurrency).build());
        server.faults(function).next(concurrency, Fault.holdUntil(hold()));

        List<CompletableFuture<InvokeResponse>> firstWave = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            firstWave.add(asyncLambda.invoke(request(function, "\"first-%d\"".formatted(i))));
        }
        waitUntil(() -> server.inFlight(function) == concurrency);
        releaseHolds();
        List<CompletableFuture<InvokeResponse>> secondWave = new ArrayList<>();
        for (CompletableFuture<InvokeResponse> first : firstWave) {
            first.join();
        }
        for (int i = 0; i < concurrency; i++) {
            secondWave.add(asyncLambda.invoke(request(function, "\"second-%d\"".formatted(i))));
        }

        for (int i = 0; i < concurrency; i++) {
            assertThat(firstWave.get(i).join().payload().asUtf8String()).isEqualTo("\"FIRST-%d\"", i);
            assertThat(secondWave.get(i).join().payload().asUtf8String()).isEqualTo("\"SECOND-%d\"", i);
        }
        List<InvocationRecord> records = server.invocations(function);
        assertThat(records).hasSize(2 * concurrency).allMatch(record -> record.outcome() == Outcome.SUCCEEDED);
        assertThat(records.stream().filter(InvocationRecord::coldStart).count()).as("one cold start per container of the first wave").isEqualTo(concurrency);
        Set<Integer> containers = new HashSet<>();
        records.forEach(record -> containers.add(record.container().getAsInt()));
        assertThat(containers).as("the second wave ran on the first wave's warm containers").hasSize(concurrency);
    }

    @Test
    void missingHandlerClassFailsInitAndDiscardsTheContainer()
            throws IOException
    {
        server.register(LambdaFunction.builder(function, "io.trawl.NoSuchHandler").build());

        InvokeResponse response = lambda.invoke(request(function, "{}"));

        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(response.payload().asByteArray());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("io.trawl.NoSuchHandler");
        assertThat(onlyInvocation().outcome()).isEqualTo(Outcome.INIT_FAILED);
        assertThat(server.idleContainers(function)).isZero();
    }

    @Test
    void tailLogHoldsStartTheHandlersLinesEndAndReport()
    {
        server.register(LambdaFunction.builder(function, UPPERCASE).build());

        InvokeResponse response = lambda.invoke(request(function, "\"logged\"").toBuilder().logType(LogType.TAIL).build());

        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        String requestId = response.responseMetadata().requestId();
        assertThat(log.lines().toList()).hasSize(4);
        assertThat(log.lines().toList().get(0)).isEqualTo("START RequestId: %s Version: $LATEST", requestId);
        assertThat(log.lines().toList().get(1)).isEqualTo("uppercasing 8 bytes");
        assertThat(log.lines().toList().get(2)).isEqualTo("END RequestId: " + requestId);
        assertThat(log.lines().toList().get(3)).startsWith("REPORT RequestId: " + requestId + "\tDuration: ").contains("\tInit Duration: ");
    }

    private static InvokeRequest request(String functionName, String payload)
    {
        return InvokeRequest.builder().functionName(functionName).payload(SdkBytes.fromUtf8String(payload)).build();
    }

    private JsonNode invokeForJson(String functionName, String payload)
            throws IOException
    {
        InvokeResponse response = lambda.invoke(request(functionName, payload));
        assertThat(response.functionError()).as("function error: %s", response.payload().asUtf8String()).isNull();
        return JSON.readTree(response.payload().asByteArray());
    }

    private InvocationRecord onlyInvocation()
    {
        List<InvocationRecord> records = server.invocations(function);
        assertThat(records).hasSize(1);
        return records.getFirst();
    }

    private CountDownLatch hold()
    {
        CountDownLatch latch = new CountDownLatch(1);
        holds.add(latch);
        return latch;
    }

    private void releaseHolds()
    {
        holds.forEach(CountDownLatch::countDown);
    }

    private static void waitUntil(BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
