package io.trawl.catalog.glue;

import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.Partition;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SDK's Glue model to the catalog's records and back. The records carry Glue's names, so this is mostly copying;
 * Glue's optional strings the records require (owner, table type, location, formats) become empty strings and go back
 * as absent, and a table's VersionId is its version number.
 */
final class GlueModel
{
    private GlueModel() {}

    static Database toCatalog(software.amazon.awssdk.services.glue.model.Database database)
    {
        return new Database(
                database.name().toLowerCase(Locale.ROOT),
                Optional.ofNullable(database.description()),
                Optional.ofNullable(database.locationUri()).filter(uri -> !uri.isEmpty()),
                database.parameters());
    }

    static Table toCatalog(String databaseName, software.amazon.awssdk.services.glue.model.Table table)
    {
        return new Table(
                databaseName,
                table.name().toLowerCase(Locale.ROOT),
                orEmpty(table.owner()),
                orEmpty(table.tableType()),
                table.parameters(),
                toCatalog(table.storageDescriptor()),
                table.partitionKeys().stream().map(GlueModel::toCatalog).toList(),
                Optional.ofNullable(table.viewOriginalText()),
                version(table.versionId()));
    }

    static TableInput toGlue(Table table, String name)
    {
        return TableInput.builder()
                .name(name)
                .owner(nullIfEmpty(table.owner()))
                .tableType(nullIfEmpty(table.tableType()))
                .parameters(table.parameters())
                .storageDescriptor(toGlue(table.storageDescriptor()))
                .partitionKeys(table.partitionKeys().stream().map(GlueModel::toGlue).toList())
                .viewOriginalText(table.viewOriginalText().orElse(null))
                // Glue wants both texts of a view; Trawl expands the original text itself
                .viewExpandedText(table.viewOriginalText().orElse(null))
                .build();
    }

    static Partition toCatalog(Table table, software.amazon.awssdk.services.glue.model.Partition partition)
    {
        return new Partition(
                table.databaseName(),
                table.name(),
                partition.values(),
                toCatalog(partition.storageDescriptor()),
                partition.parameters());
    }

    static PartitionInput toGlue(Partition partition)
    {
        return PartitionInput.builder()
                .values(partition.values())
                .storageDescriptor(toGlue(partition.storageDescriptor()))
                .parameters(partition.parameters())
                .build();
    }

    private static StorageDescriptor toCatalog(software.amazon.awssdk.services.glue.model.StorageDescriptor storage)
    {
        if (storage == null) {
            return new StorageDescriptor(List.of(), "", "", "", new SerDeInfo("", Map.of()), false);
        }
        software.amazon.awssdk.services.glue.model.SerDeInfo serde = storage.serdeInfo();
        return new StorageDescriptor(
                storage.columns().stream().map(GlueModel::toCatalog).toList(),
                orEmpty(storage.location()),
                orEmpty(storage.inputFormat()),
                orEmpty(storage.outputFormat()),
                serde == null ? new SerDeInfo("", Map.of()) : new SerDeInfo(orEmpty(serde.serializationLibrary()), serde.parameters()),
                Boolean.TRUE.equals(storage.compressed()));
    }

    private static software.amazon.awssdk.services.glue.model.StorageDescriptor toGlue(StorageDescriptor storage)
    {
        return software.amazon.awssdk.services.glue.model.StorageDescriptor.builder()
                .columns(storage.columns().stream().map(GlueModel::toGlue).toList())
                .location(nullIfEmpty(storage.location()))
                .inputFormat(nullIfEmpty(storage.inputFormat()))
                .outputFormat(nullIfEmpty(storage.outputFormat()))
                .compressed(storage.compressed())
                .serdeInfo(software.amazon.awssdk.services.glue.model.SerDeInfo.builder()
                        .serializationLibrary(nullIfEmpty(storage.serdeInfo().serializationLibrary()))
                        .parameters(storage.serdeInfo().parameters())
                        .build())
                .build();
    }

    private static Column toCatalog(software.amazon.awssdk.services.glue.model.Column column)
    {
        return new Column(column.name(), orEmpty(column.type()), Optional.ofNullable(column.comment()));
    }

    private static software.amazon.awssdk.services.glue.model.Column toGlue(Column column)
    {
        return software.amazon.awssdk.services.glue.model.Column.builder()
                .name(column.name())
                .type(column.type())
                .comment(column.comment().orElse(null))
                .build();
    }

    /** Glue's VersionId is a decimal counter; a table without one (written by a client that does not version) is version 0. */
    private static long version(String versionId)
    {
        if (versionId == null || versionId.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(versionId);
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String orEmpty(String value)
    {
        return value == null ? "" : value;
    }

    private static String nullIfEmpty(String value)
    {
        return value.isEmpty() ? null : value;
    }
}
