package io.trawl.engine.ddl;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.ResultColumn;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Views as Athena keeps them in Glue: a VIRTUAL_VIEW table whose text is the view's query and whose columns
 * are the query's output (Athena also records them so clients can describe the view without planning it).
 */
public final class Views
{
    private Views() {}

    /** Stores a view; with {@code replace} an existing view of that name is replaced, never a table. */
    public static void store(CatalogStore catalog, String schema, String name, String sql, List<ResultColumn> columns, boolean replace, String owner)
    {
        if (catalog.findDatabase(schema).isEmpty()) {
            throw new TrawlException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '%s' does not exist".formatted(schema));
        }
        List<Column> viewColumns = columns.stream().map(column -> new Column(column.name(), HiveTypes.toHiveType(column.type()))).toList();
        StorageDescriptor descriptor = new StorageDescriptor(viewColumns, "", "", "", new SerDeInfo("", Map.of()), false);
        Optional<Table> existing = catalog.findTable(schema, name);
        if (existing.isPresent()) {
            if (!Table.VIRTUAL_VIEW.equals(existing.get().tableType())) {
                throw new TrawlException(ErrorCode.TABLE_ALREADY_EXISTS, "'%s.%s' is a table, not a view".formatted(schema, name));
            }
            if (!replace) {
                throw new TrawlException(ErrorCode.TABLE_ALREADY_EXISTS, "View '%s.%s' already exists".formatted(schema, name));
            }
            Table current = existing.get();
            catalog.updateTable(new Table(schema, name, current.owner(), Table.VIRTUAL_VIEW, Map.of("presto_view", "true"), descriptor, List.of(), Optional.of(sql), current.version()));
            return;
        }
        catalog.createTable(new Table(schema, name, owner, Table.VIRTUAL_VIEW, Map.of("presto_view", "true"), descriptor, List.of(), Optional.of(sql), 0));
    }

    public static void drop(CatalogStore catalog, String schema, String name, boolean ifExists)
    {
        Optional<Table> existing = catalog.findTable(schema, name);
        if (existing.isEmpty()) {
            if (ifExists) {
                return;
            }
            throw new TrawlException(ErrorCode.TABLE_NOT_FOUND, "View '%s.%s' does not exist".formatted(schema, name));
        }
        if (!Table.VIRTUAL_VIEW.equals(existing.get().tableType())) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "'%s.%s' is a table, not a view: use DROP TABLE".formatted(schema, name));
        }
        catalog.dropTable(schema, name);
    }
}
