package io.trawl.engine.fragment;

/**
 * What a scan task did, reported with its result.
 *
 * @param bytesRead bytes fetched from storage: what the task is billed for
 * @param rowsRead rows decoded from its splits, before filters
 * @param rowsOut rows in its result
 * @param resultBytes the encoded (compressed) size of its result pages
 * @param cpuNanos CPU time of the thread that ran it
 * @param wallNanos elapsed time from start to result, in the worker
 * @param spilled whether the result was written to the spill location instead of returned inline
 */
public record TaskMetrics(long bytesRead, long rowsRead, long rowsOut, long resultBytes, long cpuNanos, long wallNanos, boolean spilled)
{
    public TaskMetrics withResult(long encodedBytes, boolean spilledResult)
    {
        return new TaskMetrics(bytesRead, rowsRead, rowsOut, encodedBytes, cpuNanos, wallNanos, spilledResult);
    }
}
