package io.trawl.engine.access;

import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.Table;
import io.trawl.catalog.access.AccessModel;
import io.trawl.catalog.access.Privilege;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one user may see and change of the catalog through the metadata APIs (Athena's GetTableMetadata and
 * ListTableMetadata, Glue's GetTable(s), GetPartitions, CreateTable, ...), by the same rules the engine applies to
 * SHOW, DESCRIBE and DDL: a database shows to who holds some grant in it, a table to who reads some of it (through
 * grants or row filters) and only with the columns it reads, partitions to who holds SELECT on the partition keys;
 * creating a table needs CREATE on its database, changing it ALTER, dropping it DROP, databases are an
 * administrator's, and locations must fall under the deployment's allowed prefixes.
 *
 * <p>One instance reads one snapshot of the grants, like one statement does; with access control off everything is
 * visible and allowed.
 */
public final class MetadataAccess
{
    private final AccessControl control;
    private final Optional<AccessModel> model;
    private final String user;

    private MetadataAccess(AccessControl control, String user)
    {
        this.control = requireNonNull(control, "control is null");
        this.user = requireNonNull(user, "user is null");
        this.model = control.snapshot();
    }

    public static MetadataAccess of(AccessControl control, String user)
    {
        return new MetadataAccess(control, user);
    }

    public boolean seesDatabase(String database)
    {
        return model.map(access -> access.seesDatabase(user, database)).orElse(true);
    }

    public List<Database> visibleDatabases(List<Database> databases)
    {
        return databases.stream().filter(database -> seesDatabase(database.name())).toList();
    }

    /** Refuses a database the user holds no grant in (what SHOW DATABASES would not list to it). */
    public void requireDatabase(String database)
    {
        AccessControl.check(seesDatabase(database), () -> "Cannot access schema " + database);
    }

    /** Whether the table lists to the user at all (SHOW TABLES' rule), without reading its definition. */
    public boolean seesTable(String database, String table)
    {
        return model.map(access -> access.readsSome(user, database, table)).orElse(true);
    }

    /**
     * The table as the user may see it: empty when it reads none of it, else with only the columns (and partition
     * keys) it reads, as DESCRIBE shows it.
     */
    public Optional<Table> visible(Table table)
    {
        if (model.isEmpty()) {
            return Optional.of(table);
        }
        AccessModel access = model.get();
        String database = table.databaseName();
        if (!access.readsSome(user, database, table.name())) {
            return Optional.empty();
        }
        List<Column> columns = table.storageDescriptor().columns().stream().filter(column -> access.readsColumn(user, database, table.name(), column.name())).toList();
        List<Column> keys = table.partitionKeys().stream().filter(column -> access.readsColumn(user, database, table.name(), column.name())).toList();
        if (columns.size() == table.storageDescriptor().columns().size() && keys.size() == table.partitionKeys().size()) {
            return Optional.of(table);
        }
        return Optional.of(table.withColumns(columns, keys));
    }

    /** {@link #visible} of a table fetched by name, refusing one the user reads none of. */
    public Table requireVisible(Table table)
    {
        return visible(table).orElseThrow(() -> AccessControl.denied("Cannot show table %s.%s".formatted(table.databaseName(), table.name())));
    }

    /** Refuses listing the table's partitions unless the user holds SELECT on each partition key (a row filter is not enough). */
    public void requirePartitions(Table table)
    {
        requireVisible(table);
        model.ifPresent(access -> AccessControl.check(
                access.seesPartitions(user, table.databaseName(), table.name(), table.partitionKeys().stream().map(Column::name).toList()),
                () -> "Cannot show partitions of table %s.%s: listing partitions needs SELECT on its partition columns, not a row filter".formatted(table.databaseName(), table.name())));
    }

    public void requireAdministrator(String action)
    {
        AccessControl.requireAdministrator(model, user, action);
    }

    /** Creating a table needs CREATE on its database, and its location under the allowed prefixes. */
    public void requireCreateTable(String database, Optional<String> location)
    {
        AccessControl.require(model, user, Privilege.CREATE, database, Optional.empty(), "Cannot create table in schema");
        location.ifPresent(control::requireAllowedLocation);
    }

    /** Changing a table (its definition or partitions) needs ALTER on it, and any new location under the allowed prefixes. */
    public void requireAlter(String database, String table, List<String> locations)
    {
        AccessControl.require(model, user, Privilege.ALTER, database, Optional.of(table), "Cannot alter table");
        locations.forEach(control::requireAllowedLocation);
    }

    public void requireDrop(String database, String table)
    {
        AccessControl.require(model, user, Privilege.DROP, database, Optional.of(table), "Cannot drop table");
    }
}
