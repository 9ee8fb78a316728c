package io.trawl.error;

/**
 * Who is at fault for a failure. HTTP status, retries, Athena's ErrorCategory (1 = system, 2 = user,
 * 3 = other) and whether the query is billed all follow from it.
 */
public enum ErrorType
{
    /** The statement or its input is wrong: fix the query or the data. Athena ErrorCategory 2. */
    USER_ERROR(2),
    /** Something outside Trawl failed (storage, network, a remote service). Athena ErrorCategory 3. */
    EXTERNAL(3),
    /** A bug or resource exhaustion inside Trawl. Athena ErrorCategory 1. */
    INTERNAL(1);

    private final int athenaErrorCategory;

    ErrorType(int athenaErrorCategory)
    {
        this.athenaErrorCategory = athenaErrorCategory;
    }

    public int athenaErrorCategory()
    {
        return athenaErrorCategory;
    }
}
