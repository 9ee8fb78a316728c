package io.trawl.engine.scan;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One unit of scan work: a byte range of one file. For Parquet the range selects the row groups whose
 * first byte lies inside it; for splittable text the reader owns the lines that start inside it.
 * {@code partitionValues} are the Hive partition folder values of the file ({@code key=value/} segments,
 * unescaped, keys lower-case); {@code lastModified} is the object's modification time in epoch milliseconds.
 */
public record ScanSplit(String path, long start, long length, long fileSize, long lastModified, Map<String, String> partitionValues)
{
    public ScanSplit
    {
        requireNonNull(path, "path is null");
        if (start < 0 || length < 0 || fileSize < 0) {
            throw new IllegalArgumentException("negative split bounds: " + start + "+" + length + " of " + fileSize);
        }
        partitionValues = Map.copyOf(requireNonNull(partitionValues, "partitionValues is null"));
    }

    public ScanSplit(String path, long start, long length, long fileSize)
    {
        this(path, start, length, fileSize, 0, Map.of());
    }

    public ScanSplit withFile(long lastModifiedMillis, Map<String, String> partitions)
    {
        return new ScanSplit(path, start, length, fileSize, lastModifiedMillis, partitions);
    }
}
