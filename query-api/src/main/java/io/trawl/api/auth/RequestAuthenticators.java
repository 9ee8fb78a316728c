package io.trawl.api.auth;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** Chooses how the service authenticates requests from its environment. */
public final class RequestAuthenticators
{
    public static final String DEVELOPMENT_MODE_WARNING = "DEVELOPMENT MODE: no access keys configured (TRAWL_ACCESS_KEYS / TRAWL_ACCESS_KEYS_FILE); "
            + "any signed request is accepted and its access key id names the principal";

    private RequestAuthenticators() {}

    /**
     * Verifies signatures with the access keys configured ({@link AccessKeys#fromEnvironment}); with none, runs in
     * development mode and says so once to {@code warnings}, since such a server trusts whoever signs.
     *
     * @throws io.trawl.error.TrawlException {@code INVALID_ARGUMENT} when the keys' configuration is malformed
     */
    public static RequestAuthenticator fromEnvironment(Map<String, String> environment, Clock clock, Consumer<String> warnings)
    {
        requireNonNull(clock, "clock is null");
        requireNonNull(warnings, "warnings is null");
        AccessKeys keys = AccessKeys.fromEnvironment(environment);
        if (keys.isEmpty()) {
            warnings.accept(DEVELOPMENT_MODE_WARNING);
            return SigV4Authenticator.development(clock);
        }
        return SigV4Authenticator.verifying(keys, clock);
    }
}
