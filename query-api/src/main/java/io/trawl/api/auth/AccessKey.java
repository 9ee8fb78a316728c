package io.trawl.api.auth;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One access key the service accepts: its id, the secret it signs with, the principal its requests act as, and, for
 * session credentials, the session token a request must carry in {@code X-Amz-Security-Token}.
 */
public record AccessKey(String accessKeyId, String secretKey, String principal, Optional<String> sessionToken)
{
    public AccessKey
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretKey, "secretKey is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(sessionToken, "sessionToken is null");
        // the id travels in the credential scope, whose parts '/' separates
        if (accessKeyId.isEmpty() || accessKeyId.chars().anyMatch(character -> character == '/' || Character.isWhitespace(character))) {
            throw new IllegalArgumentException("access key id must be non-empty, without '/' or white space");
        }
        if (secretKey.isEmpty()) {
            throw new IllegalArgumentException("secret key is empty");
        }
        if (principal.isBlank()) {
            throw new IllegalArgumentException("principal is blank");
        }
        if (sessionToken.isPresent() && sessionToken.get().isEmpty()) {
            throw new IllegalArgumentException("session token is empty");
        }
    }

    public static AccessKey of(String accessKeyId, String secretKey, String principal)
    {
        return new AccessKey(accessKeyId, secretKey, principal, Optional.empty());
    }

    /** Never the secret or the token: this string reaches logs and error messages. */
    @Override
    public String toString()
    {
        return "AccessKey[accessKeyId=%s, principal=%s, sessionToken=%s]".formatted(accessKeyId, principal, sessionToken.isPresent() ? "yes" : "no");
    }
}
