package io.trawl.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Glue's Partition: the values of the table's partition keys, in key order and spelled as Hive strings
 * ({@code __HIVE_DEFAULT_PARTITION__} for NULL), and the partition's own storage descriptor (its location,
 * and possibly its own columns and format).
 */
public record Partition(
        String databaseName,
        String tableName,
        List<String> values,
        StorageDescriptor storageDescriptor,
        Map<String, String> parameters)
{
    /** Hive's spelling of a NULL partition value, in folder names and in Glue. */
    public static final String HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    public Partition
    {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(values, "values is null");
        // List.copyOf rejects nulls with a bare NPE; name the problem instead
        for (String value : values) {
            requireNonNull(value, "partition value is null (use " + HIVE_DEFAULT_PARTITION + " for NULL)");
        }
        values = Collections.unmodifiableList(new ArrayList<>(values));
        requireNonNull(storageDescriptor, "storageDescriptor is null");
        parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
    }

    /** {@code k1=v1/k2=v2} for the table's keys: how Athena's SHOW PARTITIONS prints a partition. */
    public String displayName(List<Column> partitionKeys)
    {
        if (partitionKeys.size() != values.size()) {
            return String.join("/", values);
        }
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                name.append('/');
            }
            name.append(partitionKeys.get(i).name()).append('=').append(values.get(i));
        }
        return name.toString();
    }
}
