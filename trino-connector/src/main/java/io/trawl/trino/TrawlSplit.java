package io.trawl.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trawl.engine.scan.ScanSplit;
import io.trino.spi.connector.ConnectorSplit;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A {@link ScanSplit} as it travels from the coordinator to a worker, with the file's metadata the coordinator
 * already fetched and billed while planning (a Parquet footer), so the worker neither fetches nor bills it again:
 * the same hand-over Trawl's own scan tasks make to Lambda workers.
 */
public record TrawlSplit(
        @JsonProperty String path,
        @JsonProperty long start,
        @JsonProperty long length,
        @JsonProperty long fileSize,
        @JsonProperty long lastModified,
        @JsonProperty Map<String, String> partitionValues,
        @JsonProperty Optional<byte[]> fileMetadata)
        implements ConnectorSplit
{
    private static final long INSTANCE_SIZE = 96;

    @JsonCreator
    public TrawlSplit
    {
        requireNonNull(path, "path is null");
        partitionValues = Map.copyOf(requireNonNull(partitionValues, "partitionValues is null"));
        requireNonNull(fileMetadata, "fileMetadata is null");
    }

    public static TrawlSplit of(ScanSplit split, Optional<byte[]> fileMetadata)
    {
        return new TrawlSplit(split.path(), split.start(), split.length(), split.fileSize(), split.lastModified(), split.partitionValues(), fileMetadata);
    }

    public ScanSplit scanSplit()
    {
        return new ScanSplit(path, start, length, fileSize, lastModified, partitionValues);
    }

    @Override
    public long getRetainedSizeInBytes()
    {
        long partitions = partitionValues.entrySet().stream().mapToLong(entry -> 2L * (entry.getKey().length() + entry.getValue().length()) + 32).sum();
        return INSTANCE_SIZE + 2L * path.length() + partitions + fileMetadata.map(bytes -> (long) bytes.length).orElse(0L);
    }

    @Override
    public String toString()
    {
        return path + "@" + start + "+" + length;
    }
}
