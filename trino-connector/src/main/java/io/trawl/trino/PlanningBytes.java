package io.trawl.trino;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes the coordinator fetched while planning a query's splits (Parquet footers), by Trino query id. Workers'
 * reads reach the coordinator through Trino's own statistics (a page source's completed bytes); planning happens
 * in the coordinator's connector, outside any page source, so it is kept here until the query's completion event
 * takes it. Shared by the connector and the event listener of one plugin instance (one per Trino process). Nothing is
 * kept until a listener is configured ({@link #startKeeping}): without one no event would ever take it.
 */
public final class PlanningBytes
{
    private final ConcurrentHashMap<String, LongAdder> byQuery = new ConcurrentHashMap<>();
    private volatile boolean keeping;

    /** Called when the plugin's event listener is created: from now on every query's planning bytes have a taker. */
    public void startKeeping()
    {
        keeping = true;
    }

    public void add(String queryId, long bytes)
    {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes is negative: " + bytes);
        }
        if (keeping) {
            byQuery.computeIfAbsent(queryId, _ -> new LongAdder()).add(bytes);
        }
    }

    /** The query's planning bytes, forgotten once taken: a query completes once. */
    public long take(String queryId)
    {
        LongAdder bytes = byQuery.remove(queryId);
        return bytes == null ? 0 : bytes.sum();
    }
}
