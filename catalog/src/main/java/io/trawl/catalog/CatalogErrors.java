package io.trawl.catalog;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.List;
import java.util.Map;

/** The errors every catalog store raises, worded once so the lake-native and Glue stores answer alike. */
public final class CatalogErrors
{
    private CatalogErrors() {}

    public static TrawlException schemaNotFound(String databaseName)
    {
        return new TrawlException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + databaseName + "' does not exist");
    }

    public static TrawlException tableNotFound(String databaseName, String tableName)
    {
        return new TrawlException(ErrorCode.TABLE_NOT_FOUND, "Table '" + databaseName + "." + tableName + "' does not exist");
    }

    /** Refuses partition values that do not match the table's partition keys in number. */
    public static void checkPartitionValueCount(Table table, List<String> values)
    {
        if (table.partitionKeys().isEmpty()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table '%s' is not partitioned".formatted(table.qualifiedName()));
        }
        if (values.size() != table.partitionKeys().size()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table '%s' is partitioned by %d key(s) (%s) but %d value(s) were given: %s".formatted(
                    table.qualifiedName(), table.partitionKeys().size(), table.partitionKeys().stream().map(Column::name).toList(), values.size(), values));
        }
    }

    /** A partition as users write it: {@code (year=2024, month=01)}. */
    public static String partitionDisplayName(Table table, List<String> values)
    {
        return "(" + new Partition(table.databaseName(), table.name(), values, table.storageDescriptor(), Map.of())
                .displayName(table.partitionKeys()).replace("/", ", ") + ")";
    }

    /** @param reason why, when there is more to say than that it exists (e.g. "given more than once in the statement"); empty otherwise */
    public static TrawlException partitionAlreadyExists(Table table, List<String> values, String reason)
    {
        return new TrawlException(ErrorCode.PARTITION_ALREADY_EXISTS, "Partition %s of table '%s' already exists%s"
                .formatted(partitionDisplayName(table, values), table.qualifiedName(), reason.isEmpty() ? "" : " (" + reason + ")"));
    }
}
