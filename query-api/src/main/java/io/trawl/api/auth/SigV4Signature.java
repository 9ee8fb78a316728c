package io.trawl.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.trawl.api.auth.SignatureErrors.incompleteSignature;
import static io.trawl.api.auth.SignatureErrors.invalidSignature;
import static java.util.Objects.requireNonNull;

/**
 * The Signature Version 4 signature a request carries, in its {@code Authorization} header or in its query string
 * (presigned style), read and checked for form but not yet verified: nothing here needs the secret.
 *
 * @param requestTimeText the request time as the string to sign holds it, ISO-8601 basic format
 * @param expires how long a presigned request stays valid ({@code X-Amz-Expires}); empty for header authentication and
 *        query authentication without it, which are valid within the clock skew only
 */
record SigV4Signature(
        Location location,
        String accessKeyId,
        CredentialScope scope,
        String requestTimeText,
        Instant requestTime,
        List<String> signedHeaders,
        String signature,
        Optional<Duration> expires,
        Optional<String> securityToken)
{
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** How far a request's time may be from the server's clock, either way (AWS's 15 minutes). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(15);
    static final Duration MAX_EXPIRES = Duration.ofDays(7);
    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";

    static final DateTimeFormatter BASIC_ISO = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    // any of these in the query string means the request authenticates there, as AWS decides it
    private static final Set<String> QUERY_AUTHENTICATION_PARAMETERS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", SIGNATURE_PARAMETER);
    private static final List<String> QUERY_REQUIRED = List.of("X-Amz-Algorithm", "X-Amz-Credential", SIGNATURE_PARAMETER, "X-Amz-Date", "X-Amz-SignedHeaders");

    enum Location
    {
        HEADER, QUERY
    }

    /** The scope a signing key is derived for: {@code date/region/service/aws4_request}. */
    record CredentialScope(String date, String region, String service)
    {
        static final String TERMINATOR = "aws4_request";

        CredentialScope
        {
            requireNonNull(date, "date is null");
            requireNonNull(region, "region is null");
            requireNonNull(service, "service is null");
        }

        @Override
        public String toString()
        {
            return String.join("/", date, region, service, TERMINATOR);
        }
    }

    SigV4Signature
    {
        requireNonNull(location, "location is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(requestTimeText, "requestTimeText is null");
        requireNonNull(requestTime, "requestTime is null");
        signedHeaders = List.copyOf(requireNonNull(signedHeaders, "signedHeaders is null"));
        requireNonNull(signature, "signature is null");
        requireNonNull(expires, "expires is null");
        requireNonNull(securityToken, "securityToken is null");
    }

    /**
     * @throws io.trawl.api.protocol.AwsServiceException {@code UnrecognizedClientException} when the request carries no
     *         authentication, {@code IncompleteSignatureException} when what it carries is malformed,
     *         {@code InvalidSignatureException} when its credential scope's date is not the request's
     */
    static SigV4Signature read(SignedRequest request)
    {
        Optional<String> authorization = request.header("Authorization").filter(value -> !value.isBlank());
        List<CanonicalRequest.QueryParameter> query = CanonicalRequest.queryParameters(request.rawQuery());
        boolean queryAuthentication = query.stream().anyMatch(parameter -> QUERY_AUTHENTICATION_PARAMETERS.contains(parameter.name()));
        if (authorization.isPresent() && queryAuthentication) {
            throw incompleteSignature("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified");
        }
        if (authorization.isPresent()) {
            return fromHeader(authorization.get(), request);
        }
        if (queryAuthentication) {
            return fromQuery(query);
        }
        throw SignatureErrors.unrecognizedClient();
    }

    /** The string the signing key signs: algorithm, request time, credential scope and the canonical request's hash. */
    String stringToSign(String canonicalRequestHash)
    {
        return String.join("\n", ALGORITHM, requestTimeText, scope.toString(), canonicalRequestHash);
    }

    /**
     * @throws io.trawl.api.protocol.AwsServiceException {@code InvalidSignatureException} when {@code now} is outside
     *         the request's validity: within the clock skew of its time, or for a presigned request, from its time less
     *         the skew until its time plus {@code X-Amz-Expires}, with AWS's wording
     */
    void checkTime(Instant now)
    {
        if (requestTime.isAfter(now.plus(CLOCK_SKEW))) {
            throw invalidSignature("Signature not yet current: %s is still later than %s (%s + 15 min.)".formatted(
                    requestTimeText, BASIC_ISO.format(now.plus(CLOCK_SKEW)), BASIC_ISO.format(now)));
        }
        if (expires.isPresent()) {
            Instant expiry = requestTime.plus(expires.get());
            if (now.isAfter(expiry)) {
                throw invalidSignature("Signature expired: %s + %d s (X-Amz-Expires) = %s is now earlier than %s".formatted(
                        requestTimeText, expires.get().toSeconds(), BASIC_ISO.format(expiry), BASIC_ISO.format(now)));
            }
            return;
        }
        if (requestTime.isBefore(now.minus(CLOCK_SKEW))) {
            throw invalidSignature("Signature expired: %s is now earlier than %s (%s - 15 min.)".formatted(
                    requestTimeText, BASIC_ISO.format(now.minus(CLOCK_SKEW)), BASIC_ISO.format(now)));
        }
    }

    private static SigV4Signature fromHeader(String authorization, SignedRequest request)
    {
        String value = authorization.strip();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            // the header is not echoed: a scheme other than SigV4 may carry a bearer secret
            throw incompleteSignature("Authorization header must use the " + ALGORITHM + " algorithm (AWS Signature Version 4)");
        }
        Map<String, String> parameters = headerParameters(space < 0 ? "" : value.substring(space + 1));
        Optional<String> amzDate = request.header("X-Amz-Date").map(String::strip);

        List<String> missing = new ArrayList<>();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parameters.containsKey(name)) {
                missing.add("Authorization header requires '%s' parameter.".formatted(name));
            }
        }
        // AWS also takes the time from a Date header; the SDKs always send X-Amz-Date, and so must clients here
        if (amzDate.isEmpty()) {
            missing.add("Authorization header requires existence of a 'X-Amz-Date' header.");
        }
        if (!missing.isEmpty()) {
            throw incompleteSignature(String.join(" ", missing));
        }

        String requestTimeText = amzDate.orElseThrow();
        Instant requestTime = basicIsoTime(requestTimeText);
        List<String> signedHeaders = signedHeaders(parameters.get("SignedHeaders"));
        if (!signedHeaders.contains("x-amz-date")) {
            throw incompleteSignature("SignedHeaders must include 'x-amz-date', the request time");
        }
        Credential credential = credential(parameters.get("Credential"), requestTimeText);
        return new SigV4Signature(
                Location.HEADER,
                credential.accessKeyId(),
                credential.scope(),
                requestTimeText,
                requestTime,
                signedHeaders,
                signature(parameters.get("Signature")),
                Optional.empty(),
                request.header("X-Amz-Security-Token"));
    }

    private static SigV4Signature fromQuery(List<CanonicalRequest.QueryParameter> query)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (CanonicalRequest.QueryParameter parameter : query) {
            if (parameter.name().startsWith("X-Amz-") && parameters.putIfAbsent(parameter.name(), parameter.value()) != null) {
                throw incompleteSignature("Query parameter '%s' is given more than once".formatted(parameter.name()));
            }
        }
        List<String> missing = QUERY_REQUIRED.stream().filter(name -> !parameters.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw incompleteSignature("AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', "
                    + "'X-Amz-Date' and 'X-Amz-SignedHeaders'; missing " + String.join(", ", missing));
        }
        if (!parameters.get("X-Amz-Algorithm").equals(ALGORITHM)) {
            throw incompleteSignature("X-Amz-Algorithm must be " + ALGORITHM + ", not '%s'".formatted(parameters.get("X-Amz-Algorithm")));
        }
        String requestTimeText = parameters.get("X-Amz-Date");
        Instant requestTime = basicIsoTime(requestTimeText);
        Credential credential = credential(parameters.get("X-Amz-Credential"), requestTimeText);
        return new SigV4Signature(
                Location.QUERY,
                credential.accessKeyId(),
                credential.scope(),
                requestTimeText,
                requestTime,
                signedHeaders(parameters.get("X-Amz-SignedHeaders")),
                signature(parameters.get(SIGNATURE_PARAMETER)),
                Optional.ofNullable(parameters.get("X-Amz-Expires")).map(SigV4Signature::expires),
                Optional.ofNullable(parameters.get("X-Amz-Security-Token")));
    }

    private static Map<String, String> headerParameters(String text)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String pair = part.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw incompleteSignature("'%s' not a valid key=value pair (missing equal-sign) in Authorization header".formatted(pair));
            }
            String name = pair.substring(0, equals).strip();
            if (parameters.putIfAbsent(name, pair.substring(equals + 1).strip()) != null) {
                throw incompleteSignature("Authorization header has more than one '%s' parameter".formatted(name));
            }
        }
        return parameters;
    }

    private record Credential(String accessKeyId, CredentialScope scope) {}

    /** {@code <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request}, its date the request's. */
    private static Credential credential(String text, String requestTimeText)
    {
        String[] parts = text.split("/", -1);
        if (parts.length != 5 || Arrays.stream(parts).anyMatch(String::isEmpty) || parts[0].chars().anyMatch(Character::isWhitespace)) {
            throw incompleteSignature("Credential must have the form <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request, not '%s'.".formatted(text));
        }
        if (!parts[4].equals(CredentialScope.TERMINATOR)) {
            throw incompleteSignature("Credential should be scoped with a valid terminator: '%s', not '%s'.".formatted(CredentialScope.TERMINATOR, parts[4]));
        }
        try {
            SCOPE_DATE.parse(parts[1]);
        }
        catch (DateTimeParseException _) {
            throw incompleteSignature("Credential should be scoped to a valid date (yyyyMMdd), not '%s'.".formatted(parts[1]));
        }
        String requestDate = requestTimeText.substring(0, 8);
        if (!parts[1].equals(requestDate)) {
            throw invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'."
                    .formatted(parts[1], requestDate, requestTimeText));
        }
        return new Credential(parts[0], new CredentialScope(parts[1], parts[2], parts[3]));
    }

    private static List<String> signedHeaders(String text)
    {
        List<String> names = List.of(text.split(";", -1));
        if (names.stream().anyMatch(String::isEmpty)) {
            throw incompleteSignature("SignedHeaders must be header names separated by ';', not '%s'".formatted(text));
        }
        // a signature that does not cover the host could be replayed against another server with the same keys
        if (!names.contains("host")) {
            throw incompleteSignature("SignedHeaders must include 'host', not '%s'".formatted(text));
        }
        return names;
    }

    private static String signature(String text)
    {
        if (!SIGNATURE.matcher(text).matches()) {
            throw incompleteSignature("Signature must be 64 lower-case hexadecimal digits");
        }
        return text;
    }

    private static Duration expires(String text)
    {
        try {
            Duration expires = Duration.ofSeconds(Long.parseLong(text));
            if (!expires.isNegative() && !expires.isZero() && expires.compareTo(MAX_EXPIRES) <= 0) {
                return expires;
            }
        }
        catch (NumberFormatException _) {
            // reported below
        }
        throw incompleteSignature("X-Amz-Expires must be a number of seconds from 1 to %d (7 days), not '%s'".formatted(MAX_EXPIRES.toSeconds(), text));
    }

    private static Instant basicIsoTime(String text)
    {
        try {
            return Instant.from(BASIC_ISO.parse(text));
        }
        catch (DateTimeParseException _) {
            throw incompleteSignature("Date must be in ISO-8601 'basic format' (yyyyMMdd'T'HHmmss'Z'), not '%s'".formatted(text));
        }
    }
}
