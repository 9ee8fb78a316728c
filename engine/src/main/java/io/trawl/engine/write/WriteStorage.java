package io.trawl.engine.write;

import java.net.URI;
import java.util.List;

/**
 * What a write needs from storage besides the file writers, implemented in scan-workers over its object store: check
 * that a target is empty, publish staged files by moving them, write the data manifest, and clean up. Locations are
 * URIs whose decoded path is the object's key (a Hive-escaped folder name such as {@code k=a%3Db} is encoded as
 * {@code k=a%253Db} in the URI). Failures are {@link io.trawl.error.TrawlException}s: STORAGE_ERROR naming the
 * location, INVALID_LOCATION for a missing bucket.
 */
public interface WriteStorage
{
    /** The objects under {@code prefix}, recursively; a prefix with nothing under it (or a missing local folder) has none. */
    List<URI> list(URI prefix);

    /**
     * Moves one object to {@code target}, which must not exist yet: on local disk an atomic rename, on S3 a
     * server-side copy followed by a delete of the source.
     */
    void move(URI source, URI target);

    /** Writes a small object whole (the data manifest), replacing any object there. */
    void write(URI location, byte[] content);

    /** Deletes one object; a missing object is not an error. */
    void delete(URI location);

    /** Deletes every object under {@code prefix} and, on local disk, the folders that held them. */
    void deleteAll(URI prefix);

    /** On local disk removes the folder if it holds nothing (a partition folder a failed write created); S3 has no folders. */
    void deleteFolderIfEmpty(URI folder);

    /**
     * Makes {@code location} readable as an empty table: on local disk, where a table's folder must exist, creates the
     * folder; on S3, which has no folders, nothing.
     */
    void createFolder(URI location);
}
