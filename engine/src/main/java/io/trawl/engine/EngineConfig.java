package io.trawl.engine;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Engine settings. Defaults make the embedded mode work with nothing set.
 *
 * @param memoryLimitBytes how much memory one query's operators (hash tables, sort buffers) may hold
 * before the query fails with EXCEEDED_MEMORY_LIMIT
 * @param scanThreads how many splits are read in parallel
 * @param targetFileBytes a write (CTAS, INSERT INTO, UNLOAD) rolls to a new data file once the current one
 * holds this many bytes: 128 MB by default, a row group's worth of Parquet
 * @param maxWritePartitions how many partitions one write statement may write; Athena's limit is 100
 * @param tablesLocation where a CTAS without {@code external_location} puts its table when the statement's
 * caller gives no location of its own ({@code <tablesLocation>/<query id>/}); empty refuses such a CTAS
 */
public record EngineConfig(long memoryLimitBytes, int scanThreads, long targetFileBytes, int maxWritePartitions, Optional<URI> tablesLocation)
{
    public static final long DEFAULT_TARGET_FILE_BYTES = 128L * 1024 * 1024;
    /** Athena's limit: "HIVE_TOO_MANY_OPEN_PARTITIONS: Exceeded limit of 100 open writers for partitions/buckets". */
    public static final int DEFAULT_MAX_WRITE_PARTITIONS = 100;

    public EngineConfig
    {
        requireNonNull(tablesLocation, "tablesLocation is null");
        if (targetFileBytes <= 0) {
            throw new IllegalArgumentException("targetFileBytes must be positive: " + targetFileBytes);
        }
        if (maxWritePartitions <= 0) {
            throw new IllegalArgumentException("maxWritePartitions must be positive: " + maxWritePartitions);
        }
    }

    /** Read settings only; writes get the defaults. */
    public EngineConfig(long memoryLimitBytes, int scanThreads)
    {
        this(memoryLimitBytes, scanThreads, DEFAULT_TARGET_FILE_BYTES, DEFAULT_MAX_WRITE_PARTITIONS, Optional.empty());
    }

    public static EngineConfig defaults()
    {
        long maxHeap = Runtime.getRuntime().maxMemory();
        return new EngineConfig((long) (maxHeap * 0.7), Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public EngineConfig withTargetFileBytes(long bytes)
    {
        return new EngineConfig(memoryLimitBytes, scanThreads, bytes, maxWritePartitions, tablesLocation);
    }

    public EngineConfig withMaxWritePartitions(int partitions)
    {
        return new EngineConfig(memoryLimitBytes, scanThreads, targetFileBytes, partitions, tablesLocation);
    }

    public EngineConfig withTablesLocation(URI location)
    {
        return new EngineConfig(memoryLimitBytes, scanThreads, targetFileBytes, maxWritePartitions, Optional.of(location));
    }
}
