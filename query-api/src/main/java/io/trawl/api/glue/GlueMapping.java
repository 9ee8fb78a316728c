package io.trawl.api.glue;

import io.trawl.api.glue.wire.GlueShapes;
import io.trawl.api.protocol.AwsServiceException;
import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.Partition;
import io.trawl.catalog.PartitionNames;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Glue's shapes to the catalog's records and back. The catalog's records carry Glue's names, so most of this is
 * copying; what differs:
 * <ul>
 * <li>Glue members the catalog does not keep (Description of a table, the bucketing and skew members, SerDe Name,
 * column Parameters, ViewExpandedText) are dropped on the way in. A view's ViewExpandedText is answered with its
 * original text, which is what Trawl expands.</li>
 * <li>The catalog keeps no creation or update times, so CreateTime, UpdateTime and CreationTime are left out of
 * answers rather than invented (every Glue client treats them as optional).</li>
 * <li>Strings the catalog requires but Glue makes optional (Owner, TableType, Location, the formats) are stored
 * empty when absent, and an empty one is answered as absent.</li>
 * <li>A table's VersionId is the catalog's version number.</li>
 * <li>A partition without a StorageDescriptor gets its table's, and one without a Location gets Hive's default
 * folder under the table's location ({@code k1=v1/k2=v2/}), as Athena's ADD PARTITION does.</li>
 * </ul>
 */
final class GlueMapping
{
    private GlueMapping() {}

    static Database toCatalog(GlueShapes.DatabaseInput input)
    {
        if (input == null) {
            throw AwsServiceException.invalidInput("DatabaseInput is required.");
        }
        return new Database(
                required(input.name(), "DatabaseInput.Name"),
                Optional.ofNullable(input.description()),
                Optional.ofNullable(input.locationUri()).filter(uri -> !uri.isEmpty()),
                orEmpty(input.parameters()));
    }

    static GlueShapes.Database toGlue(Database database)
    {
        return new GlueShapes.Database(
                database.name(),
                database.description().orElse(null),
                database.locationUri().orElse(null),
                database.parameters(),
                null,
                null);
    }

    static Table toCatalog(String databaseName, GlueShapes.TableInput input, long version)
    {
        if (input == null) {
            throw AwsServiceException.invalidInput("TableInput is required.");
        }
        return new Table(
                databaseName,
                required(input.name(), "TableInput.Name"),
                orEmpty(input.owner()),
                orEmpty(input.tableType()),
                orEmpty(input.parameters()),
                input.storageDescriptor() == null ? emptyStorage() : toCatalog(input.storageDescriptor()),
                columns(input.partitionKeys(), "TableInput.PartitionKeys"),
                Optional.ofNullable(input.viewOriginalText()),
                version);
    }

    static GlueShapes.Table toGlue(Table table)
    {
        return new GlueShapes.Table(
                table.name(),
                table.databaseName(),
                nullIfEmpty(table.owner()),
                null,
                null,
                toGlue(table.storageDescriptor(), false),
                table.partitionKeys().stream().map(GlueMapping::toGlue).toList(),
                table.viewOriginalText().orElse(null),
                table.viewOriginalText().orElse(null),
                nullIfEmpty(table.tableType()),
                table.parameters(),
                false,
                Long.toString(table.version()));
    }

    static Partition toCatalog(Table table, GlueShapes.PartitionInput input)
    {
        if (input == null) {
            throw AwsServiceException.invalidInput("PartitionInput is required.");
        }
        List<String> values = values(input.values(), "PartitionInput.Values");
        StorageDescriptor storage;
        if (input.storageDescriptor() == null) {
            storage = withLocation(table.storageDescriptor(), PartitionNames.defaultLocation(table, values));
        }
        else {
            storage = toCatalog(input.storageDescriptor());
            if (storage.location().isEmpty()) {
                storage = withLocation(storage, PartitionNames.defaultLocation(table, values));
            }
        }
        return new Partition(table.databaseName(), table.name(), values, storage, orEmpty(input.parameters()));
    }

    static GlueShapes.Partition toGlue(Partition partition, boolean excludeColumnSchema)
    {
        return new GlueShapes.Partition(
                partition.values(),
                partition.databaseName(),
                partition.tableName(),
                null,
                toGlue(partition.storageDescriptor(), excludeColumnSchema),
                partition.parameters());
    }

    /** Partition values as given: a list of strings, none of them null. */
    static List<String> values(List<String> values, String member)
    {
        if (values == null) {
            throw AwsServiceException.invalidInput(member + " is required.");
        }
        for (String value : values) {
            if (value == null) {
                throw AwsServiceException.invalidInput(member + " must not contain null values.");
            }
        }
        return List.copyOf(values);
    }

    static String required(String value, String member)
    {
        if (value == null || value.isEmpty()) {
            throw AwsServiceException.invalidInput(member + " is required.");
        }
        return value;
    }

    private static StorageDescriptor toCatalog(GlueShapes.StorageDescriptor storage)
    {
        GlueShapes.SerDeInfo serde = storage.serdeInfo();
        return new StorageDescriptor(
                columns(storage.columns(), "StorageDescriptor.Columns"),
                orEmpty(storage.location()),
                orEmpty(storage.inputFormat()),
                orEmpty(storage.outputFormat()),
                serde == null ? new SerDeInfo("", Map.of()) : new SerDeInfo(orEmpty(serde.serializationLibrary()), orEmpty(serde.parameters())),
                Boolean.TRUE.equals(storage.compressed()));
    }

    private static GlueShapes.StorageDescriptor toGlue(StorageDescriptor storage, boolean excludeColumns)
    {
        return new GlueShapes.StorageDescriptor(
                excludeColumns ? null : storage.columns().stream().map(GlueMapping::toGlue).toList(),
                nullIfEmpty(storage.location()),
                nullIfEmpty(storage.inputFormat()),
                nullIfEmpty(storage.outputFormat()),
                storage.compressed(),
                null,
                new GlueShapes.SerDeInfo(null, nullIfEmpty(storage.serdeInfo().serializationLibrary()), storage.serdeInfo().parameters()),
                null,
                null,
                null);
    }

    private static List<Column> columns(List<GlueShapes.Column> columns, String member)
    {
        if (columns == null) {
            return List.of();
        }
        List<Column> converted = new ArrayList<>(columns.size());
        for (GlueShapes.Column column : columns) {
            if (column == null) {
                throw AwsServiceException.invalidInput(member + " must not contain null entries.");
            }
            String name = required(column.name(), member + ".Name");
            // Glue lets Type be absent; Trawl cannot read a column without one
            String type = required(column.type(), member + ".Type of column " + name);
            converted.add(new Column(name, type, Optional.ofNullable(column.comment())));
        }
        return converted;
    }

    private static GlueShapes.Column toGlue(Column column)
    {
        return new GlueShapes.Column(column.name(), column.type(), column.comment().orElse(null), null);
    }

    private static StorageDescriptor emptyStorage()
    {
        return new StorageDescriptor(List.of(), "", "", "", new SerDeInfo("", Map.of()), false);
    }

    private static StorageDescriptor withLocation(StorageDescriptor storage, String location)
    {
        return new StorageDescriptor(storage.columns(), location, storage.inputFormat(), storage.outputFormat(), storage.serdeInfo(), storage.compressed());
    }

    private static String orEmpty(String value)
    {
        return value == null ? "" : value;
    }

    private static Map<String, String> orEmpty(Map<String, String> map)
    {
        if (map == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (entry.getValue() == null) {
                throw AwsServiceException.invalidInput("Parameter '" + entry.getKey() + "' has a null value.");
            }
        }
        return map;
    }

    private static String nullIfEmpty(String value)
    {
        return value.isEmpty() ? null : value;
    }
}
