package io.trawl.engine.ddl;

import io.trawl.catalog.Column;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** What DESCRIBE, DESCRIBE FORMATTED and SHOW CREATE TABLE print for a table. */
final class TableDescriptions
{
    private TableDescriptions() {}

    /** Trino's DESCRIBE columns; types in Hive spelling, as Athena prints them; partition keys marked. */
    static TextResult describe(Table table, Predicate<String> columnFilter)
    {
        TextResult result = new TextResult("Column", "Type", "Extra", "Comment");
        for (Column column : table.storageDescriptor().columns()) {
            if (columnFilter.test(column.name())) {
                result.addRow(column.name(), column.type(), "", column.comment().orElse(""));
            }
        }
        for (Column column : table.partitionKeys()) {
            if (columnFilter.test(column.name())) {
                result.addRow(column.name(), column.type(), "partition key", column.comment().orElse(""));
            }
        }
        return result;
    }

    /** Hive's DESCRIBE FORMATTED layout: columns, partition information, table and storage details. */
    static TextResult describeFormatted(Table table)
    {
        TextResult result = new TextResult("col_name", "data_type", "comment");
        result.addRow("# col_name", "data_type", "comment");
        for (Column column : table.storageDescriptor().columns()) {
            result.addRow(column.name(), column.type(), column.comment().orElse(""));
        }
        if (!table.partitionKeys().isEmpty()) {
            result.addRow("", "", "");
            result.addRow("# Partition Information", "", "");
            result.addRow("# col_name", "data_type", "comment");
            for (Column column : table.partitionKeys()) {
                result.addRow(column.name(), column.type(), column.comment().orElse(""));
            }
        }
        StorageDescriptor storage = table.storageDescriptor();
        result.addRow("", "", "");
        result.addRow("# Detailed Table Information", "", "");
        result.addRow("Database:", table.databaseName(), "");
        result.addRow("Owner:", table.owner(), "");
        result.addRow("Location:", storage.location(), "");
        result.addRow("Table Type:", table.tableType(), "");
        result.addRow("Table Parameters:", "", "");
        new TreeMap<>(table.parameters()).forEach((key, value) -> result.addRow("", key, HiveLiterals.escape(value)));
        result.addRow("", "", "");
        result.addRow("# Storage Information", "", "");
        result.addRow("SerDe Library:", storage.serdeInfo().serializationLibrary(), "");
        result.addRow("InputFormat:", storage.inputFormat(), "");
        result.addRow("OutputFormat:", storage.outputFormat(), "");
        result.addRow("Compressed:", storage.compressed() ? "Yes" : "No", "");
        result.addRow("Storage Desc Params:", "", "");
        new TreeMap<>(storage.serdeInfo().parameters()).forEach((key, value) -> result.addRow("", key, HiveLiterals.escape(value)));
        return result;
    }

    /**
     * Hive DDL that recreates the table, in the layout Athena's SHOW CREATE TABLE uses; it parses back
     * into the same definition.
     */
    static String showCreateTable(Table table)
    {
        StringBuilder ddl = new StringBuilder();
        ddl.append(Table.EXTERNAL_TABLE.equals(table.tableType()) ? "CREATE EXTERNAL TABLE " : "CREATE TABLE ")
                .append(quote(table.databaseName())).append('.').append(quote(table.name())).append("(\n")
                .append(columnList(table.storageDescriptor().columns()))
                .append(")\n");
        String comment = table.parameters().get(ExternalTables.COMMENT);
        if (comment != null) {
            ddl.append("COMMENT ").append(HiveLiterals.quote(comment)).append('\n');
        }
        if (!table.partitionKeys().isEmpty()) {
            ddl.append("PARTITIONED BY (\n").append(columnList(table.partitionKeys())).append(")\n");
        }
        StorageDescriptor storage = table.storageDescriptor();
        ddl.append("ROW FORMAT SERDE\n  ").append(HiveLiterals.quote(storage.serdeInfo().serializationLibrary())).append('\n');
        if (!storage.serdeInfo().parameters().isEmpty()) {
            ddl.append("WITH SERDEPROPERTIES (\n").append(propertyList(storage.serdeInfo().parameters())).append(")\n");
        }
        ddl.append("STORED AS INPUTFORMAT\n  ").append(HiveLiterals.quote(storage.inputFormat())).append('\n')
                .append("OUTPUTFORMAT\n  ").append(HiveLiterals.quote(storage.outputFormat())).append('\n')
                .append("LOCATION\n  ").append(HiveLiterals.quote(storage.location()));
        Map<String, String> properties = new TreeMap<>(table.parameters());
        // EXTERNAL is implied by CREATE EXTERNAL TABLE and the comment has its own clause, as in Hive's output
        properties.remove(ExternalTables.EXTERNAL);
        properties.remove(ExternalTables.COMMENT);
        if (!properties.isEmpty()) {
            ddl.append("\nTBLPROPERTIES (\n").append(propertyList(properties)).append(')');
        }
        return ddl.toString();
    }

    private static String columnList(List<Column> columns)
    {
        List<String> lines = new ArrayList<>();
        for (Column column : columns) {
            lines.add("  " + quote(column.name()) + " " + column.type() + column.comment().map(text -> " COMMENT " + HiveLiterals.quote(text)).orElse(""));
        }
        return String.join(",\n", lines);
    }

    private static String propertyList(Map<String, String> properties)
    {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(properties).forEach((key, value) -> lines.add("  " + HiveLiterals.quote(key) + "=" + HiveLiterals.quote(value)));
        return String.join(",\n", lines);
    }

    private static String quote(String identifier)
    {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
