package io.trawl.engine.scan;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A partition of a table in storage or in the catalog: its values in partition-key order and its folder. */
public record PartitionFolder(List<String> values, String location)
{
    public PartitionFolder
    {
        values = List.copyOf(requireNonNull(values, "values is null"));
        requireNonNull(location, "location is null");
    }
}
