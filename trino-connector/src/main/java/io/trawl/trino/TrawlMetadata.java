package io.trawl.trino;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.PseudoColumns;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.TableEstimate;
import io.trawl.error.TrawlException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SchemaTablePrefix;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.statistics.Estimate;
import io.trino.spi.statistics.TableStatistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Trino's view of Trawl's catalog store: databases are schemas, tables (not views) are tables with their data
 * columns, then partition keys, then Athena's hidden pseudo-columns. Read only: DDL and writes stay with Trawl.
 * Statistics are Trawl's free ones (file sizes, Parquet row counts from footers, which Trawl bills to the
 * next query that plans the file, as its own engine does), so Trino's cost-based optimizer can order joins.
 */
public final class TrawlMetadata
        implements ConnectorMetadata
{
    private final CatalogStore catalog;
    private final ScanProvider scans;

    public TrawlMetadata(CatalogStore catalog, ScanProvider scans)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.scans = requireNonNull(scans, "scans is null");
    }

    @Override
    public List<String> listSchemaNames(ConnectorSession session)
    {
        return translated(() -> catalog.listDatabases().stream().map(database -> database.name().toLowerCase(Locale.ROOT)).toList());
    }

    @Override
    public boolean schemaExists(ConnectorSession session, String schemaName)
    {
        return translated(() -> catalog.findDatabase(schemaName).isPresent());
    }

    @Override
    public ConnectorTableHandle getTableHandle(ConnectorSession session, SchemaTableName tableName, Optional<ConnectorTableVersion> startVersion, Optional<ConnectorTableVersion> endVersion)
    {
        if (startVersion.isPresent() || endVersion.isPresent()) {
            throw new io.trino.spi.TrinoException(io.trino.spi.StandardErrorCode.NOT_SUPPORTED, "Trawl tables have no versions to travel to");
        }
        return findTable(tableName).map(TrawlTableHandle::of).orElse(null);
    }

    @Override
    public ConnectorTableMetadata getTableMetadata(ConnectorSession session, ConnectorTableHandle table)
    {
        TrawlTableHandle handle = (TrawlTableHandle) table;
        return new ConnectorTableMetadata(handle.schemaTableName(), columns(handle.table()).stream().map(TrawlColumnHandle::metadata).toList());
    }

    @Override
    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName)
    {
        return translated(() -> {
            List<String> schemas = schemaName.map(List::of).orElseGet(() -> listSchemaNames(session));
            List<SchemaTableName> tables = new ArrayList<>();
            for (String schema : schemas) {
                if (catalog.findDatabase(schema).isEmpty()) {
                    continue;
                }
                for (String table : catalog.listTables(schema)) {
                    tables.add(new SchemaTableName(schema, table.toLowerCase(Locale.ROOT)));
                }
            }
            return tables;
        });
    }

    @Override
    public Map<String, ColumnHandle> getColumnHandles(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        Map<String, ColumnHandle> handles = new LinkedHashMap<>();
        for (TrawlColumnHandle column : columns(((TrawlTableHandle) tableHandle).table())) {
            handles.put(column.name(), column);
        }
        return handles;
    }

    @Override
    public ColumnMetadata getColumnMetadata(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnHandle columnHandle)
    {
        return ((TrawlColumnHandle) columnHandle).metadata();
    }

    @Override
    public Map<SchemaTableName, List<ColumnMetadata>> listTableColumns(ConnectorSession session, SchemaTablePrefix prefix)
    {
        Map<SchemaTableName, List<ColumnMetadata>> columns = new LinkedHashMap<>();
        List<SchemaTableName> names = prefix.getTable().isPresent()
                ? List.of(new SchemaTableName(prefix.getSchema().orElseThrow(), prefix.getTable().get()))
                : listTables(session, prefix.getSchema());
        for (SchemaTableName name : names) {
            findTable(name).ifPresent(table -> columns.put(name, columns(table).stream().map(TrawlColumnHandle::metadata).toList()));
        }
        return columns;
    }

    @Override
    public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(ConnectorSession session, ConnectorTableHandle table, Constraint constraint)
    {
        TrawlTableHandle handle = (TrawlTableHandle) table;
        TupleDomain<TrawlColumnHandle> combined = handle.constraint().intersect(TrawlTableHandle.trawlColumns(constraint.getSummary()));
        if (combined.equals(handle.constraint())) {
            return Optional.empty();
        }
        // readers only skip what cannot match (partitions, files, row groups): Trino keeps the whole filter
        return Optional.of(new ConstraintApplicationResult<>(handle.withConstraint(combined), constraint.getSummary(), constraint.getExpression(), false));
    }

    @Override
    public TableStatistics getTableStatistics(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        TableEstimate estimate;
        try {
            estimate = scans.estimate(((TrawlTableHandle) tableHandle).table());
        }
        catch (TrawlException e) {
            // statistics are advice: a table whose files cannot be listed now plans without them, and its scan reports the error
            return TableStatistics.empty();
        }
        if (estimate.rowCount().isEmpty()) {
            return TableStatistics.empty();
        }
        return TableStatistics.builder().setRowCount(Estimate.of(estimate.rowCount().getAsLong())).build();
    }

    private Optional<Table> findTable(SchemaTableName name)
    {
        return translated(() -> catalog.findTable(name.getSchemaName(), name.getTableName()))
                .filter(table -> !Table.VIRTUAL_VIEW.equals(table.tableType()));
    }

    /** Data columns, then partition keys (as Athena lists them), then the hidden pseudo-columns. */
    static List<TrawlColumnHandle> columns(Table table)
    {
        List<TrawlColumnHandle> columns = new ArrayList<>();
        List<Column> all = table.allColumns();
        for (int ordinal = 0; ordinal < all.size(); ordinal++) {
            Column column = all.get(ordinal);
            columns.add(new TrawlColumnHandle(column.name().toLowerCase(Locale.ROOT), ordinal, HiveTypes.toTrinoType(column.type()), false));
        }
        for (PseudoColumns pseudo : PseudoColumns.all()) {
            columns.add(new TrawlColumnHandle(pseudo.columnName(), -1, pseudo.type(), true));
        }
        return columns;
    }

    private static <T> T translated(java.util.function.Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (TrawlException e) {
            throw TrawlErrors.toTrino(e);
        }
    }
}
