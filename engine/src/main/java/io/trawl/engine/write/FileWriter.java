package io.trawl.engine.write;

/**
 * Writes one data file. Pages hold the file's columns in order, with the Trino types their Hive types map to
 * ({@link io.trawl.catalog.HiveTypes}). Not thread-safe: one writer per thread.
 */
public interface FileWriter
{
    /** Appends the page's rows. */
    void append(io.trino.spi.Page page);

    /** Bytes written so far, including buffered data not yet flushed: the engine rolls to a new file past its target size. */
    long writtenBytes();

    long writtenRows();

    /** Finishes the file (footer, final flush) and makes it visible; returns what was written. */
    WrittenFile commit();

    /** Discards the file; safe to call after a failed append or commit, and more than once. */
    void abort();
}
