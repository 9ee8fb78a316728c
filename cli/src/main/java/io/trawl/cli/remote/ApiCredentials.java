package io.trawl.cli.remote;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The access key requests to a Trawl API are signed with: the standard AWS variables ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), else the user's name as the access key id with a
 * placeholder secret. A server in development mode accepts any well-formed signature and takes the access key id as
 * the principal, so the default makes the queries the user's own, as in the embedded mode; a server with access keys
 * refuses it.
 */
public record ApiCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken)
{
    public static final String DEVELOPMENT_SECRET = "trawl-development-mode";

    public ApiCredentials
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
    }

    /**
     * @throws IllegalArgumentException when only one of the key id and the secret is set (a half-configured key would
     * otherwise be replaced by the development default without a word)
     */
    public static ApiCredentials fromEnvironment(Map<String, String> environment, String userName)
    {
        Optional<String> accessKeyId = value(environment, "AWS_ACCESS_KEY_ID");
        Optional<String> secretAccessKey = value(environment, "AWS_SECRET_ACCESS_KEY");
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither (a server in development mode takes any key)");
        }
        if (accessKeyId.isEmpty()) {
            return new ApiCredentials(userName, DEVELOPMENT_SECRET, Optional.empty());
        }
        return new ApiCredentials(accessKeyId.get(), secretAccessKey.get(), value(environment, "AWS_SESSION_TOKEN"));
    }

    AwsCredentialsIdentity identity()
    {
        return sessionToken
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, token))
                .orElseGet(() -> AwsCredentialsIdentity.create(accessKeyId, secretAccessKey));
    }

    /** Never the secret or the token: this may end up in a message. */
    @Override
    public String toString()
    {
        return "ApiCredentials[accessKeyId=%s]".formatted(accessKeyId);
    }

    private static Optional<String> value(Map<String, String> environment, String name)
    {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
