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
     * Takes the caller of a request AWS authenticated (a Lambda function URL or API Gateway with IAM auth) from its
     * IAM identity, mapped by {@link IamPrincipals}; otherwise verifies signatures with the access keys configured ({@link AccessKeys#fromEnvironment}); with none, runs in
     * development mode and says so once to {@code warnings}, since such a server trusts whoever signs.
     *
     * @throws io.trawl.error.TrawlException {@code INVALID_ARGUMENT} when the keys' configuration is malformed
     */
    public static RequestAuthenticator fromEnvironment(Map<String, String> environment, Clock clock, Consumer<String> warnings)
    {
        requireNonNull(clock, "clock is null");
        requireNonNull(warnings, "warnings is null");
        AccessKeys keys = AccessKeys.fromEnvironment(environment);
        IamPrincipals iam = IamPrincipals.fromEnvironment(environment);
        RequestAuthenticator signatures;
        if (keys.isEmpty()) {
            warnings.accept(DEVELOPMENT_MODE_WARNING);
            signatures = SigV4Authenticator.development(clock);
        }
        else {
            signatures = SigV4Authenticator.verifying(keys, clock);
        }
        // AWS checked the signature of a request that carries an IAM identity (it was signed for Lambda or API
        // Gateway, with credentials Trawl does not hold): its identity decides, not Trawl's keys
        return request -> request.iamIdentity().map(iam::caller).orElseGet(() -> signatures.authenticate(request));
    }
}
