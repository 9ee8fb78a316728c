package io.trawl.engine.scan;

import static java.util.Objects.requireNonNull;

/**
 * One unit of scan work: a byte range of one file. For Parquet the range selects the row groups whose
 * first byte lies inside it; for splittable text the reader owns the lines that start inside it.
 */
public record ScanSplit(String path, long start, long length, long fileSize)
{
    public ScanSplit
    {
        requireNonNull(path, "path is null");
        if (start < 0 || length < 0 || fileSize < 0) {
            throw new IllegalArgumentException("negative split bounds: " + start + "+" + length + " of " + fileSize);
        }
    }
}
