package io.trawl.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import io.trawl.api.auth.IamIdentity;
import io.trawl.api.auth.SignedRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Turns Micronaut's view of a request into what its signature covers. */
public final class HttpRequests
{
    private HttpRequests() {}

    public static SignedRequest signed(HttpRequest<?> request, byte[] body)
    {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : request.getHeaders().names()) {
            headers.put(name, request.getHeaders().getAll(name));
        }
        return new SignedRequest(request.getMethodName(), request.getUri().getRawPath(), request.getUri().getRawQuery(), headers, body, iamIdentity(request));
    }

    /**
     * The identity AWS verified, when the request is a Lambda event from a function URL with AWS_IAM auth or an API
     * Gateway route with IAM authorization; read from the event's request context, which the client cannot write.
     */
    private static Optional<IamIdentity> iamIdentity(HttpRequest<?> request)
    {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null
                && event.getRequestContext().getAuthorizer() != null
                && event.getRequestContext().getAuthorizer().getIam() != null
                && event.getRequestContext().getAuthorizer().getIam().getUserArn() != null) {
            APIGatewayV2HTTPEvent.RequestContext.IAM iam = event.getRequestContext().getAuthorizer().getIam();
            return Optional.of(new IamIdentity(iam.getUserArn(), iam.getAccessKey()));
        }
        return Optional.empty();
    }
}
