package io.trawl.engine.access;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.access.AccessModel;
import io.trawl.catalog.access.Grant;
import io.trawl.catalog.access.Principal;
import io.trawl.catalog.access.Privilege;
import io.trawl.catalog.access.RoleGrant;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.ddl.TextResult;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.sql.tree.PrincipalSpecification;
import io.trino.sql.tree.QualifiedName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * GRANT, REVOKE and the statements that manage principals (Trino's CREATE/DROP ROLE, GRANT/REVOKE roles, SHOW
 * ROLES, SHOW GRANTS, and the Hive-grammar CREATE/DROP USER|GROUP and ALTER GROUP). Each change is validated
 * against the current model and stored in one conditional write, so a refused statement changes nothing.
 * Principals and roles are managed by administrators; privileges by administrators and by holders of the same
 * privilege WITH GRANT OPTION.
 */
public final class AccessStatements
{
    private final AccessControl access;
    private final CatalogStore catalog;
    private final io.trawl.engine.analyzer.SystemTables systemTables;

    public AccessStatements(AccessControl access, CatalogStore catalog, io.trawl.engine.analyzer.SystemTables systemTables)
    {
        this.access = requireNonNull(access, "access is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.systemTables = requireNonNull(systemTables, "systemTables is null");
    }

    /** The grants a Trino GRANT or REVOKE names: one per privilege (every table privilege or USAGE and CREATE for ALL PRIVILEGES). */
    public List<Grant> grants(Optional<List<String>> privileges, Optional<String> entityKind, QualifiedName name, List<String> columns, Principal grantee, boolean grantOption, Session session)
    {
        List<String> parts = name.getParts().stream().map(part -> part.toLowerCase(Locale.ROOT)).toList();
        boolean onDatabase = entityKind.map(kind -> kind.equalsIgnoreCase("SCHEMA") || kind.equalsIgnoreCase("DATABASE")).orElse(false);
        boolean allTables = entityKind.map(kind -> kind.equalsIgnoreCase("ALL TABLES")).orElse(false);
        if (parts.size() == 3 && systemTables.catalogs().contains(parts.getFirst())) {
            return systemTableGrants(privileges, onDatabase || allTables, parts, columns, grantee, grantOption, session);
        }
        String database = onDatabase || allTables ? parts.getLast() : parts.size() >= 2 ? parts.get(parts.size() - 2) : session.schema();
        if (catalog.findDatabase(database).isEmpty()) {
            throw new TrawlException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '%s' does not exist".formatted(database));
        }
        Optional<String> table = onDatabase ? Optional.empty() : Optional.of(allTables ? Grant.ALL_TABLES : parts.getLast());
        if (table.isPresent() && !allTables) {
            io.trawl.catalog.Table metadata = catalog.findTable(database, table.get())
                    .orElseThrow(() -> new TrawlException(ErrorCode.TABLE_NOT_FOUND, "Table '%s.%s' does not exist".formatted(database, table.get())));
            for (String column : columns) {
                if (metadata.allColumns().stream().noneMatch(existing -> existing.name().equalsIgnoreCase(column))) {
                    throw new TrawlException(ErrorCode.COLUMN_NOT_FOUND, "Column '%s' does not exist in table %s.%s".formatted(column, database, table.get()));
                }
            }
        }
        List<Privilege> named = privileges.map(list -> list.stream().map(AccessStatements::privilege).toList())
                .orElse(onDatabase ? List.of(Privilege.USAGE, Privilege.CREATE) : List.of(Privilege.SELECT, Privilege.INSERT, Privilege.ALTER, Privilege.DROP));
        List<Grant> grants = new ArrayList<>();
        for (Privilege privilege : named) {
            if (privilege.onDatabase() != onDatabase) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s cannot be granted on %s".formatted(privilege, onDatabase ? "a schema" : "a table"));
            }
            if (columns.isEmpty()) {
                grants.add(new Grant(grantee, privilege, database, table, Optional.empty(), grantOption, session.user()));
            }
            else if (privilege != Privilege.SELECT || allTables) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Only SELECT can be granted on columns of one table, not " + privilege);
            }
            else {
                columns.forEach(column -> grants.add(new Grant(grantee, privilege, database, table, Optional.of(column), grantOption, session.user())));
            }
        }
        return grants;
    }

    /**
     * SELECT on a whole system table ({@code system.billing.usage}: every user's usage rather than one's own;
     * {@code system.audit.events}: the audit trail), recorded against the table's own database name
     * ({@code system.billing}), which no lake database can have (Glue's names hold no dots).
     */
    private List<Grant> systemTableGrants(Optional<List<String>> privileges, boolean onSchema, List<String> parts, List<String> columns, Principal grantee, boolean grantOption, Session session)
    {
        String name = String.join(".", parts);
        io.trawl.catalog.Table table = systemTables.find(parts.get(0), parts.get(1), parts.get(2))
                .orElseThrow(() -> new TrawlException(ErrorCode.TABLE_NOT_FOUND, "Table '%s' does not exist".formatted(name)));
        if (onSchema || !columns.isEmpty() || !privileges.map(list -> list.size() == 1 && privilege(list.getFirst()) == Privilege.SELECT).orElse(false)) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Only SELECT on the whole table can be granted on system table " + name);
        }
        return List.of(new Grant(grantee, Privilege.SELECT, table.databaseName(), Optional.of(table.name()), Optional.empty(), grantOption, session.user()));
    }

    public QueryResult grant(List<Grant> grants, Session session)
    {
        change(session, model -> {
            AccessModel changed = model;
            for (Grant grant : grants) {
                AccessControl.check(model.canGrant(session.user(), grant), () -> "Cannot grant privilege %s on %s".formatted(grant.privilege(), grant.object()));
                changed = changed.grant(grant);
            }
            return changed;
        }, false);
        return TextResult.empty(session);
    }

    public QueryResult revoke(List<Grant> grants, Session session)
    {
        change(session, model -> {
            AccessModel changed = model;
            for (Grant grant : grants) {
                AccessControl.check(model.canGrant(session.user(), grant), () -> "Cannot revoke privilege %s on %s".formatted(grant.privilege(), grant.object()));
                changed = changed.revoke(grant);
            }
            return changed;
        }, false);
        return TextResult.empty(session);
    }

    public QueryResult createPrincipal(Principal principal, Session session)
    {
        change(session, model -> model.createPrincipal(principal), true);
        return TextResult.empty(session);
    }

    public QueryResult dropPrincipal(Principal principal, boolean ifExists, Session session)
    {
        change(session, model -> ifExists && !model.exists(principal) ? model : model.dropPrincipal(principal), true);
        return TextResult.empty(session);
    }

    public QueryResult alterGroup(String group, List<String> users, boolean add, Session session)
    {
        change(session, model -> {
            AccessModel changed = model;
            for (String user : users) {
                changed = add ? changed.addToGroup(group, user) : changed.removeFromGroup(group, user);
            }
            return changed;
        }, true);
        return TextResult.empty(session);
    }

    public QueryResult grantRoles(List<String> roles, List<Principal> grantees, boolean adminOption, boolean grant, Session session)
    {
        change(session, model -> {
            AccessModel changed = model;
            for (String role : roles) {
                for (Principal grantee : grantees) {
                    changed = grant ? changed.grantRole(new RoleGrant(role, grantee, adminOption)) : changed.revokeRole(role, grantee);
                }
            }
            return changed;
        }, true);
        return TextResult.empty(session);
    }

    /**
     * CREATE ROW FILTER: administrators only. The table and columns must exist and {@code typeCheck} (the planner
     * applying the predicate to the table) must accept the predicate before anything is stored.
     */
    public QueryResult createRowFilter(String name, Optional<String> schema, String table, Optional<List<String>> columns, String predicate,
            java.util.function.BiConsumer<io.trawl.catalog.Table, String> typeCheck, Session session)
    {
        AccessControl.requireAdministrator(Optional.of(access.store().model()), session.user(), "Only an administrator can manage row filters");
        String database = schema.orElse(session.schema()).toLowerCase(Locale.ROOT);
        io.trawl.catalog.Table metadata = requireTable(database, table);
        if (io.trawl.catalog.Table.VIRTUAL_VIEW.equals(metadata.tableType())) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Row filters apply to tables, and %s.%s is a view".formatted(database, table));
        }
        for (String column : columns.orElse(List.of())) {
            if (metadata.allColumns().stream().noneMatch(existing -> existing.name().equalsIgnoreCase(column))) {
                throw new TrawlException(ErrorCode.COLUMN_NOT_FOUND, "Column '%s' does not exist in table %s.%s".formatted(column, database, table));
            }
        }
        typeCheck.accept(metadata, predicate);
        change(session, model -> model.createRowFilter(new io.trawl.catalog.access.RowFilter(name, database, table, columns, predicate, java.util.Set.of(), session.user())), true);
        return TextResult.empty(session);
    }

    public QueryResult dropRowFilter(String name, Optional<String> schema, String table, boolean ifExists, Session session)
    {
        String database = schema.orElse(session.schema());
        change(session, model -> ifExists && model.findRowFilter(name, database, table).isEmpty() ? model : model.dropRowFilter(name, database, table), true);
        return TextResult.empty(session);
    }

    /** GRANT|REVOKE SELECT ON ROW FILTER: administrators only, as filters are theirs to manage. */
    public QueryResult grantRowFilter(boolean grant, String name, Optional<String> schema, String table, List<Principal> grantees, Session session)
    {
        String database = schema.orElse(session.schema());
        change(session, model -> {
            AccessModel changed = model;
            for (Principal grantee : grantees) {
                changed = changed.grantRowFilter(name, database, table, grantee, grant);
            }
            return changed;
        }, true);
        return TextResult.empty(session);
    }

    /** SHOW ROW FILTERS [ON TABLE t]: every filter to an administrator; to anyone else, the filters granted to it, its groups or roles. */
    public QueryResult showRowFilters(Optional<String> schema, Optional<String> table, Session session)
    {
        AccessModel model = access.store().model();
        var principals = model.principalsOf(session.user());
        TextResult result = new TextResult("Schema", "Table", "Filter", "Columns", "Predicate", "Grantees");
        model.rowFilters().stream()
                .filter(filter -> model.isAdministrator(session.user()) || filter.grantees().stream().anyMatch(principals::contains))
                .filter(filter -> table.isEmpty() || filter.on(schema.orElseThrow(), table.get()))
                .sorted(Comparator.comparing(io.trawl.catalog.access.RowFilter::database).thenComparing(io.trawl.catalog.access.RowFilter::table)
                        .thenComparing(io.trawl.catalog.access.RowFilter::name))
                .forEach(filter -> result.addRow(filter.database(), filter.table(), filter.name(), filter.columns().map(names -> String.join(", ", names)).orElse("*"),
                        filter.predicate(), String.join(", ", filter.grantees().stream()
                                .map(grantee -> grantee.kind().name() + " " + grantee.name()).sorted().toList())));
        return result.toResult(session);
    }

    private io.trawl.catalog.Table requireTable(String database, String table)
    {
        if (catalog.findDatabase(database).isEmpty()) {
            throw new TrawlException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '%s' does not exist".formatted(database));
        }
        return catalog.findTable(database, table)
                .orElseThrow(() -> new TrawlException(ErrorCode.TABLE_NOT_FOUND, "Table '%s.%s' does not exist".formatted(database, table)));
    }

    /** SHOW ROLES: every role to an administrator; to anyone else, the roles it holds. */
    public QueryResult showRoles(boolean current, Session session)
    {
        AccessModel model = access.store().model();
        TextResult result = new TextResult("Role");
        List<String> roles = current || !model.isAdministrator(session.user())
                ? model.principalsOf(session.user()).stream().filter(principal -> principal.kind() == Principal.Kind.ROLE).map(Principal::name).sorted().toList()
                : model.roles().stream().sorted().toList();
        roles.forEach(result::addRow);
        return result.toResult(session);
    }

    /** SHOW GRANTS [ON object]: the grants the user holds (directly, through its groups and roles), or every grant to an administrator. */
    public QueryResult showGrants(Optional<QualifiedName> object, Session session)
    {
        AccessModel model = access.store().model();
        var principals = model.principalsOf(session.user());
        Optional<List<String>> parts = object.map(name -> name.getParts().stream().map(part -> part.toLowerCase(Locale.ROOT)).toList());
        TextResult result = new TextResult("Grantor", "Grantee", "Grantee Type", "Schema", "Table", "Column", "Privilege", "Is Grantable");
        model.grants().stream()
                .filter(grant -> model.isAdministrator(session.user()) || principals.contains(grant.grantee()))
                .filter(grant -> parts.isEmpty() || grant.table().equals(Optional.of(parts.get().getLast()))
                        && grant.database().equals(parts.get().size() >= 2 ? parts.get().get(parts.get().size() - 2) : session.schema()))
                .sorted(Comparator.comparing((Grant grant) -> grant.grantee().toString()).thenComparing(Grant::object).thenComparing(Grant::privilege))
                .forEach(grant -> result.addRow(grant.grantor(), grant.grantee().name(), grant.grantee().kind().name(), grant.database(),
                        grant.table().orElse(""), grant.column().orElse(""), grant.privilege().name(), grant.grantOption() ? "YES" : "NO"));
        return result.toResult(session);
    }

    private void change(Session session, UnaryOperator<AccessModel> change, boolean administratorsOnly)
    {
        access.store().update(model -> {
            if (administratorsOnly) {
                AccessControl.check(model.isAdministrator(session.user()), () -> "Only an administrator can manage users, groups, roles and row filters");
            }
            return change.apply(model);
        });
    }

    public static Principal principal(PrincipalSpecification specification)
    {
        String name = specification.name().getValue();
        return specification.type() == PrincipalSpecification.Type.ROLE ? Principal.role(name) : Principal.user(name);
    }

    private static Privilege privilege(String name)
    {
        try {
            return Privilege.valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Privilege %s is not supported; Trawl has USAGE, CREATE, SELECT, INSERT, ALTER and DROP".formatted(name));
        }
    }
}
