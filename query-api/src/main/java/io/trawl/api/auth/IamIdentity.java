package io.trawl.api.auth;

import static java.util.Objects.requireNonNull;

/**
 * The IAM identity AWS verified for a request before Trawl saw it: a function URL with {@code AuthType: AWS_IAM}, or
 * an API Gateway route with IAM authorization, checks the caller's SigV4 signature itself and hands the function the
 * caller's ARN in the event's {@code requestContext.authorizer.iam}. The client cannot set it: it is not a header.
 */
public record IamIdentity(String userArn, String accessKeyId)
{
    public IamIdentity
    {
        requireNonNull(userArn, "userArn is null");
        accessKeyId = accessKeyId == null ? "" : accessKeyId;
    }
}
