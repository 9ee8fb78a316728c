package io.trawl.scan.partition.projection;

import io.trawl.error.TrawlException;
import io.trawl.scan.split.DataFiles;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;

import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One projected partition: its key values as Hive strings (keyed by lower-case key name, the shape
 * {@link io.trawl.scan.partition.PartitionValues#typedValue} converts) and the folder that holds its files.
 */
public record ProjectedPartition(Map<String, String> values, String location)
{
    public ProjectedPartition
    {
        values = Map.copyOf(requireNonNull(values, "values is null"));
        requireNonNull(location, "location is null");
    }

    /**
     * The partition's data files. A projected partition whose folder does not exist is simply empty: projection
     * describes partitions that may exist, and Athena reads a missing one as no rows.
     */
    public List<StoredObject> listFiles(ObjectStore store)
    {
        try {
            return DataFiles.list(store, location);
        }
        catch (TrawlException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return List.of();
            }
            throw e;
        }
    }
}
