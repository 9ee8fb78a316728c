package io.trawl.scan.store;

import java.net.URI;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** One entry of a listing: where the object is, how many bytes it holds, and when it was last written. */
public record StoredObject(URI location, long size, Instant lastModified)
{
    public StoredObject
    {
        requireNonNull(location, "location is null");
        requireNonNull(lastModified, "lastModified is null");
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
