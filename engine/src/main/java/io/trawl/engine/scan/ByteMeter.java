package io.trawl.engine.scan;

/**
 * The single point every byte fetched from storage passes through. Readers call {@link #record} with the
 * number of bytes they actually fetched (compressed, as stored); that sum is what a query is billed for.
 */
@FunctionalInterface
public interface ByteMeter
{
    /**
     * For reads no query pays for now (statistics, EXPLAIN). A provider that caches what such reads fetched
     * (Parquet footers) bills it to the next query that uses the cached copy, as if that query had fetched it.
     */
    ByteMeter NONE = bytes -> {};

    void record(long bytes);
}
