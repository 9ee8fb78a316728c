package io.trawl.api.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The canonical form of a request that Signature Version 4 signs, built from what arrived, as the AWS spec defines it
 * for services other than S3 ("Create a canonical request", IAM user guide):
 * <pre>
 * METHOD \n canonical URI \n canonical query \n canonical headers \n signed headers \n payload hash
 * </pre>
 * The URI path is normalised (empty and {@code .} segments dropped, {@code ..} removing its parent) and then encoded
 * once more, the "double encoding" non-S3 services use, since the path arrives already encoded once. Query names and
 * values are decoded, encoded strictly (RFC 3986 unreserved characters kept, everything else {@code %XX}) and sorted.
 * Header values are trimmed with inner runs of white space made one space, several values of a header joined by
 * commas.
 */
final class CanonicalRequest
{
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private CanonicalRequest() {}

    /** One {@code name=value} of a query string, decoded. */
    record QueryParameter(String name, String value)
    {
        QueryParameter
        {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }

    static String of(SignedRequest request, SigV4Signature signature, String payloadHash)
    {
        return String.join("\n",
                request.method(),
                canonicalUri(request.path()),
                canonicalQuery(request.rawQuery(), signature.location()),
                canonicalHeaders(request, signature.signedHeaders()),
                String.join(";", signature.signedHeaders()),
                payloadHash);
    }

    static String canonicalUri(String rawPath)
    {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(segment);
        }
        StringBuilder uri = new StringBuilder("/");
        uri.append(String.join("/", segments.stream().map(CanonicalRequest::uriEncode).toList()));
        if (!segments.isEmpty() && rawPath.endsWith("/")) {
            uri.append('/');
        }
        return uri.toString();
    }

    /** Every parameter of the query but a presigned request's own signature, which cannot sign itself. */
    static String canonicalQuery(String rawQuery, SigV4Signature.Location location)
    {
        List<String[]> encoded = new ArrayList<>();
        for (QueryParameter parameter : queryParameters(rawQuery)) {
            if (location == SigV4Signature.Location.QUERY && parameter.name().equals(SigV4Signature.SIGNATURE_PARAMETER)) {
                continue;
            }
            encoded.add(new String[] {uriEncode(parameter.name()), uriEncode(parameter.value())});
        }
        encoded.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        return String.join("&", encoded.stream().map(pair -> pair[0] + "=" + pair[1]).toList());
    }

    static String canonicalHeaders(SignedRequest request, List<String> signedHeaders)
    {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = request.headers().getOrDefault(name, List.of());
            headers.append(name).append(':').append(String.join(",", values.stream().map(CanonicalRequest::collapseWhiteSpace).toList())).append('\n');
        }
        return headers.toString();
    }

    /**
     * The query's parameters, decoded, in the order sent. A {@code +} stays a plus sign (RFC 3986, as the SDKs encode a
     * space {@code %20}); a parameter without {@code =} has an empty value; one with an empty name is not signed by the
     * SDKs and is left out.
     */
    static List<QueryParameter> queryParameters(String rawQuery)
    {
        List<QueryParameter> parameters = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals));
            if (name.isEmpty()) {
                continue;
            }
            parameters.add(new QueryParameter(name, equals < 0 ? "" : percentDecode(pair.substring(equals + 1))));
        }
        return parameters;
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes: only {@code A-Z a-z 0-9 - . _ ~} stay as they are. */
    static String uriEncode(String text)
    {
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte octet : text.getBytes(StandardCharsets.UTF_8)) {
            if (unreserved(octet)) {
                encoded.append((char) octet);
            }
            else {
                encoded.append('%').append(UPPER_HEX.toHexDigits(octet));
            }
        }
        return encoded.toString();
    }

    /** Decodes {@code %XX} escapes as UTF-8; a {@code %} not followed by two hex digits stands for itself. */
    static String percentDecode(String text)
    {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int index = 0;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (character == '%' && index + 2 < text.length() && isHexDigit(text.charAt(index + 1)) && isHexDigit(text.charAt(index + 2))) {
                bytes.write(HexFormat.fromHexDigits(text, index + 1, index + 3));
                index += 3;
                continue;
            }
            int codePoint = text.codePointAt(index);
            bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
            index += Character.charCount(codePoint);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String collapseWhiteSpace(String value)
    {
        StringBuilder collapsed = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (isWhiteSpace(character)) {
                pendingSpace = !collapsed.isEmpty();
                continue;
            }
            if (pendingSpace) {
                collapsed.append(' ');
                pendingSpace = false;
            }
            collapsed.append(character);
        }
        return collapsed.toString();
    }

    // the white space the SDKs collapse: space, tab, line feed, vertical tab, form feed, carriage return
    private static boolean isWhiteSpace(char character)
    {
        return character == ' ' || character == '\t' || character == '\n' || character == '\u000b' || character == '\f' || character == '\r';
    }

    private static boolean unreserved(byte octet)
    {
        return (octet >= 'A' && octet <= 'Z') || (octet >= 'a' && octet <= 'z') || (octet >= '0' && octet <= '9')
                || octet == '-' || octet == '.' || octet == '_' || octet == '~';
    }

    private static boolean isHexDigit(char character)
    {
        return Character.digit(character, 16) >= 0 && character < 128;
    }
}
