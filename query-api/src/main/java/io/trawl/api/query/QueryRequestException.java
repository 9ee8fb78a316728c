package io.trawl.api.query;

import static java.util.Objects.requireNonNull;

/**
 * A request about queries that cannot be served, and why; each protocol answers it in its own shape (Athena's
 * InvalidRequestException or TooManyRequestsException, a REST problem with 400/404/409/429).
 */
public final class QueryRequestException
        extends RuntimeException
{
    public enum Reason
    {
        /** No such query, work group or catalog. */
        NOT_FOUND,
        /** The request is malformed or not allowed now (a disabled work group, a bad token). */
        INVALID,
        /** The results of a query that has not finished successfully. */
        NOT_FINISHED,
        /** A ClientRequestToken reused with a different request. */
        TOKEN_MISMATCH,
        /** The work group has as many queries in flight on this instance as it may hold. */
        TOO_MANY_REQUESTS,
        /** The caller may not see what it asked for (another principal's query results, with access control on). */
        ACCESS_DENIED
    }

    private final Reason reason;

    public QueryRequestException(Reason reason, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason()
    {
        return reason;
    }
}
