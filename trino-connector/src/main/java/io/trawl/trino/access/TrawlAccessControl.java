package io.trawl.trino.access;

import io.trawl.catalog.access.AccessModel;
import io.trawl.catalog.access.AccessStore;
import io.trawl.catalog.access.Privilege;
import io.trawl.catalog.access.RowFilter;
import io.trino.spi.QueryId;
import io.trino.spi.connector.CatalogSchemaName;
import io.trino.spi.connector.CatalogSchemaRoutineName;
import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.function.SchemaFunctionName;
import io.trino.spi.security.AccessDeniedException;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemSecurityContext;
import io.trino.spi.security.ViewExpression;

import java.security.Principal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Trawl's grants and row filters on a Trino cluster, read from the same access store Trawl's engine reads; the
 * Trino user is the Trawl principal. In the governed catalogs a user sees the schemas it holds some grant in, the
 * tables it reads, and the columns it reads (a row filter's column list hides the others); selecting anything else
 * is refused with Trino's (and Trawl's) "Access Denied: Cannot select from columns ..." wording. A user who reads
 * a table only through row filters gets their union ({@code (p1) OR (p2)}) as Trino's row filter. The connector
 * is read only, so the write checks (CREATE, INSERT, DROP) are Trawl's privileges, enforced before the connector
 * refuses the write itself. Other catalogs (system, information_schema, other connectors) are not Trawl's to govern
 * and are allowed; administration of the cluster (system information, other users' queries) is for administrators.
 *
 * <p>Row filter expressions are evaluated with an administrator's identity: a filter may test columns it hides,
 * as in Trawl's engine.
 */
public final class TrawlAccessControl
        implements SystemAccessControl
{
    private static final int SNAPSHOTS = 256;

    private final AccessStore store;
    private final Set<String> catalogs;
    private final String filterIdentity;
    // one model per query, as Trawl's engine reads one model per statement: Trino checks many times per query
    private final Map<String, AccessModel> snapshots = new LinkedHashMap<>(16, 0.75f, true)
    {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AccessModel> eldest)
        {
            return size() > SNAPSHOTS;
        }
    };

    public TrawlAccessControl(AccessStore store, Set<String> administrators, Set<String> catalogs)
    {
        this.store = requireNonNull(store, "store is null");
        this.catalogs = Set.copyOf(requireNonNull(catalogs, "catalogs is null"));
        if (administrators.isEmpty()) {
            throw new IllegalArgumentException("access control needs at least one administrator");
        }
        this.filterIdentity = new TreeSet<>(administrators).first();
    }

    // --- queries and the cluster

    @Override
    public void checkCanImpersonateUser(Identity identity, String userName)
    {
        if (!identity.getUser().equals(userName) && !model(Optional.empty()).isAdministrator(identity.getUser())) {
            AccessDeniedException.denyImpersonateUser(identity.getUser(), userName);
        }
    }

    @Override
    public void checkCanSetUser(Optional<Principal> principal, String userName) {}

    @Override
    public void checkCanExecuteQuery(Identity identity, QueryId queryId) {}

    @Override
    public void checkCanViewQueryOwnedBy(Identity identity, Identity queryOwner)
    {
        if (!identity.getUser().equals(queryOwner.getUser()) && !isAdministrator(identity)) {
            AccessDeniedException.denyViewQuery();
        }
    }

    @Override
    public Collection<Identity> filterViewQueryOwnedBy(Identity identity, Collection<Identity> queryOwners)
    {
        if (isAdministrator(identity)) {
            return queryOwners;
        }
        return queryOwners.stream().filter(owner -> owner.getUser().equals(identity.getUser())).toList();
    }

    @Override
    public void checkCanKillQueryOwnedBy(Identity identity, Identity queryOwner)
    {
        if (!identity.getUser().equals(queryOwner.getUser()) && !isAdministrator(identity)) {
            AccessDeniedException.denyKillQuery();
        }
    }

    @Override
    public void checkCanReadSystemInformation(Identity identity)
    {
        if (!isAdministrator(identity)) {
            AccessDeniedException.denyReadSystemInformationAccess();
        }
    }

    @Override
    public void checkCanWriteSystemInformation(Identity identity)
    {
        if (!isAdministrator(identity)) {
            AccessDeniedException.denyWriteSystemInformationAccess();
        }
    }

    @Override
    public void checkCanSetSystemSessionProperty(Identity identity, QueryId queryId, String propertyName) {}

    @Override
    public void checkCanSetCatalogSessionProperty(SystemSecurityContext context, String catalogName, String propertyName) {}

    // --- catalogs and schemas

    @Override
    public boolean canAccessCatalog(SystemSecurityContext context, String catalogName)
    {
        return true;
    }

    @Override
    public Set<String> filterCatalogs(SystemSecurityContext context, Set<String> catalogNames)
    {
        return catalogNames;
    }

    @Override
    public void checkCanShowSchemas(SystemSecurityContext context, String catalogName) {}

    @Override
    public Set<String> filterSchemas(SystemSecurityContext context, String catalogName, Set<String> schemaNames)
    {
        if (!governs(catalogName)) {
            return schemaNames;
        }
        AccessModel model = model(context);
        String user = user(context);
        return schemaNames.stream()
                .filter(schema -> schema.equals("information_schema") || model.seesDatabase(user, schema))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void checkCanShowCreateSchema(SystemSecurityContext context, CatalogSchemaName schemaName) {}

    @Override
    public void checkCanCreateSchema(SystemSecurityContext context, CatalogSchemaName schema, Map<String, Object> properties)
    {
        if (governs(schema.getCatalogName()) && !model(context).isAdministrator(user(context))) {
            AccessDeniedException.denyCreateSchema(schema.getSchemaName());
        }
    }

    @Override
    public void checkCanDropSchema(SystemSecurityContext context, CatalogSchemaName schema)
    {
        if (governs(schema.getCatalogName()) && !model(context).allows(user(context), Privilege.DROP, schema.getSchemaName(), Optional.empty(), Optional.empty())) {
            AccessDeniedException.denyDropSchema(schema.getSchemaName());
        }
    }

    // --- tables and columns

    @Override
    public void checkCanShowTables(SystemSecurityContext context, CatalogSchemaName schema) {}

    @Override
    public Set<SchemaTableName> filterTables(SystemSecurityContext context, String catalogName, Set<SchemaTableName> tableNames)
    {
        if (!governs(catalogName)) {
            return tableNames;
        }
        AccessModel model = model(context);
        String user = user(context);
        return tableNames.stream()
                .filter(table -> isInformationSchema(table.getSchemaName()) || model.readsSome(user, table.getSchemaName(), table.getTableName()))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void checkCanShowColumns(SystemSecurityContext context, CatalogSchemaTableName table) {}

    @Override
    public void checkCanShowCreateTable(SystemSecurityContext context, CatalogSchemaTableName table)
    {
        if (governs(table) && !model(context).readsSome(user(context), schema(table), name(table))) {
            AccessDeniedException.denyShowCreateTable(table.toString());
        }
    }

    @Override
    public Set<String> filterColumns(SystemSecurityContext context, CatalogSchemaTableName table, Set<String> columns)
    {
        if (!governs(table)) {
            return columns;
        }
        AccessModel model = model(context);
        String user = user(context);
        return columns.stream()
                .filter(column -> model.readsColumn(user, schema(table), name(table), column))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Map<SchemaTableName, Set<String>> filterColumns(SystemSecurityContext context, String catalogName, Map<SchemaTableName, Set<String>> tableColumns)
    {
        Map<SchemaTableName, Set<String>> visible = new HashMap<>();
        tableColumns.forEach((table, columns) -> visible.put(table, filterColumns(context, new CatalogSchemaTableName(catalogName, table), columns)));
        return visible;
    }

    @Override
    public void checkCanSelectFromColumns(SystemSecurityContext context, CatalogSchemaTableName table, Set<String> columns)
    {
        if (!governs(table)) {
            return;
        }
        AccessModel model = model(context);
        String user = user(context);
        if (!model.readsSome(user, schema(table), name(table))) {
            AccessDeniedException.denySelectTable(table.getSchemaTableName().toString());
        }
        Set<String> denied = new TreeSet<>();
        for (String column : columns) {
            if (!model.readsColumn(user, schema(table), name(table), column)) {
                denied.add(column);
            }
        }
        if (!denied.isEmpty()) {
            AccessDeniedException.denySelectColumns(table.getSchemaTableName().toString(), denied);
        }
    }

    @Override
    public void checkCanCreateViewWithSelectFromColumns(SystemSecurityContext context, CatalogSchemaTableName table, Set<String> columns)
    {
        checkCanSelectFromColumns(context, table, columns);
    }

    @Override
    public void checkCanCreateTable(SystemSecurityContext context, CatalogSchemaTableName table, Map<String, Object> properties)
    {
        if (governs(table) && !model(context).allows(user(context), Privilege.CREATE, schema(table), Optional.empty(), Optional.empty())) {
            AccessDeniedException.denyCreateTable(table.toString());
        }
    }

    @Override
    public void checkCanDropTable(SystemSecurityContext context, CatalogSchemaTableName table)
    {
        if (governs(table) && !model(context).allows(user(context), Privilege.DROP, schema(table), Optional.of(name(table)), Optional.empty())) {
            AccessDeniedException.denyDropTable(table.toString());
        }
    }

    @Override
    public void checkCanInsertIntoTable(SystemSecurityContext context, CatalogSchemaTableName table)
    {
        if (governs(table) && !model(context).allows(user(context), Privilege.INSERT, schema(table), Optional.of(name(table)), Optional.empty())) {
            AccessDeniedException.denyInsertTable(table.toString());
        }
    }

    @Override
    public List<ViewExpression> getRowFilters(SystemSecurityContext context, CatalogSchemaTableName tableName)
    {
        if (!governs(tableName)) {
            return List.of();
        }
        List<RowFilter> filters = model(context).rowFiltersOf(user(context), schema(tableName), name(tableName));
        if (filters.isEmpty()) {
            return List.of();
        }
        // Trino ANDs the filters it is given; Trawl's filters of one user add up, so they are one OR-ed expression
        String predicate = filters.stream().map(filter -> "(" + filter.predicate() + ")").collect(Collectors.joining(" OR "));
        return List.of(ViewExpression.builder()
                .identity(filterIdentity)
                .catalog(tableName.getCatalogName())
                .schema(schema(tableName))
                .expression(predicate)
                .build());
    }

    // --- functions and procedures: Trawl grants none, so they are everyone's

    @Override
    public boolean canExecuteFunction(SystemSecurityContext systemSecurityContext, CatalogSchemaRoutineName functionName)
    {
        return true;
    }

    @Override
    public boolean canCreateViewWithExecuteFunction(SystemSecurityContext systemSecurityContext, CatalogSchemaRoutineName functionName)
    {
        return true;
    }

    @Override
    public void checkCanShowFunctions(SystemSecurityContext context, CatalogSchemaName schema) {}

    @Override
    public Set<SchemaFunctionName> filterFunctions(SystemSecurityContext context, String catalogName, Set<SchemaFunctionName> functionNames)
    {
        return functionNames;
    }

    private boolean governs(String catalogName)
    {
        return catalogs.contains(catalogName);
    }

    private boolean governs(CatalogSchemaTableName table)
    {
        return governs(table.getCatalogName()) && !isInformationSchema(table.getSchemaTableName().getSchemaName());
    }

    private static boolean isInformationSchema(String schema)
    {
        return schema.equals("information_schema");
    }

    private boolean isAdministrator(Identity identity)
    {
        return model(Optional.empty()).isAdministrator(identity.getUser());
    }

    private AccessModel model(SystemSecurityContext context)
    {
        return model(Optional.of(context.getQueryId().toString()));
    }

    private AccessModel model(Optional<String> queryId)
    {
        if (queryId.isEmpty()) {
            return store.model();
        }
        synchronized (snapshots) {
            AccessModel cached = snapshots.get(queryId.get());
            if (cached != null) {
                return cached;
            }
        }
        AccessModel model = store.model();
        synchronized (snapshots) {
            snapshots.putIfAbsent(queryId.get(), model);
            return snapshots.get(queryId.get());
        }
    }

    private static String user(SystemSecurityContext context)
    {
        return context.getIdentity().getUser();
    }

    private static String schema(CatalogSchemaTableName table)
    {
        return table.getSchemaTableName().getSchemaName();
    }

    private static String name(CatalogSchemaTableName table)
    {
        return table.getSchemaTableName().getTableName();
    }
}
