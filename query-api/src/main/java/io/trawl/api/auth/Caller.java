package io.trawl.api.auth;

import static java.util.Objects.requireNonNull;

/** Who sent a request: the principal it acts as (grants, usage and history are theirs) and the access key it was signed with. */
public record Caller(String principal, String accessKeyId)
{
    public Caller
    {
        requireNonNull(principal, "principal is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        if (principal.isBlank()) {
            throw new IllegalArgumentException("principal is blank");
        }
    }
}
