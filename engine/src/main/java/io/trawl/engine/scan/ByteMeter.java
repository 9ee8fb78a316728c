package io.trawl.engine.scan;

/**
 * The single point every byte fetched from storage passes through. Readers call {@link #record} with the
 * number of bytes they actually fetched (compressed, as stored); that sum is what a query is billed for.
 */
@FunctionalInterface
public interface ByteMeter
{
    ByteMeter NONE = bytes -> {};

    void record(long bytes);
}
