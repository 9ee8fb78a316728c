package io.trawl.api.lambda;

import io.trawl.api.query.QueryDispatcher;
import io.trawl.catalog.aws.AwsEnvironment;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Hands queued queries to the coordinator Lambda function ({@code TRAWL_COORDINATOR_FUNCTION}) with an asynchronous
 * ({@code Event}) invocation: Lambda queues it, retries a crashed invocation twice, and the coordinator runs the query
 * to completion. The payload is {@code {"queryId": "..."}}.
 */
public final class LambdaCoordinatorDispatcher
        implements QueryDispatcher, AutoCloseable
{
    public static final String FUNCTION_VARIABLE = "TRAWL_COORDINATOR_FUNCTION";

    private final LambdaClient client;
    private final String functionName;

    public LambdaCoordinatorDispatcher(LambdaClient client, String functionName)
    {
        this.client = requireNonNull(client, "client is null");
        this.functionName = requireNonNull(functionName, "functionName is null");
    }

    /**
     * The dispatcher the environment asks for: empty unless {@code TRAWL_COORDINATOR_FUNCTION} names a function;
     * {@code TRAWL_LAMBDA_ENDPOINT} (LocalStack; else {@code TRAWL_AWS_ENDPOINT}) and {@code TRAWL_LAMBDA_REGION} (else
     * {@code AWS_REGION}) as for the scan workers.
     */
    public static Optional<LambdaCoordinatorDispatcher> fromEnvironment(Map<String, String> environment)
    {
        String function = environment.get(FUNCTION_VARIABLE);
        if (function == null || function.isBlank()) {
            return Optional.empty();
        }
        LambdaClientBuilder builder = LambdaClient.builder()
                .region(Region.of(AwsEnvironment.region(environment, "TRAWL_LAMBDA_REGION").orElse("us-east-1")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30)).apiCallAttemptTimeout(Duration.ofSeconds(10)).build());
        Optional<URI> endpoint = AwsEnvironment.endpoint(environment, "TRAWL_LAMBDA_ENDPOINT");
        if (endpoint.isPresent()) {
            builder.endpointOverride(endpoint.get());
            if (environment.get("AWS_ACCESS_KEY_ID") == null) {
                // LocalStack and the local endpoint accept any key
                builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
            }
        }
        return Optional.of(new LambdaCoordinatorDispatcher(builder.build(), function.trim()));
    }

    @Override
    public void dispatch(String queryId)
    {
        InvokeResponse response;
        try {
            response = client.invoke(request -> request
                    .functionName(functionName)
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromString("{\"queryId\":\"%s\"}".formatted(queryId), StandardCharsets.UTF_8)));
        }
        catch (SdkException e) {
            throw new TrawlException(ErrorCode.WORKER_FAILED, "Cannot hand query %s to the coordinator function %s: %s".formatted(queryId, functionName, e.getMessage()), e);
        }
        if (response.statusCode() != 202) {
            throw new TrawlException(ErrorCode.WORKER_FAILED, "The coordinator function %s did not accept query %s (status %d)".formatted(functionName, queryId, response.statusCode()));
        }
    }

    @Override
    public void close()
    {
        client.close();
    }
}
