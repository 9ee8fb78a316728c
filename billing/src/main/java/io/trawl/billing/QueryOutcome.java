package io.trawl.billing;

/** How a statement ended, which decides whether what it read is billed. */
public enum QueryOutcome
{
    /** Finished normally: billed if the statement type reads data. */
    SUCCEEDED,
    /** Failed with an error (user's or ours): free, whatever it read. */
    FAILED,
    /**
     * Stopped by the user (StopQueryExecution) or by the work group's BytesScannedCutoffPerQuery: billed for the
     * bytes read before it stopped, with the same rounding and minimum as a finished query.
     */
    CANCELLED,
    /** Stopped by the service because it ran past the query timeout: free, the service's limit, not the user's choice. */
    TIMED_OUT
}
