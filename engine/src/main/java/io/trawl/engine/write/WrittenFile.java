package io.trawl.engine.write;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/** One data file a write produced: where it is, its size and its rows. */
public record WrittenFile(URI location, long bytes, long rows)
{
    public WrittenFile
    {
        requireNonNull(location, "location is null");
        if (bytes < 0 || rows < 0) {
            throw new IllegalArgumentException("bytes and rows must not be negative");
        }
    }
}
