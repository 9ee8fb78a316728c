package io.trawl.scan;

/**
 * How scans cut and fetch files. The defaults suit both local disks and S3.
 *
 * @param targetSplitBytes compressed bytes per split (Parquet splits hold whole row groups, so they can be
 * larger when a row group is)
 * @param maxMergeDistanceBytes Parquet column chunks closer than this are fetched in one request; the gap
 * between them is fetched, and billed, too
 */
public record ScanConfig(long targetSplitBytes, long maxMergeDistanceBytes)
{
    public ScanConfig
    {
        if (targetSplitBytes <= 0) {
            throw new IllegalArgumentException("targetSplitBytes must be positive: " + targetSplitBytes);
        }
        if (maxMergeDistanceBytes < 0) {
            throw new IllegalArgumentException("maxMergeDistanceBytes is negative: " + maxMergeDistanceBytes);
        }
    }

    public static ScanConfig defaults()
    {
        return new ScanConfig(128L * 1024 * 1024, 64 * 1024);
    }
}
