package io.trawl.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.trawl.api.auth.Caller;
import io.trawl.api.auth.RequestAuthenticator;
import io.trawl.api.protocol.AwsJson;
import io.trawl.api.protocol.AwsJsonService;
import io.trawl.api.protocol.AwsServiceException;
import io.trawl.api.service.TrawlService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST /} for every AWS JSON 1.1 service Trawl speaks: authenticates the request, routes it on
 * {@code X-Amz-Target: <Service>.<Operation>}, and answers the operation's output or its error in AWS's shape
 * ({@code __type}, {@code x-amzn-ErrorType}, {@code Message}), with an {@code x-amzn-RequestId} on every answer.
 * Thin on purpose: what an operation does lives in its service.
 *
 * <p>Requests run on Micronaut's IO pool of platform threads, not its virtual-thread BLOCKING executor: scans decode on
 * virtual threads, and CPU-bound virtual threads on a small machine would starve the request handlers of carriers.
 */
@Controller
public final class AwsJsonController
{
    private static final Logger LOG = LoggerFactory.getLogger(AwsJsonController.class);

    private final Map<String, AwsJsonService> services;
    private final RequestAuthenticator authenticator;

    public AwsJsonController(TrawlService trawl)
    {
        this.services = trawl.awsServices().stream().collect(Collectors.toUnmodifiableMap(AwsJsonService::targetPrefix, Function.identity()));
        this.authenticator = trawl.authenticator();
    }

    @Post(uri = "/", consumes = MediaType.ALL, produces = AwsJson.CONTENT_TYPE)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<byte[]> invoke(HttpRequest<?> request, @Body @Nullable byte[] body)
    {
        String requestId = UUID.randomUUID().toString();
        try {
            Caller caller = authenticator.authenticate(HttpRequests.signed(request, body));
            String target = request.getHeaders().get("X-Amz-Target");
            AwsJsonService.Operation operation = operation(target);
            JsonNode output = operation.invoke(AwsJson.parse(body), caller);
            return HttpResponse.ok(AwsJson.write(output))
                    .contentType(AwsJson.CONTENT_TYPE)
                    .header("x-amzn-RequestId", requestId);
        }
        catch (AwsServiceException e) {
            return error(e, requestId);
        }
        catch (RuntimeException e) {
            LOG.error("Request {} failed", requestId, e);
            return error(AwsServiceException.internal("Internal error; request id " + requestId), requestId);
        }
    }

    private AwsJsonService.Operation operation(String target)
    {
        if (target == null || target.isBlank()) {
            throw new AwsServiceException("UnknownOperationException", 400, "Missing X-Amz-Target header");
        }
        int dot = target.indexOf('.');
        Optional<AwsJsonService> service = dot < 0 ? Optional.empty() : Optional.ofNullable(services.get(target.substring(0, dot)));
        return service.flatMap(found -> found.operation(target.substring(dot + 1)))
                .orElseThrow(() -> new AwsServiceException("UnknownOperationException", 400, "Unknown operation " + target));
    }

    static HttpResponse<byte[]> error(AwsServiceException error, String requestId)
    {
        return HttpResponse.<byte[]>status(io.micronaut.http.HttpStatus.valueOf(error.httpStatus()))
                .body(AwsJson.errorBody(error))
                .contentType(AwsJson.CONTENT_TYPE)
                .header("x-amzn-ErrorType", error.errorType())
                .header("x-amzn-RequestId", requestId);
    }
}
