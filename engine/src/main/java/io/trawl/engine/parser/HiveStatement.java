package io.trawl.engine.parser;

import io.trawl.catalog.CatalogStore.DropMode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The Hive DDL statements Athena accepts. Names are lower-cased (Athena's names are case-insensitive),
 * strings are decoded (Hive's backslash escapes), column types keep their Hive spelling for
 * {@link io.trawl.catalog.HiveTypes} to check at execution, where the error can name the column.
 */
public sealed interface HiveStatement
        extends ParsedStatement
{
    /** A table name as written: the schema is empty when the session's schema applies. */
    record TableName(Optional<String> schema, String table)
    {
        public TableName
        {
            requireNonNull(schema, "schema is null");
            requireNonNull(table, "table is null");
        }

        @Override
        public String toString()
        {
            return schema.map(name -> name + ".").orElse("") + table;
        }
    }

    record ColumnDefinition(String name, String type, Optional<String> comment)
    {
        public ColumnDefinition
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(comment, "comment is null");
        }
    }

    /** {@code ROW FORMAT ...}: how text rows are cut into fields, or which SerDe reads them. */
    sealed interface RowFormat
    {
    }

    /** {@code ROW FORMAT DELIMITED ...}; every delimiter is optional. */
    record DelimitedRowFormat(
            Optional<String> fieldsTerminatedBy,
            Optional<String> escapedBy,
            Optional<String> collectionItemsTerminatedBy,
            Optional<String> mapKeysTerminatedBy,
            Optional<String> linesTerminatedBy,
            Optional<String> nullDefinedAs)
            implements RowFormat
    {
        public DelimitedRowFormat
        {
            requireNonNull(fieldsTerminatedBy, "fieldsTerminatedBy is null");
            requireNonNull(escapedBy, "escapedBy is null");
            requireNonNull(collectionItemsTerminatedBy, "collectionItemsTerminatedBy is null");
            requireNonNull(mapKeysTerminatedBy, "mapKeysTerminatedBy is null");
            requireNonNull(linesTerminatedBy, "linesTerminatedBy is null");
            requireNonNull(nullDefinedAs, "nullDefinedAs is null");
        }
    }

    /** {@code ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (...)]}. */
    record SerdeRowFormat(String serdeClass, Map<String, String> properties)
            implements RowFormat
    {
        public SerdeRowFormat
        {
            requireNonNull(serdeClass, "serdeClass is null");
            properties = Map.copyOf(requireNonNull(properties, "properties is null"));
        }
    }

    /** {@code STORED AS ...}. */
    sealed interface StorageFormat
    {
    }

    /** {@code STORED AS PARQUET}; the name is upper-cased and checked at execution. */
    record NamedStorageFormat(String name)
            implements StorageFormat
    {
        public NamedStorageFormat
        {
            requireNonNull(name, "name is null");
        }
    }

    /** {@code STORED AS INPUTFORMAT 'x' OUTPUTFORMAT 'y'}. */
    record InputOutputStorageFormat(String inputFormat, String outputFormat)
            implements StorageFormat
    {
        public InputOutputStorageFormat
        {
            requireNonNull(inputFormat, "inputFormat is null");
            requireNonNull(outputFormat, "outputFormat is null");
        }
    }

    /** {@code CREATE [EXTERNAL] TABLE}. */
    record CreateTable(
            TableName name,
            boolean external,
            boolean ifNotExists,
            List<ColumnDefinition> columns,
            Optional<String> comment,
            List<ColumnDefinition> partitionColumns,
            Optional<RowFormat> rowFormat,
            Optional<StorageFormat> storageFormat,
            Optional<String> location,
            Map<String, String> tableProperties)
            implements HiveStatement
    {
        public CreateTable
        {
            requireNonNull(name, "name is null");
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            requireNonNull(comment, "comment is null");
            partitionColumns = List.copyOf(requireNonNull(partitionColumns, "partitionColumns is null"));
            requireNonNull(rowFormat, "rowFormat is null");
            requireNonNull(storageFormat, "storageFormat is null");
            requireNonNull(location, "location is null");
            tableProperties = Map.copyOf(requireNonNull(tableProperties, "tableProperties is null"));
        }
    }

    record CreateDatabase(String name, boolean ifNotExists, Optional<String> comment, Optional<String> location, Map<String, String> properties)
            implements HiveStatement
    {
        public CreateDatabase
        {
            requireNonNull(name, "name is null");
            requireNonNull(comment, "comment is null");
            requireNonNull(location, "location is null");
            properties = Map.copyOf(requireNonNull(properties, "properties is null"));
        }
    }

    record DropDatabase(String name, boolean ifExists, DropMode mode)
            implements HiveStatement
    {
        public DropDatabase
        {
            requireNonNull(name, "name is null");
            requireNonNull(mode, "mode is null");
        }
    }

    record DropTable(TableName name, boolean ifExists)
            implements HiveStatement
    {
        public DropTable
        {
            requireNonNull(name, "name is null");
        }
    }

    /** {@code SHOW DATABASES|SCHEMAS [LIKE] 'pattern'}: Hive patterns, '*' any text and '|' alternatives. */
    record ShowDatabases(Optional<String> pattern)
            implements HiveStatement
    {
        public ShowDatabases
        {
            requireNonNull(pattern, "pattern is null");
        }
    }

    /** {@code SHOW TABLES [IN db] [LIKE] 'pattern'}: Hive patterns, '*' any text and '|' alternatives. */
    record ShowTables(Optional<String> schema, Optional<String> pattern)
            implements HiveStatement
    {
        public ShowTables
        {
            requireNonNull(schema, "schema is null");
            requireNonNull(pattern, "pattern is null");
        }
    }

    /** {@code DESCRIBE [FORMATTED|EXTENDED] t}; {@code formatted} adds the storage and table details. */
    record DescribeTable(TableName name, boolean formatted)
            implements HiveStatement
    {
        public DescribeTable
        {
            requireNonNull(name, "name is null");
        }
    }

    record ShowCreateTable(TableName name)
            implements HiveStatement
    {
        public ShowCreateTable
        {
            requireNonNull(name, "name is null");
        }
    }

    /** {@code MSCK REPAIR TABLE t}: registers the partition folders found in storage that the catalog lacks. */
    record RepairTable(TableName name)
            implements HiveStatement
    {
        public RepairTable
        {
            requireNonNull(name, "name is null");
        }
    }

    /** {@code PARTITION (k1 = v1, k2 = v2)}: values as written (numbers as their digits), keys lower-cased, in order. */
    record PartitionSpec(List<Map.Entry<String, String>> values)
    {
        public PartitionSpec
        {
            values = List.copyOf(requireNonNull(values, "values is null"));
        }
    }

    record PartitionLocation(PartitionSpec spec, Optional<String> location)
    {
        public PartitionLocation
        {
            requireNonNull(spec, "spec is null");
            requireNonNull(location, "location is null");
        }
    }

    record AddPartitions(TableName name, boolean ifNotExists, List<PartitionLocation> partitions)
            implements HiveStatement
    {
        public AddPartitions
        {
            requireNonNull(name, "name is null");
            partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
        }
    }

    record DropPartitions(TableName name, boolean ifExists, List<PartitionSpec> partitions)
            implements HiveStatement
    {
        public DropPartitions
        {
            requireNonNull(name, "name is null");
            partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
        }
    }

    /** {@code ALTER TABLE t [PARTITION (...)] SET LOCATION 'uri'}. */
    record SetLocation(TableName name, Optional<PartitionSpec> partition, String location)
            implements HiveStatement
    {
        public SetLocation
        {
            requireNonNull(name, "name is null");
            requireNonNull(partition, "partition is null");
            requireNonNull(location, "location is null");
        }
    }

    record SetTableProperties(TableName name, Map<String, String> properties)
            implements HiveStatement
    {
        public SetTableProperties
        {
            requireNonNull(name, "name is null");
            properties = Map.copyOf(requireNonNull(properties, "properties is null"));
        }
    }

    /** {@code ALTER TABLE t ADD COLUMNS (...)} appends; {@code REPLACE COLUMNS (...)} replaces the data columns. */
    record ChangeColumns(TableName name, boolean replace, List<ColumnDefinition> columns)
            implements HiveStatement
    {
        public ChangeColumns
        {
            requireNonNull(name, "name is null");
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
        }
    }

    record ShowPartitions(TableName name)
            implements HiveStatement
    {
        public ShowPartitions
        {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * {@code UNLOAD (query) TO 'location' [WITH (name = value, ...)]}: Athena's export statement, which Trino's grammar
     * lacks. The query is Trino's, parsed by Trino's grammar; the properties are Trino-shaped ({@code format = 'PARQUET'},
     * {@code partitioned_by = ARRAY['c']}) so they read as CTAS's do. Strings in the properties keep Hive's escapes
     * ({@code '\t'}) for the writer to decode where a single character is meant.
     *
     * @param position where the statement starts; {@code locationPosition} where the TO location is written
     */
    record Unload(io.trino.sql.tree.Query query, String location, List<io.trino.sql.tree.Property> properties,
            io.trino.sql.tree.NodeLocation position, io.trino.sql.tree.NodeLocation locationPosition)
            implements HiveStatement
    {
        public Unload
        {
            requireNonNull(query, "query is null");
            requireNonNull(location, "location is null");
            properties = List.copyOf(requireNonNull(properties, "properties is null"));
            requireNonNull(position, "position is null");
            requireNonNull(locationPosition, "locationPosition is null");
        }
    }

    /**
     * {@code CREATE ROW FILTER name ON TABLE t [COLUMNS (c, ...)] WHERE predicate}: a data cells filter;
     * {@code predicate} is Trino's expression text, type-checked against the table before it is stored.
     */
    record CreateRowFilter(String name, TableName table, Optional<List<String>> columns, String predicate)
            implements HiveStatement
    {
        public CreateRowFilter
        {
            requireNonNull(name, "name is null");
            requireNonNull(table, "table is null");
            columns = requireNonNull(columns, "columns is null").map(List::copyOf);
            requireNonNull(predicate, "predicate is null");
        }
    }

    /** {@code DROP ROW FILTER [IF EXISTS] name ON TABLE t}. */
    record DropRowFilter(String name, TableName table, boolean ifExists)
            implements HiveStatement
    {
        public DropRowFilter
        {
            requireNonNull(name, "name is null");
            requireNonNull(table, "table is null");
        }
    }

    /** {@code SHOW ROW FILTERS [ON TABLE t]}. */
    record ShowRowFilters(Optional<TableName> table)
            implements HiveStatement
    {
        public ShowRowFilters
        {
            requireNonNull(table, "table is null");
        }
    }

    /** {@code GRANT SELECT ON ROW FILTER name ON TABLE t TO p, ...} and the matching REVOKE ... FROM. */
    record GrantRowFilter(boolean grant, String name, TableName table, List<io.trawl.catalog.access.Principal> grantees)
            implements HiveStatement
    {
        public GrantRowFilter
        {
            requireNonNull(name, "name is null");
            requireNonNull(table, "table is null");
            grantees = List.copyOf(requireNonNull(grantees, "grantees is null"));
        }
    }

    /** {@code CREATE USER|GROUP name}: principals Trino's grammar lacks (its roles are Trino's CREATE ROLE). */
    record CreatePrincipal(io.trawl.catalog.access.Principal principal)
            implements HiveStatement
    {
        public CreatePrincipal
        {
            requireNonNull(principal, "principal is null");
        }
    }

    /** {@code DROP USER|GROUP [IF EXISTS] name}. */
    record DropPrincipal(io.trawl.catalog.access.Principal principal, boolean ifExists)
            implements HiveStatement
    {
        public DropPrincipal
        {
            requireNonNull(principal, "principal is null");
        }
    }

    /** {@code ALTER GROUP g ADD|DROP USER u [, ...]}. */
    record AlterGroup(String group, List<String> users, boolean add)
            implements HiveStatement
    {
        public AlterGroup
        {
            requireNonNull(group, "group is null");
            users = List.copyOf(requireNonNull(users, "users is null"));
        }
    }

    /**
     * A GRANT or REVOKE in the forms Trino's grammar lacks: {@code SELECT (c, ...)} on columns, {@code TO GROUP},
     * {@code ON ALL TABLES IN SCHEMA}. {@code privileges} empty is ALL PRIVILEGES; {@code entityKind} is SCHEMA,
     * ALL TABLES or TABLE.
     */
    record GrantPrivileges(boolean grant, Optional<List<String>> privileges, List<String> columns, String entityKind, io.trino.sql.tree.QualifiedName object,
            io.trawl.catalog.access.Principal grantee, boolean grantOption)
            implements HiveStatement
    {
        public GrantPrivileges
        {
            privileges = requireNonNull(privileges, "privileges is null").map(List::copyOf);
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            requireNonNull(entityKind, "entityKind is null");
            requireNonNull(object, "object is null");
            requireNonNull(grantee, "grantee is null");
        }
    }

    /** {@code GRANT|REVOKE [ROLE] r [, ...] TO|FROM [USER|GROUP|ROLE] p [, ...]}: role grants to groups, which Trino's grammar lacks. */
    record GrantRoles(boolean grant, List<String> roles, List<io.trawl.catalog.access.Principal> grantees)
            implements HiveStatement
    {
        public GrantRoles
        {
            roles = List.copyOf(requireNonNull(roles, "roles is null"));
            grantees = List.copyOf(requireNonNull(grantees, "grantees is null"));
        }
    }
}
