package io.trawl.api.report;

import static java.util.Objects.requireNonNull;

/** A request about reports that cannot be served, and why; the REST API answers 400, 404 or 409 by the reason. */
public final class ReportException
        extends RuntimeException
{
    public enum Reason
    {
        /** No such report, run or work group. */
        NOT_FOUND,
        /** The definition is not valid (schedule, time zone, destination, SQL, name). */
        INVALID,
        /** A report of that name exists. */
        ALREADY_EXISTS,
        /** With access control on: another user's report, or a destination outside the allowed locations. */
        ACCESS_DENIED
    }

    private final Reason reason;

    public ReportException(Reason reason, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason()
    {
        return reason;
    }
}
