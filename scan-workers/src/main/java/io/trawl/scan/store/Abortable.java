package io.trawl.scan.store;

import java.io.IOException;

/**
 * A stream from {@link ObjectStore#create} that can be given up: {@link #abort()} releases it without publishing
 * the object, so nothing appears at the location (and, on S3, no uploaded parts are left billed in the bucket).
 * Both stores' streams implement it; a writer holding a stream that does not has to close and delete instead,
 * which briefly publishes the partial object.
 */
public interface Abortable
{
    /** Discards everything written; the stream is closed afterwards. Does nothing once the stream is closed or aborted. */
    void abort()
            throws IOException;
}
