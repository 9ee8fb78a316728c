package io.trawl.scan.reader.parquet;

import com.google.common.collect.ListMultimap;
import io.airlift.slice.Slice;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.parquet.DiskRange;
import io.trino.parquet.ParquetDataSource;
import io.trino.parquet.ParquetDataSourceId;
import io.trino.parquet.reader.ChunkedInputStream;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A data source for estimates: a {@link io.trino.parquet.reader.ParquetReader} built over it plans its fetches
 * exactly as it would over {@link ObjectStoreParquetDataSource}, and this records how many bytes those fetches
 * would be instead of making them. It reads nothing: a reader that asks for bytes is a bug in the estimate.
 */
final class PlanningDataSource
        implements ParquetDataSource
{
    private final ParquetDataSourceId id;
    private final long size;
    private final ObjectStoreParquetDataSource.FetchRules rules;
    private long plannedBytes;

    PlanningDataSource(ParquetDataSourceId id, long size, ObjectStoreParquetDataSource.FetchRules rules)
    {
        this.id = requireNonNull(id, "id is null");
        this.size = size;
        this.rules = requireNonNull(rules, "rules is null");
    }

    /** The bytes the planned reads would fetch. */
    long plannedBytes()
    {
        return plannedBytes;
    }

    @Override
    public <K> Map<K, ChunkedInputStream> planRead(ListMultimap<K, DiskRange> diskRanges, AggregatedMemoryContext memoryContext)
    {
        plannedBytes += ObjectStoreParquetDataSource.plannedFetchBytes(diskRanges.values(), rules);
        return Map.of();
    }

    @Override
    public ParquetDataSourceId getId()
    {
        return id;
    }

    @Override
    public long getReadBytes()
    {
        return 0;
    }

    @Override
    public long getReadTimeNanos()
    {
        return 0;
    }

    @Override
    public long getEstimatedSize()
    {
        return size;
    }

    @Override
    public Slice readTail(int length)
    {
        throw new IllegalStateException("an estimate reads no data from " + id);
    }

    @Override
    public Slice readFully(long position, int length)
    {
        throw new IllegalStateException("an estimate reads no data from " + id);
    }
}
