package io.trawl.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table with Glue's shape. Parameters carry Athena's table properties (classification,
 * skip.header.line.count, projection.*, ...). {@code version} increases with every committed change and is
 * what conditional writes of the catalog compare.
 */
public record Table(
        String databaseName,
        String name,
        String owner,
        String tableType,
        Map<String, String> parameters,
        StorageDescriptor storageDescriptor,
        List<Column> partitionKeys,
        Optional<String> viewOriginalText,
        long version)
{
    public static final String EXTERNAL_TABLE = "EXTERNAL_TABLE";
    public static final String VIRTUAL_VIEW = "VIRTUAL_VIEW";

    public Table
    {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(name, "name is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(tableType, "tableType is null");
        parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
        requireNonNull(storageDescriptor, "storageDescriptor is null");
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        requireNonNull(viewOriginalText, "viewOriginalText is null");
    }

    /** Data columns followed by partition keys: the columns a query sees. */
    public List<Column> allColumns()
    {
        if (partitionKeys.isEmpty()) {
            return storageDescriptor.columns();
        }
        return java.util.stream.Stream.concat(storageDescriptor.columns().stream(), partitionKeys.stream()).toList();
    }

    /** The same table with other data columns and partition keys (e.g. only those a user may see). */
    public Table withColumns(List<Column> columns, List<Column> keys)
    {
        StorageDescriptor storage = new StorageDescriptor(columns, storageDescriptor.location(), storageDescriptor.inputFormat(),
                storageDescriptor.outputFormat(), storageDescriptor.serdeInfo(), storageDescriptor.compressed());
        return new Table(databaseName, name, owner, tableType, parameters, storage, keys, viewOriginalText, version);
    }

    public String qualifiedName()
    {
        return databaseName + "." + name;
    }
}
