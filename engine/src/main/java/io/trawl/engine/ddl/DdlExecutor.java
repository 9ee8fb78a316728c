package io.trawl.engine.ddl;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.CatalogStore.DropMode;
import io.trawl.catalog.Database;
import io.trawl.catalog.Table;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.parser.HiveStatement;
import io.trawl.engine.parser.HiveStatement.CreateDatabase;
import io.trawl.engine.parser.HiveStatement.CreateTable;
import io.trawl.engine.parser.HiveStatement.DescribeTable;
import io.trawl.engine.parser.HiveStatement.DropDatabase;
import io.trawl.engine.parser.HiveStatement.DropTable;
import io.trawl.engine.parser.HiveStatement.RepairTable;
import io.trawl.engine.parser.HiveStatement.ShowCreateTable;
import io.trawl.engine.parser.HiveStatement.ShowDatabases;
import io.trawl.engine.parser.HiveStatement.ShowTables;
import io.trawl.engine.parser.HiveStatement.TableName;
import io.trawl.engine.parser.ParsedStatement;
import io.trawl.engine.parser.TrinoStatement;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.sql.tree.CreateSchema;
import io.trino.sql.tree.DropSchema;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Property;
import io.trino.sql.tree.QualifiedName;
import io.trino.sql.tree.ShowColumns;
import io.trino.sql.tree.ShowCreate;
import io.trino.sql.tree.ShowSchemas;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.Use;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Runs DDL and metadata statements against the catalog: CREATE/DROP DATABASE|SCHEMA, CREATE EXTERNAL
 * TABLE, DROP TABLE, SHOW DATABASES|SCHEMAS|TABLES, DESCRIBE [FORMATTED], SHOW CREATE TABLE and USE, from
 * either grammar. A statement checks everything (schema, names, types, formats, location) before its
 * single catalog write, so a failed statement leaves the catalog unchanged. Results are Athena DDL
 * results: {@link io.trawl.engine.StatementKind#DDL}, VARCHAR columns, nothing scanned.
 */
public final class DdlExecutor
{
    /** Athena's name for the Glue catalog, the only catalog a qualified name may name. */
    public static final String CATALOG_NAME = "awsdatacatalog";

    private final CatalogStore catalog;
    private final LocationValidator locations;
    private final PartitionStatements partitions;
    private final io.trawl.engine.scan.ScanProvider storage;
    private final io.trawl.engine.access.AccessControl access;

    /** How this executor checks locations, for an engine made from this one. */
    public LocationValidator locations()
    {
        return locations;
    }

    public DdlExecutor(CatalogStore catalog, LocationValidator locations, io.trawl.engine.scan.ScanProvider storage)
    {
        this(catalog, locations, storage, io.trawl.engine.access.AccessControl.DISABLED);
    }

    /** With {@code access} checked on every statement: DDL needs CREATE, ALTER or DROP; SHOW and DESCRIBE hide what the user cannot read. */
    public DdlExecutor(CatalogStore catalog, LocationValidator locations, io.trawl.engine.scan.ScanProvider storage, io.trawl.engine.access.AccessControl access)
    {
        this.access = requireNonNull(access, "access is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.locations = requireNonNull(locations, "locations is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.partitions = new PartitionStatements(catalog, storage);
    }

    /** Whether {@link #execute} runs this statement; queries, EXPLAIN and the writes (INSERT, CTAS, UNLOAD) are not DDL. */
    public boolean handles(ParsedStatement statement)
    {
        return switch (statement) {
            case HiveStatement.Unload _, HiveStatement.CreatePrincipal _, HiveStatement.DropPrincipal _, HiveStatement.AlterGroup _, HiveStatement.GrantPrivileges _, HiveStatement.GrantRoles _ -> false;
            case HiveStatement _ -> true;
            case TrinoStatement trino -> trino.statement() instanceof CreateSchema
                    || trino.statement() instanceof DropSchema
                    || trino.statement() instanceof io.trino.sql.tree.DropTable
                    || trino.statement() instanceof io.trino.sql.tree.ShowTables
                    || trino.statement() instanceof ShowSchemas
                    || trino.statement() instanceof ShowColumns
                    || trino.statement() instanceof Use
                    || trino.statement() instanceof ShowCreate show && show.getType() == ShowCreate.Type.TABLE;
        };
    }

    public QueryResult execute(ParsedStatement statement, Session session)
    {
        requireNonNull(statement, "statement is null");
        requireNonNull(session, "session is null");
        Optional<io.trawl.catalog.access.AccessModel> model = access.snapshot();
        authorize(statement, session, model);
        QueryResult result = switch (statement) {
            case HiveStatement hive -> executeHive(hive, session);
            case TrinoStatement trino -> executeTrino(trino.statement(), session);
        };
        return model.isPresent() ? hideUnreadable(statement, session, model.get(), result) : result;
    }

    /**
     * Refuses a statement the user lacks the privilege for, before it changes anything: creating a table needs
     * CREATE on its database, ALTER TABLE and MSCK REPAIR need ALTER and DROP TABLE needs DROP on the table, databases
     * are an administrator's; describing a table needs some SELECT on it (SHOW CREATE TABLE and DESCRIBE FORMATTED,
     * which show every column, need SELECT on each).
     */
    private void authorize(ParsedStatement statement, Session session, Optional<io.trawl.catalog.access.AccessModel> model)
    {
        if (model.isEmpty()) {
            return;
        }
        String user = session.user();
        switch (statement) {
            case HiveStatement hive -> {
                switch (hive) {
                    case CreateTable create -> {
                        requireOn(model, user, io.trawl.catalog.access.Privilege.CREATE, resolve(create.name(), session).schema(), Optional.empty(), "Cannot create table in schema");
                        create.location().ifPresent(access::requireAllowedLocation);
                    }
                    case CreateDatabase _ -> io.trawl.engine.access.AccessControl.requireAdministrator(model, user, "Cannot create schema: only an administrator can");
                    case DropDatabase _ -> io.trawl.engine.access.AccessControl.requireAdministrator(model, user, "Cannot drop schema: only an administrator can");
                    case DropTable drop -> requireTable(model, user, io.trawl.catalog.access.Privilege.DROP, resolve(drop.name(), session), "Cannot drop table");
                    case RepairTable repair -> requireTable(model, user, io.trawl.catalog.access.Privilege.ALTER, resolve(repair.name(), session), "Cannot alter table");
                    case HiveStatement.AddPartitions add -> {
                        requireTable(model, user, io.trawl.catalog.access.Privilege.ALTER, resolve(add.name(), session), "Cannot alter table");
                        add.partitions().forEach(partition -> partition.location().ifPresent(access::requireAllowedLocation));
                    }
                    case HiveStatement.DropPartitions drop -> requireTable(model, user, io.trawl.catalog.access.Privilege.ALTER, resolve(drop.name(), session), "Cannot alter table");
                    case HiveStatement.SetLocation set -> {
                        requireTable(model, user, io.trawl.catalog.access.Privilege.ALTER, resolve(set.name(), session), "Cannot alter table");
                        access.requireAllowedLocation(set.location());
                    }
                    case HiveStatement.SetTableProperties set -> requireTable(model, user, io.trawl.catalog.access.Privilege.ALTER, resolve(set.name(), session), "Cannot alter table");
                    case HiveStatement.ChangeColumns change -> requireTable(model, user, io.trawl.catalog.access.Privilege.ALTER, resolve(change.name(), session), "Cannot alter table");
                    case DescribeTable describe when describe.formatted() -> requireAllColumns(model.get(), user, resolve(describe.name(), session));
                    case DescribeTable describe -> requireSomeSelect(model.get(), user, resolve(describe.name(), session));
                    case ShowCreateTable show -> requireAllColumns(model.get(), user, resolve(show.name(), session));
                    case HiveStatement.ShowPartitions show -> requirePartitions(model.get(), user, resolve(show.name(), session));
                    default -> { }
                }
            }
            case TrinoStatement trino -> {
                switch (trino.statement()) {
                    case CreateSchema _ -> io.trawl.engine.access.AccessControl.requireAdministrator(model, user, "Cannot create schema: only an administrator can");
                    case DropSchema _ -> io.trawl.engine.access.AccessControl.requireAdministrator(model, user, "Cannot drop schema: only an administrator can");
                    case io.trino.sql.tree.DropTable drop -> requireTable(model, user, io.trawl.catalog.access.Privilege.DROP, resolve(drop.getTableName(), session), "Cannot drop table");
                    case ShowColumns show -> requireSomeSelect(model.get(), user, resolve(show.getTable(), session));
                    case ShowCreate show -> requireAllColumns(model.get(), user, resolve(show.getName(), session));
                    default -> { }
                }
            }
        }
    }

    private static void requireOn(Optional<io.trawl.catalog.access.AccessModel> model, String user, io.trawl.catalog.access.Privilege privilege, String schema, Optional<String> table, String action)
    {
        io.trawl.engine.access.AccessControl.require(model, user, privilege, schema, table, action);
    }

    private static void requireTable(Optional<io.trawl.catalog.access.AccessModel> model, String user, io.trawl.catalog.access.Privilege privilege, QualifiedTable name, String action)
    {
        io.trawl.engine.access.AccessControl.require(model, user, privilege, name.schema(), Optional.of(name.table()), action);
    }

    private static void requireSomeSelect(io.trawl.catalog.access.AccessModel model, String user, QualifiedTable name)
    {
        io.trawl.engine.access.AccessControl.check(model.readsSome(user, name.schema(), name.table()), () -> "Cannot show columns of table " + name);
    }

    private void requirePartitions(io.trawl.catalog.access.AccessModel model, String user, QualifiedTable name)
    {
        requireSomeSelect(model, user, name);
        List<String> keys = requireTable(name).partitionKeys().stream().map(io.trawl.catalog.Column::name).toList();
        io.trawl.engine.access.AccessControl.check(model.seesPartitions(user, name.schema(), name.table(), keys),
                () -> "Cannot show partitions of table %s: listing partitions needs SELECT on its partition columns, not a row filter".formatted(name));
    }

    private void requireAllColumns(io.trawl.catalog.access.AccessModel model, String user, QualifiedTable name)
    {
        requireSomeSelect(model, user, name);
        Table table = requireTable(name);
        io.trawl.engine.access.AccessControl.check(table.allColumns().stream()
                        .allMatch(column -> model.allows(user, io.trawl.catalog.access.Privilege.SELECT, name.schema(), Optional.of(name.table()), Optional.of(column.name()))),
                () -> "Cannot show the definition of table " + name);
    }

    /** SHOW TABLES lists only the tables the user reads some of (by grants or row filters); DESCRIBE and SHOW COLUMNS only the columns it may select. */
    private QueryResult hideUnreadable(ParsedStatement statement, Session session, io.trawl.catalog.access.AccessModel model, QueryResult result)
    {
        boolean showTables = statement instanceof HiveStatement.ShowTables
                || statement instanceof TrinoStatement(io.trino.sql.tree.ShowTables _);
        if (statement instanceof HiveStatement.ShowDatabases || statement instanceof TrinoStatement(ShowSchemas _)) {
            // a database shows to who holds USAGE or any other grant in it
            TextResult databases = new TextResult(result.columns().stream().map(io.trawl.engine.ResultColumn::name).toArray(String[]::new));
            for (io.trino.spi.Page page : result.pages()) {
                for (int position = 0; position < page.getPositionCount(); position++) {
                    String name = io.trino.spi.type.VarcharType.VARCHAR.getSlice(page.getBlock(0), position).toStringUtf8();
                    if (model.seesDatabase(session.user(), name)) {
                        databases.addRow(name);
                    }
                }
            }
            return databases.toResult(session);
        }
        Optional<QualifiedTable> described = switch (statement) {
            case DescribeTable describe when !describe.formatted() -> Optional.of(resolve(describe.name(), session));
            case TrinoStatement(ShowColumns show) -> Optional.of(resolve(show.getTable(), session));
            default -> Optional.empty();
        };
        if (!showTables && described.isEmpty()) {
            return result;
        }
        String schema = switch (statement) {
            case HiveStatement.ShowTables show -> show.schema().orElse(session.schema()).toLowerCase(Locale.ROOT);
            case TrinoStatement(io.trino.sql.tree.ShowTables show) -> show.getSchema().map(DdlExecutor::schemaName).orElse(session.schema()).toLowerCase(Locale.ROOT);
            default -> described.get().schema();
        };
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (io.trino.spi.Page page : result.pages()) {
            for (int position = 0; position < page.getPositionCount(); position++) {
                List<Object> row = new java.util.ArrayList<>();
                for (int channel = 0; channel < page.getChannelCount(); channel++) {
                    row.add(page.getBlock(channel).isNull(position) ? null : io.trino.spi.type.VarcharType.VARCHAR.getSlice(page.getBlock(channel), position).toStringUtf8());
                }
                rows.add(row);
            }
        }
        TextResult filtered = new TextResult(result.columns().stream().map(io.trawl.engine.ResultColumn::name).toArray(String[]::new));
        for (List<Object> row : rows) {
            String name = String.valueOf(row.getFirst());
            boolean visible = showTables
                    ? model.readsSome(session.user(), schema, name)
                    : model.readsColumn(session.user(), schema, described.get().table(), name.strip());
            if (visible) {
                filtered.addRow(row.stream().map(value -> value == null ? "" : value.toString()).toArray(String[]::new));
            }
        }
        return filtered.toResult(session);
    }

    private QueryResult executeHive(HiveStatement statement, Session session)
    {
        return switch (statement) {
            case CreateTable createTable -> createTable(createTable, session);
            case CreateDatabase create -> createDatabase(create.name(), create.ifNotExists(), create.comment(), create.location(), create.properties(), session);
            case DropDatabase drop -> dropDatabase(drop.name(), drop.ifExists(), drop.mode(), session);
            case DropTable drop -> dropTable(resolve(drop.name(), session), drop.ifExists(), session);
            case ShowDatabases show -> showDatabases(NamePatterns.hive(show.pattern()), session);
            case ShowTables show -> showTables(show.schema().orElse(session.schema()), NamePatterns.hive(show.pattern()), session);
            case DescribeTable describe -> describe(resolve(describe.name(), session), describe.formatted(), _ -> true, session);
            case ShowCreateTable show -> showCreateTable(resolve(show.name(), session), session);
            case RepairTable repair -> partitions.repair(requireTable(resolve(repair.name(), session)), session);
            case HiveStatement.AddPartitions add -> partitions.addPartitions(requireTable(resolve(add.name(), session)), add, session);
            case HiveStatement.DropPartitions drop -> partitions.dropPartitions(requireTable(resolve(drop.name(), session)), drop, session);
            case HiveStatement.SetLocation set -> partitions.setLocation(requireTable(resolve(set.name(), session)), set, locations, session);
            case HiveStatement.SetTableProperties set -> partitions.setTableProperties(requireTable(resolve(set.name(), session)), set, session);
            case HiveStatement.ChangeColumns change -> partitions.changeColumns(requireTable(resolve(change.name(), session)), change, session);
            case HiveStatement.ShowPartitions show -> partitions.showPartitions(requireTable(resolve(show.name(), session)), session);
            case HiveStatement.Unload _ -> throw new IllegalArgumentException("UNLOAD is a write, not DDL");
            case HiveStatement.CreatePrincipal _, HiveStatement.DropPrincipal _, HiveStatement.AlterGroup _, HiveStatement.GrantPrivileges _, HiveStatement.GrantRoles _,
                 HiveStatement.CreateRowFilter _, HiveStatement.DropRowFilter _, HiveStatement.GrantRowFilter _, HiveStatement.ShowRowFilters _ ->
                    throw new IllegalArgumentException("Access statements are not DDL");
        };
    }

    private QueryResult executeTrino(Statement statement, Session session)
    {
        return switch (statement) {
            case CreateSchema create -> createTrinoSchema(create, session);
            case DropSchema drop -> dropDatabase(schemaName(drop.getSchemaName()), drop.isExists(), drop.isCascade() ? DropMode.CASCADE : DropMode.RESTRICT, session);
            case io.trino.sql.tree.DropTable drop -> dropTable(resolve(drop.getTableName(), session), drop.isExists(), session);
            case io.trino.sql.tree.ShowTables show -> showTables(
                    show.getSchema().map(DdlExecutor::schemaName).orElse(session.schema()),
                    NamePatterns.like(show.getLikePattern(), show.getEscape()),
                    session);
            case ShowSchemas show -> {
                show.getCatalog().ifPresent(DdlExecutor::checkCatalog);
                yield showDatabases(NamePatterns.like(show.getLikePattern(), show.getEscape()), session);
            }
            case ShowColumns show -> describe(resolve(show.getTable(), session), false, NamePatterns.like(show.getLikePattern(), show.getEscape()), session);
            case Use use -> use(use, session);
            case ShowCreate show when show.getType() == ShowCreate.Type.TABLE -> showCreateTable(resolve(show.getName(), session), session);
            case ShowCreate show -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, "SHOW CREATE " + show.getType() + " is not supported");
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Not a DDL statement: " + statement.getClass().getSimpleName());
        };
    }

    private QueryResult createTable(CreateTable statement, Session session)
    {
        QualifiedTable name = resolve(statement.name(), session);
        if (!statement.external()) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Only external tables are supported: use CREATE EXTERNAL TABLE for '" + name + "'");
        }
        requireDatabase(name.schema());
        if (catalog.findTable(name.schema(), name.table()).isPresent()) {
            if (statement.ifNotExists()) {
                return TextResult.empty(session);
            }
            throw tableExists(name);
        }
        String location = statement.location().orElseThrow(() -> new TrawlException(ErrorCode.INVALID_LOCATION,
                "CREATE EXTERNAL TABLE '" + name + "' needs a LOCATION"));
        Table table = ExternalTables.toTable(statement, name.schema(), location, session.user());
        locations.validate(parseLocation(location));
        storage.checkTable(table);
        try {
            catalog.createTable(table);
        }
        catch (TrawlException e) {
            // another writer created it between our check and our write
            if (!(statement.ifNotExists() && e.errorCode() == ErrorCode.TABLE_ALREADY_EXISTS)) {
                throw e;
            }
        }
        return TextResult.empty(session);
    }

    private QueryResult createTrinoSchema(CreateSchema create, Session session)
    {
        Optional<String> location = Optional.empty();
        Map<String, String> parameters = new HashMap<>();
        for (Property property : create.getProperties()) {
            String key = property.getName().getValue().toLowerCase(Locale.ROOT);
            if (property.isSetToDefault()) {
                continue;
            }
            if (!(property.getNonDefaultValue() instanceof StringLiteral literal)) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Schema property '" + key + "' must be a string literal");
            }
            if (key.equals("location")) {
                location = Optional.of(literal.getValue());
            }
            else {
                parameters.put(key, literal.getValue());
            }
        }
        return createDatabase(schemaName(create.getSchemaName()), create.isNotExists(), Optional.empty(), location, parameters, session);
    }

    private QueryResult createDatabase(String name, boolean ifNotExists, Optional<String> comment, Optional<String> location, Map<String, String> properties, Session session)
    {
        // Hive creates a database's directory on demand, so only the URI's form is checked here
        location.ifPresent(DdlExecutor::parseLocation);
        if (catalog.findDatabase(name).isPresent()) {
            if (ifNotExists) {
                return TextResult.empty(session);
            }
            throw new TrawlException(ErrorCode.SCHEMA_ALREADY_EXISTS, "Schema '" + name + "' already exists");
        }
        try {
            catalog.createDatabase(new Database(name, comment, location, properties));
        }
        catch (TrawlException e) {
            if (!(ifNotExists && e.errorCode() == ErrorCode.SCHEMA_ALREADY_EXISTS)) {
                throw e;
            }
        }
        return TextResult.empty(session);
    }

    private QueryResult dropDatabase(String name, boolean ifExists, DropMode mode, Session session)
    {
        if (catalog.findDatabase(name).isEmpty()) {
            if (ifExists) {
                return TextResult.empty(session);
            }
            throw schemaNotFound(name);
        }
        catalog.dropDatabase(name, mode);
        access.forgetDatabase(name);
        return TextResult.empty(session);
    }

    private QueryResult dropTable(QualifiedTable name, boolean ifExists, Session session)
    {
        if (catalog.findDatabase(name.schema()).isEmpty() || catalog.findTable(name.schema(), name.table()).isEmpty()) {
            if (ifExists) {
                return TextResult.empty(session);
            }
            requireDatabase(name.schema());
            throw tableNotFound(name);
        }
        try {
            catalog.dropTable(name.schema(), name.table());
        }
        catch (TrawlException e) {
            if (!(ifExists && e.errorCode() == ErrorCode.TABLE_NOT_FOUND)) {
                throw e;
            }
        }
        access.forgetTable(name.schema(), name.table());
        return TextResult.empty(session);
    }

    private QueryResult showDatabases(Predicate<String> filter, Session session)
    {
        TextResult result = new TextResult("Schema");
        for (Database database : catalog.listDatabases()) {
            if (filter.test(database.name())) {
                result.addRow(database.name());
            }
        }
        return result.toResult(session);
    }

    private QueryResult showTables(String schema, Predicate<String> filter, Session session)
    {
        String schemaName = schema.toLowerCase(Locale.ROOT);
        requireDatabase(schemaName);
        TextResult result = new TextResult("Table");
        for (String table : catalog.listTables(schemaName)) {
            if (filter.test(table)) {
                result.addRow(table);
            }
        }
        return result.toResult(session);
    }

    private QueryResult describe(QualifiedTable name, boolean formatted, Predicate<String> columnFilter, Session session)
    {
        Table table = requireTable(name);
        TextResult result = formatted ? TableDescriptions.describeFormatted(table) : TableDescriptions.describe(table, columnFilter);
        return result.toResult(session);
    }

    private QueryResult showCreateTable(QualifiedTable name, Session session)
    {
        Table table = requireTable(name);
        return new TextResult("Create Table").addRow(TableDescriptions.showCreateTable(table)).toResult(session);
    }

    private QueryResult use(Use use, Session session)
    {
        use.getCatalog().ifPresent(DdlExecutor::checkCatalog);
        String schema = use.getSchema().getValue().toLowerCase(Locale.ROOT);
        requireDatabase(schema);
        return TextResult.empty(session.withSchema(schema));
    }

    private void requireDatabase(String name)
    {
        if (catalog.findDatabase(name).isEmpty()) {
            throw schemaNotFound(name);
        }
    }

    private Table requireTable(QualifiedTable name)
    {
        requireDatabase(name.schema());
        return catalog.findTable(name.schema(), name.table()).orElseThrow(() -> tableNotFound(name));
    }

    private static QualifiedTable resolve(TableName name, Session session)
    {
        return new QualifiedTable(name.schema().orElse(session.schema()), name.table());
    }

    private static QualifiedTable resolve(QualifiedName name, Session session)
    {
        List<String> parts = lowerCase(name);
        return switch (parts.size()) {
            case 1 -> new QualifiedTable(session.schema(), parts.getFirst());
            case 2 -> new QualifiedTable(parts.get(0), parts.get(1));
            case 3 -> {
                checkCatalog(parts.get(0));
                yield new QualifiedTable(parts.get(1), parts.get(2));
            }
            default -> throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Too many dots in table name '" + name + "'");
        };
    }

    private static String schemaName(QualifiedName name)
    {
        List<String> parts = lowerCase(name);
        return switch (parts.size()) {
            case 1 -> parts.getFirst();
            case 2 -> {
                checkCatalog(parts.get(0));
                yield parts.get(1);
            }
            default -> throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Too many dots in schema name '" + name + "'");
        };
    }

    private static List<String> lowerCase(QualifiedName name)
    {
        return name.getOriginalParts().stream().map(part -> part.getValue().toLowerCase(Locale.ROOT)).toList();
    }

    private static void checkCatalog(Identifier catalogName)
    {
        checkCatalog(catalogName.getValue());
    }

    private static void checkCatalog(String catalogName)
    {
        if (!catalogName.equalsIgnoreCase(CATALOG_NAME)) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Catalog '" + catalogName + "' does not exist: the only catalog is '" + CATALOG_NAME + "'");
        }
    }

    private static URI parseLocation(String location)
    {
        try {
            URI uri = new URI(location);
            if (!uri.isAbsolute()) {
                throw new TrawlException(ErrorCode.INVALID_LOCATION,
                        "Location '" + location + "' must be an absolute URI such as s3://bucket/path/ or file:///path/");
            }
            return uri;
        }
        catch (URISyntaxException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "Location '" + location + "' is not a valid URI: " + e.getReason(), e);
        }
    }

    private static TrawlException schemaNotFound(String name)
    {
        return new TrawlException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + name + "' does not exist");
    }

    private static TrawlException tableNotFound(QualifiedTable name)
    {
        return new TrawlException(ErrorCode.TABLE_NOT_FOUND, "Table '" + name + "' does not exist");
    }

    private static TrawlException tableExists(QualifiedTable name)
    {
        return new TrawlException(ErrorCode.TABLE_ALREADY_EXISTS, "Table '" + name + "' already exists");
    }

    private record QualifiedTable(String schema, String table)
    {
        @Override
        public String toString()
        {
            return schema + "." + table;
        }
    }
}
