package io.trawl.api.http;

import io.micronaut.http.HttpRequest;
import io.trawl.api.auth.SignedRequest;

import java.util.List;
import java.util.Map;
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
        return new SignedRequest(request.getMethodName(), request.getUri().getRawPath(), request.getUri().getRawQuery(), headers, body);
    }
}
