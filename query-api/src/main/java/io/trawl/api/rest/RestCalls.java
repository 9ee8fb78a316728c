package io.trawl.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.trawl.api.auth.Caller;
import io.trawl.api.auth.RequestAuthenticator;
import io.trawl.api.http.HttpRequests;
import io.trawl.api.protocol.AwsServiceException;
import io.trawl.api.query.QueryRequestException;
import io.trawl.api.report.ReportException;
import io.trawl.error.TrawlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * What every REST controller does around its work: authenticates the request's SigV4 signature, and turns what the
 * services throw into RFC 9457 problem documents (400 invalid, 404 not found, 409 conflict, 429 too many, 500 with a
 * request id in the log); JSON in and out in the API's camelCase shapes ({@link RestShapes}).
 */
final class RestCalls
{
    private static final Logger LOG = LoggerFactory.getLogger(RestCalls.class);
    private static final MediaType PROBLEM = MediaType.of("application/problem+json");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final RequestAuthenticator authenticator;

    RestCalls(RequestAuthenticator authenticator)
    {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    interface Handler
    {
        HttpResponse<?> handle(Caller caller);
    }

    HttpResponse<?> handle(HttpRequest<?> request, byte[] body, Handler handler)
    {
        try {
            Caller caller = authenticator.authenticate(HttpRequests.signed(request, body));
            return handler.handle(caller);
        }
        catch (AwsServiceException e) {
            return problem(HttpStatus.valueOf(e.httpStatus()), e.errorType(), e.getMessage());
        }
        catch (QueryRequestException e) {
            return switch (e.reason()) {
                case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "NotFound", e.getMessage());
                case INVALID -> problem(HttpStatus.BAD_REQUEST, "InvalidRequest", e.getMessage());
                case NOT_FINISHED, TOKEN_MISMATCH -> problem(HttpStatus.CONFLICT, e.reason() == QueryRequestException.Reason.NOT_FINISHED ? "NotFinished" : "TokenMismatch", e.getMessage());
                case TOO_MANY_REQUESTS -> problem(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests", e.getMessage());
                case ACCESS_DENIED -> problem(HttpStatus.FORBIDDEN, "AccessDenied", e.getMessage());
            };
        }
        catch (ReportException e) {
            return switch (e.reason()) {
                case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "NotFound", e.getMessage());
                case INVALID -> problem(HttpStatus.BAD_REQUEST, "InvalidRequest", e.getMessage());
                case ALREADY_EXISTS -> problem(HttpStatus.CONFLICT, "AlreadyExists", e.getMessage());
                case ACCESS_DENIED -> problem(HttpStatus.FORBIDDEN, "AccessDenied", e.getMessage());
            };
        }
        catch (TrawlException e) {
            if (e.errorCode() == io.trawl.error.ErrorCode.ACCESS_DENIED) {
                return problem(HttpStatus.FORBIDDEN, "AccessDenied", e.getMessage());
            }
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, "InternalError", e.getMessage());
        }
        catch (RuntimeException e) {
            String requestId = UUID.randomUUID().toString();
            LOG.error("Request {} failed", requestId, e);
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, "InternalError", "Internal error; request id " + requestId);
        }
    }

    /** The body as {@code type}; an empty body reads as {}. A body that is not that JSON is a 400 saying why. */
    static <T> T read(byte[] body, Class<T> type, String what)
    {
        try {
            return JSON.readValue(body == null || body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body, type);
        }
        catch (IOException e) {
            throw new QueryRequestException(QueryRequestException.Reason.INVALID, "The body is not a JSON %s: %s".formatted(what, e.getMessage().lines().findFirst().orElse("")));
        }
    }

    static HttpResponse<?> ok(Object body)
    {
        return HttpResponse.ok(json(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static HttpResponse<?> created(Object body, String location)
    {
        return HttpResponse.created(json(body)).contentType(MediaType.APPLICATION_JSON_TYPE).header("Location", location);
    }

    static byte[] json(Object body)
    {
        try {
            return JSON.writeValueAsBytes(body);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<?> problem(HttpStatus status, String type, String detail)
    {
        return HttpResponse.status(status).body(json(new RestShapes.Problem("https://trawl.dev/problems/" + type, type, status.getCode(), detail))).contentType(PROBLEM);
    }
}
