package io.trawl.scan.store;

import java.net.URI;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a listing: where the object is, how many bytes it holds, when it was last written, and its
 * entity tag. The tag changes whenever the object is rewritten; pass it to
 * {@link ObjectStore#replaceIfUnchanged} to write only over the version that was read. On S3 it is the
 * server's ETag, quoted as S3 sends it; on local disk a token derived from the file's identity and timestamps.
 */
public record StoredObject(URI location, long size, Instant lastModified, String etag)
{
    public StoredObject
    {
        requireNonNull(location, "location is null");
        requireNonNull(lastModified, "lastModified is null");
        requireNonNull(etag, "etag is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }

    /** The last path segment, the part Hive's hidden-file rule looks at. */
    public String fileName()
    {
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
