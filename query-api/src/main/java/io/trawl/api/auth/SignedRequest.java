package io.trawl.api.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP request as its signature covers it: method, path as sent (still percent-encoded), raw query string
 * (empty when there is none), headers by lower-case name with every value, and the body's bytes; and the IAM
 * identity AWS verified for it when it came through a Lambda function URL or API Gateway with IAM authorization.
 */
public record SignedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body, Optional<IamIdentity> iamIdentity)
{
    /** A request that reached Trawl directly, with no identity verified by AWS. */
    public SignedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body)
    {
        this(method, path, rawQuery, headers, body, Optional.empty());
    }

    public SignedRequest
    {
        requireNonNull(iamIdentity, "iamIdentity is null");
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        rawQuery = rawQuery == null ? "" : rawQuery;
        requireNonNull(headers, "headers is null");
        Map<String, List<String>> lowerCase = new TreeMap<>();
        headers.forEach((name, values) -> lowerCase.computeIfAbsent(name.toLowerCase(Locale.ROOT), _ -> new java.util.ArrayList<>()).addAll(values));
        lowerCase.replaceAll((_, values) -> List.copyOf(values));
        headers = java.util.Collections.unmodifiableMap(lowerCase);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, by any spelling of its name. */
    public Optional<String> header(String name)
    {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
