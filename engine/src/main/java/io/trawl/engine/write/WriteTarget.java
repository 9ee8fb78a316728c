package io.trawl.engine.write;

import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.PartitionNames;
import io.trawl.catalog.Table;
import io.trino.spi.type.Type;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Where and how one statement writes. Pages arrive with the data columns first and the partition columns last, in
 * the target's order and types; files go under {@code stagingRoot} in their partition's folder, and publishing moves
 * each to {@code finalFolder(partition values)}.
 *
 * @param table whose format, SerDe and parameters the files are written in
 * @param extension the file name suffix the writers give that format and compression
 */
record WriteTarget(
        Table table,
        List<Column> dataColumns,
        List<Column> partitionColumns,
        URI stagingRoot,
        Function<List<String>, URI> finalFolder,
        Optional<HiveBucketing> bucketing,
        String extension)
{
    WriteTarget
    {
        requireNonNull(table, "table is null");
        dataColumns = List.copyOf(dataColumns);
        partitionColumns = List.copyOf(partitionColumns);
        requireNonNull(stagingRoot, "stagingRoot is null");
        requireNonNull(finalFolder, "finalFolder is null");
        requireNonNull(bucketing, "bucketing is null");
        requireNonNull(extension, "extension is null");
    }

    List<Type> partitionTypes()
    {
        return partitionColumns.stream().map(column -> HiveTypes.toTrinoType(column.type())).toList();
    }

    /** The staging folder of a partition: its Hive folder under the staging root. */
    URI stagingFolder(List<String> partitionValues)
    {
        if (partitionColumns.isEmpty()) {
            return stagingRoot;
        }
        return StorageLocations.child(stagingRoot, PartitionNames.folderName(partitionColumns, partitionValues) + "/");
    }
}
