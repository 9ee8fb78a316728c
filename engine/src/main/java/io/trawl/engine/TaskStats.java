package io.trawl.engine;

import static java.util.Objects.requireNonNull;

/**
 * What one scan task did: the split it read, the bytes it fetched from storage (what it is billed for),
 * the rows it produced after its filters, joins and partial aggregation, and how long it ran.
 */
public record TaskStats(String table, String path, long splitStart, long splitLength, long bytesScanned, long outputRows, long wallMillis)
{
    public TaskStats
    {
        requireNonNull(table, "table is null");
        requireNonNull(path, "path is null");
    }
}
