package io.trawl.engine;

import io.airlift.slice.Slices;
import io.trawl.billing.PricingPolicy;
import io.trawl.catalog.CatalogStore;
import io.trawl.engine.analyzer.QueryPlanner;
import io.trawl.engine.analyzer.SystemTables;
import io.trawl.engine.ddl.DdlExecutor;
import io.trawl.engine.ddl.LocationValidator;
import io.trawl.engine.dryrun.IoPlanJson;
import io.trawl.engine.dryrun.QueryEstimate;
import io.trawl.engine.dryrun.ScanEstimator;
import io.trawl.engine.execution.LocalExecutionPlanner;
import io.trawl.engine.operator.MemoryBudget;
import io.trawl.engine.operator.Operator;
import io.trawl.engine.optimizer.Optimizer;
import io.trawl.engine.parser.ParsedStatement;
import io.trawl.engine.parser.StatementParser;
import io.trawl.engine.parser.TrinoStatement;
import io.trawl.engine.plan.OutputNode;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.PlanPrinter;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.write.FileWriterFactory;
import io.trawl.engine.write.SelectExecutor;
import io.trawl.engine.write.WriteLocations;
import io.trawl.engine.write.WriteStatements;
import io.trawl.engine.write.WriteStorage;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.BlockBuilder;
import io.trino.sql.tree.Explain;
import io.trino.sql.tree.ExplainAnalyze;
import io.trino.sql.tree.ExplainType;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * Runs one SQL statement end to end: parse → analyze and plan → optimize → execute. DDL and metadata
 * statements go to the {@link DdlExecutor}; queries are planned and run as vectorized operators, with scans
 * fanned out over splits; writes (CTAS, INSERT INTO, UNLOAD) run their SELECT the same way into
 * {@link WriteStatements}, on an engine given file writers ({@link #withWriters}). Stateless between statements apart
 * from the catalog; the session travels with each call.
 */
public final class QueryEngine
{
    private final CatalogStore catalog;
    private final SystemTables systemTables;
    private final ScanProvider scanProvider;
    private final EngineConfig config;
    private final DdlExecutor ddl;
    private final Set<String> disabledOptimizers;
    private final java.util.Optional<io.trawl.engine.fragment.RemoteWorkers> workers;
    private final java.util.Optional<Writers> writers;
    private final io.trawl.engine.access.AccessControl accessControl;
    // EXPLAIN (TYPE IO) prices its estimate at the deployment's default; work groups with their own price
    // estimate through estimate() and price the bytes themselves
    private final PricingPolicy pricing = PricingPolicy.defaults();

    public QueryEngine(CatalogStore catalog, ScanProvider scanProvider, EngineConfig config)
    {
        this(catalog, scanProvider, config, LocationValidator.localFiles(), Set.of());
    }

    public QueryEngine(CatalogStore catalog, ScanProvider scanProvider, EngineConfig config, LocationValidator locations, Set<String> disabledOptimizers)
    {
        this(catalog, SystemTables.NONE, scanProvider, config, locations, disabledOptimizers);
    }

    /** With {@code systemTables} answering three-part names in their catalogs (e.g. {@code system.billing.usage}). */
    public QueryEngine(CatalogStore catalog, SystemTables systemTables, ScanProvider scanProvider, EngineConfig config, LocationValidator locations, Set<String> disabledOptimizers)
    {
        this(catalog, systemTables, scanProvider, config, locations, disabledOptimizers, java.util.Optional.empty(), java.util.Optional.empty(), io.trawl.engine.access.AccessControl.DISABLED);
    }

    private QueryEngine(CatalogStore catalog, SystemTables systemTables, ScanProvider scanProvider, EngineConfig config, LocationValidator locations, Set<String> disabledOptimizers,
            java.util.Optional<io.trawl.engine.fragment.RemoteWorkers> workers, java.util.Optional<Writers> writers, io.trawl.engine.access.AccessControl accessControl)
    {
        this.accessControl = requireNonNull(accessControl, "accessControl is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.writers = requireNonNull(writers, "writers is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.systemTables = requireNonNull(systemTables, "systemTables is null");
        this.scanProvider = requireNonNull(scanProvider, "scanProvider is null");
        this.config = requireNonNull(config, "config is null");
        this.ddl = new DdlExecutor(catalog, locations, scanProvider, accessControl);
        this.disabledOptimizers = Set.copyOf(disabledOptimizers);
    }

    /**
     * This engine with its scans run as tasks on {@code remoteWorkers} (AWS Lambda, a worker pool) instead of
     * this process's scan threads; planning, joins and final aggregation stay here.
     */
    public QueryEngine withWorkers(io.trawl.engine.fragment.RemoteWorkers remoteWorkers)
    {
        return new QueryEngine(catalog, systemTables, scanProvider, config, ddl.locations(), disabledOptimizers, java.util.Optional.of(remoteWorkers), writers, accessControl);
    }

    /**
     * This engine able to write tables (CTAS, INSERT INTO, UNLOAD): data files through {@code fileWriters} (one per
     * format, in scan-workers), staged and published through {@code storage}.
     */
    public QueryEngine withWriters(FileWriterFactory fileWriters, WriteStorage storage)
    {
        return new QueryEngine(catalog, systemTables, scanProvider, config, ddl.locations(), disabledOptimizers, workers,
                java.util.Optional.of(new Writers(fileWriters, storage)), accessControl);
    }

    /**
     * This engine enforcing {@code access}: every statement is checked for its session's user, and GRANT, REVOKE
     * and the principal statements change the access model. Without it (the default) access control is off.
     */
    public QueryEngine withAccessControl(io.trawl.engine.access.AccessControl access)
    {
        return new QueryEngine(catalog, systemTables, scanProvider, config, ddl.locations(), disabledOptimizers, workers, writers, access);
    }

    public io.trawl.engine.access.AccessControl accessControl()
    {
        return accessControl;
    }

    /**
     * The privilege a statement's target needs, checked before anything is written (what it reads, the planner
     * checks): CTAS and CREATE VIEW need CREATE on the database, INSERT needs INSERT on the table, DROP VIEW needs DROP.
     */
    private void authorizeTarget(Statement statement, Session session)
    {
        if (!accessControl.enabled()) {
            return;
        }
        java.util.Optional<io.trawl.catalog.access.AccessModel> model = accessControl.snapshot();
        switch (statement) {
            case io.trino.sql.tree.CreateTableAsSelect create -> {
                List<String> name = qualified(create.getName(), session);
                io.trawl.engine.access.AccessControl.require(model, session.user(), io.trawl.catalog.access.Privilege.CREATE, name.get(0), java.util.Optional.empty(), "Cannot create table in schema");
            }
            case io.trino.sql.tree.CreateView create -> {
                List<String> name = qualified(create.getName(), session);
                io.trawl.engine.access.AccessControl.require(model, session.user(), io.trawl.catalog.access.Privilege.CREATE, name.get(0), java.util.Optional.empty(), "Cannot create view in schema");
                if (create.isReplace() && catalog.findTable(name.get(0), name.get(1)).isPresent()) {
                    // replacing a view keeps its owner, whose rights it runs with: only who may drop it may replace it
                    io.trawl.engine.access.AccessControl.require(model, session.user(), io.trawl.catalog.access.Privilege.DROP, name.get(0), java.util.Optional.of(name.get(1)), "Cannot drop view");
                }
            }
            case io.trino.sql.tree.Insert insert -> {
                List<String> name = qualified(insert.getTarget(), session);
                io.trawl.engine.access.AccessControl.require(model, session.user(), io.trawl.catalog.access.Privilege.INSERT, name.get(0), java.util.Optional.of(name.get(1)), "Cannot insert into table");
            }
            case io.trino.sql.tree.ShowCreate show when show.getType() == io.trino.sql.tree.ShowCreate.Type.VIEW -> {
                List<String> name = qualified(show.getName(), session);
                io.trawl.engine.access.AccessControl.require(model, session.user(), io.trawl.catalog.access.Privilege.SELECT, name.get(0), java.util.Optional.of(name.get(1)), "Cannot show the definition of view");
            }
            case io.trino.sql.tree.DropView drop -> {
                List<String> name = qualified(drop.getName(), session);
                io.trawl.engine.access.AccessControl.require(model, session.user(), io.trawl.catalog.access.Privilege.DROP, name.get(0), java.util.Optional.of(name.get(1)), "Cannot drop view");
            }
            default -> { }
        }
    }

    private io.trawl.engine.access.AccessStatements accessStatements()
    {
        return new io.trawl.engine.access.AccessStatements(accessControl, catalog, systemTables);
    }

    private QueryPlanner planner(Session session)
    {
        return new QueryPlanner(catalog, systemTables, scanProvider, session, accessControl.snapshot());
    }

    private record Writers(FileWriterFactory files, WriteStorage storage)
    {
        Writers
        {
            requireNonNull(files, "files is null");
            requireNonNull(storage, "storage is null");
        }
    }

    public QueryResult execute(String sql, Session session)
    {
        return execute(sql, session, QueryControl.create());
    }

    /**
     * Runs a statement under {@code control}: its id names the query's scan tasks, its meter counts the bytes
     * read, and cancelling it (or crossing its bytes cutoff) stops the scans and fails the statement.
     */
    public QueryResult execute(String sql, Session session, QueryControl control)
    {
        return execute(sql, session, control, WriteLocations.none());
    }

    /**
     * As {@link #execute(String, Session, QueryControl)}, with a write (CTAS, INSERT INTO, UNLOAD) putting what Athena
     * puts beside a query's results where {@code writeLocations} says: a CTAS table without {@code external_location},
     * and the data manifest. The files a write published are in {@link QueryResult#writtenFiles()}.
     */
    public QueryResult execute(String sql, Session session, QueryControl control, WriteLocations writeLocations)
    {
        requireNonNull(writeLocations, "writeLocations is null");
        if (accessControl.audit().isEmpty()) {
            return executeStatement(sql, session, control, writeLocations);
        }
        // every statement leaves an audit event: who, what, which tables and columns it read, allowed or denied
        io.trawl.engine.access.AuditTrail trail = new io.trawl.engine.access.AuditTrail();
        java.time.Instant start = java.time.Instant.now();
        try {
            QueryResult result = ScopedValue.where(io.trawl.engine.access.AuditTrail.CURRENT, trail).call(() -> executeStatement(sql, session, control, writeLocations));
            accessControl.audit().get().record(start, session.user(), sql, trail.tables(), trail.columns(), true, java.util.Optional.empty());
            return result;
        }
        catch (TrawlException e) {
            boolean denied = e.errorCode() == ErrorCode.ACCESS_DENIED;
            accessControl.audit().get().record(start, session.user(), sql, trail.tables(), trail.columns(), !denied, java.util.Optional.of(e.getMessage()));
            throw e;
        }
    }

    private QueryResult executeStatement(String sql, Session session, QueryControl control, WriteLocations writeLocations)
    {
        try {
            ParsedStatement parsed = StatementParser.parse(sql);
            if (parsed instanceof io.trawl.engine.parser.HiveStatement.Unload unload) {
                accessControl.requireAllowedLocation(unload.location());
                return writes().unload(unload, session, control, writeLocations);
            }
            switch (parsed) {
                case io.trawl.engine.parser.HiveStatement.CreateRowFilter create -> {
                    return accessStatements().createRowFilter(create.name(), create.table().schema(), create.table().table(), create.columns(), create.predicate(),
                            (table, predicate) -> planner(session).checkRowFilter(table, predicate), session);
                }
                case io.trawl.engine.parser.HiveStatement.DropRowFilter drop -> {
                    return accessStatements().dropRowFilter(drop.name(), drop.table().schema(), drop.table().table(), drop.ifExists(), session);
                }
                case io.trawl.engine.parser.HiveStatement.ShowRowFilters show -> {
                    return accessStatements().showRowFilters(show.table().map(name -> name.schema().orElse(session.schema())),
                            show.table().map(io.trawl.engine.parser.HiveStatement.TableName::table), session);
                }
                case io.trawl.engine.parser.HiveStatement.GrantRowFilter grant -> {
                    return accessStatements().grantRowFilter(grant.grant(), grant.name(), grant.table().schema(), grant.table().table(), grant.grantees(), session);
                }
                case io.trawl.engine.parser.HiveStatement.CreatePrincipal create -> {
                    return accessStatements().createPrincipal(create.principal(), session);
                }
                case io.trawl.engine.parser.HiveStatement.DropPrincipal drop -> {
                    return accessStatements().dropPrincipal(drop.principal(), drop.ifExists(), session);
                }
                case io.trawl.engine.parser.HiveStatement.AlterGroup alter -> {
                    return accessStatements().alterGroup(alter.group(), alter.users(), alter.add(), session);
                }
                case io.trawl.engine.parser.HiveStatement.GrantPrivileges grant -> {
                    List<io.trawl.catalog.access.Grant> grants = accessStatements().grants(grant.privileges(), java.util.Optional.of(grant.entityKind()), grant.object(),
                            grant.columns(), grant.grantee(), grant.grantOption(), session);
                    return grant.grant() ? accessStatements().grant(grants, session) : accessStatements().revoke(grants, session);
                }
                case io.trawl.engine.parser.HiveStatement.GrantRoles grant -> {
                    return accessStatements().grantRoles(grant.roles(), grant.grantees(), false, grant.grant(), session);
                }
                default -> { }
            }
            if (ddl.handles(parsed)) {
                return ddl.execute(parsed, session);
            }
            Statement statement = ((TrinoStatement) parsed).statement();
            authorizeTarget(statement, session);
            return switch (statement) {
                case Query query -> runQuery(query, session, control);
                case io.trino.sql.tree.CreateTableAsSelect create -> {
                    // a CTAS without external_location writes under the deployment's own result location
                    create.getProperties().stream()
                            .filter(property -> property.getName().getValue().equalsIgnoreCase("external_location"))
                            .filter(property -> !property.isSetToDefault())
                            .map(io.trino.sql.tree.Property::getNonDefaultValue)
                            .filter(io.trino.sql.tree.StringLiteral.class::isInstance)
                            .forEach(value -> accessControl.requireAllowedLocation(((io.trino.sql.tree.StringLiteral) value).getValue()));
                    yield writes().createTableAs(create, session, control, writeLocations);
                }
                case io.trino.sql.tree.Insert insert -> writes().insert(insert, session, control, writeLocations);
                case Explain explain when explain.getStatement() instanceof Query query && hasType(explain, ExplainType.Type.DISTRIBUTED) ->
                        textResult(StatementKind.UTILITY, "Query Plan", new io.trawl.engine.fragment.DistributedExplain(scanProvider,
                                io.trawl.engine.execution.PartitionSource.catalog(catalog), workers, config.scanThreads()).explain(plan(query, session)), 0, session);
                case Explain explain when explain.getStatement() instanceof Query query && hasType(explain, ExplainType.Type.IO) ->
                        textResult(StatementKind.UTILITY, "Query Plan", IoPlanJson.render(estimate(query, session), pricing), 0, session);
                case Explain explain when explain.getStatement() instanceof Query query ->
                        textResult(StatementKind.UTILITY, "Query Plan", PlanPrinter.print(plan(query, session)), 0, session);
                case ExplainAnalyze explain when explain.getStatement() instanceof Query query -> {
                    QueryResult result = runQuery(query, session, control);
                    String text = PlanPrinter.print(plan(query, session)) + "\n" + analyzeSummary(result);
                    yield textResult(StatementKind.QUERY, "Query Plan", text, result.bytesScanned(), session);
                }
                case io.trino.sql.tree.CreateView create -> createView(create, sql, session);
                case io.trino.sql.tree.DropView drop -> {
                    List<String> name = qualified(drop.getName(), session);
                    io.trawl.engine.ddl.Views.drop(catalog, name.get(0), name.get(1), drop.isExists());
                    yield new QueryResult(StatementKind.DDL, List.of(), List.of(), 0, session);
                }
                case io.trino.sql.tree.ShowCreate show when show.getType() == io.trino.sql.tree.ShowCreate.Type.VIEW -> {
                    List<String> name = qualified(show.getName(), session);
                    io.trawl.catalog.Table view = catalog.findTable(name.get(0), name.get(1))
                            .filter(table -> io.trawl.catalog.Table.VIRTUAL_VIEW.equals(table.tableType()))
                            .orElseThrow(() -> new TrawlException(ErrorCode.TABLE_NOT_FOUND, "View '%s.%s' does not exist".formatted(name.get(0), name.get(1))));
                    yield textResult(StatementKind.DDL, "Create View", "CREATE VIEW %s.%s AS\n%s".formatted(name.get(0), name.get(1), view.viewOriginalText().orElse("")), 0, session);
                }
                case io.trino.sql.tree.Grant grant -> accessStatements().grant(accessStatements().grants(grant.getPrivileges(), grant.getGrantObject().getEntityKind(),
                        grant.getGrantObject().getName(), List.of(), io.trawl.engine.access.AccessStatements.principal(grant.getGrantee()), grant.isWithGrantOption(), session), session);
                case io.trino.sql.tree.Revoke revoke -> accessStatements().revoke(accessStatements().grants(revoke.getPrivileges(), revoke.getGrantObject().getEntityKind(),
                        revoke.getGrantObject().getName(), List.of(), io.trawl.engine.access.AccessStatements.principal(revoke.getGrantee()), false, session), session);
                case io.trino.sql.tree.CreateRole create -> accessStatements().createPrincipal(io.trawl.catalog.access.Principal.role(create.getName().getValue()), session);
                case io.trino.sql.tree.DropRole drop -> accessStatements().dropPrincipal(io.trawl.catalog.access.Principal.role(drop.getName().getValue()), drop.isExists(), session);
                case io.trino.sql.tree.GrantRoles grant -> accessStatements().grantRoles(grant.getRoles().stream().map(io.trino.sql.tree.Identifier::getValue).sorted().toList(),
                        grant.getGrantees().stream().map(io.trawl.engine.access.AccessStatements::principal).toList(), grant.isAdminOption(), true, session);
                case io.trino.sql.tree.RevokeRoles revoke -> accessStatements().grantRoles(revoke.getRoles().stream().map(io.trino.sql.tree.Identifier::getValue).sorted().toList(),
                        revoke.getGrantees().stream().map(io.trawl.engine.access.AccessStatements::principal).toList(), false, false, session);
                case io.trino.sql.tree.ShowRoles show -> accessStatements().showRoles(show.isCurrent(), session);
                case io.trino.sql.tree.ShowGrants show -> accessStatements().showGrants(show.getGrantObject().map(io.trino.sql.tree.GrantObject::getName), session);
                default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Statement not supported yet: " + statement.getClass().getSimpleName());
            };
        }
        catch (TrawlException e) {
            throw e;
        }
        catch (OutOfMemoryError e) {
            throw new TrawlException(ErrorCode.EXCEEDED_MEMORY_LIMIT, "Query exceeded the available memory (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap)");
        }
        catch (RuntimeException | StackOverflowError e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Internal error: " + e, e);
        }
    }

    /** Plans the view's query (so a view that cannot run is refused) and stores it with its output columns. */
    private QueryResult createView(io.trino.sql.tree.CreateView create, String sql, Session session)
    {
        List<String> name = qualified(create.getName(), session);
        OutputNode plan = planner(session).plan(create.getQuery());
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < plan.names().size(); i++) {
            columns.add(new ResultColumn(plan.names().get(i), plan.outputs().get(i).type()));
        }
        String text = io.trino.sql.SqlFormatter.formatSql(create.getQuery());
        io.trawl.engine.ddl.Views.store(catalog, name.get(0), name.get(1), text, columns, create.isReplace(), session.user());
        return new QueryResult(StatementKind.DDL, List.of(), List.of(), 0, session);
    }

    private static List<String> qualified(io.trino.sql.tree.QualifiedName name, Session session)
    {
        List<String> parts = name.getParts().stream().map(part -> part.toLowerCase(java.util.Locale.ROOT)).toList();
        return List.of(parts.size() >= 2 ? parts.get(parts.size() - 2) : session.schema(), parts.getLast());
    }

    /**
     * What a query would scan, estimated before reading any data: its optimized plan's scans, each as
     * execution would run it ({@link ScanEstimator}). Reads only file metadata (Parquet footers), unbilled.
     *
     * @throws TrawlException NOT_SUPPORTED when the statement is not a query
     */
    public QueryEstimate estimate(String sql, Session session)
    {
        try {
            if (StatementParser.parse(sql) instanceof TrinoStatement(Query query)) {
                return estimate(query, session);
            }
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Only queries can be estimated (SELECT, WITH, VALUES, TABLE): " + firstWords(sql));
        }
        catch (TrawlException e) {
            throw e;
        }
        catch (RuntimeException | StackOverflowError e) {
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Internal error: " + e, e);
        }
    }

    private QueryEstimate estimate(Query query, Session session)
    {
        return new ScanEstimator(scanProvider, io.trawl.engine.execution.PartitionSource.catalog(catalog)).estimate(plan(query, session));
    }

    /** {@code EXPLAIN (TYPE IO)} is Trino's input/output plan (Trawl's dry run); {@code TYPE DISTRIBUTED} its fragments and tasks. */
    private static boolean hasType(Explain explain, ExplainType.Type type)
    {
        return explain.getOptions().stream().anyMatch(option -> option instanceof ExplainType explainType && explainType.getType() == type);
    }

    private static String firstWords(String sql)
    {
        String text = sql.strip().replaceAll("\\s+", " ");
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** The optimized logical plan of a query. */
    public PlanNode plan(Query query, Session session)
    {
        return optimize(planner(session).plan(query));
    }

    private PlanNode optimize(OutputNode plan)
    {
        return new Optimizer(new io.trawl.engine.analyzer.Estimates(scanProvider), disabledOptimizers).optimize(plan);
    }

    private QueryResult runQuery(Query query, Session session, QueryControl control)
    {
        PlanNode plan = plan(query, session);
        long bytesBefore = control.bytesScanned();
        List<Page> pages = new ArrayList<>();
        SelectExecutor.Execution execution = run(plan, control, pages::add);
        long bytesScanned = control.bytesScanned() - bytesBefore;
        OutputNode output = (OutputNode) plan;
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < output.names().size(); i++) {
            columns.add(new ResultColumn(output.names().get(i), output.outputs().get(i).type()));
        }
        return new QueryResult(StatementKind.QUERY, columns, pages, bytesScanned, session, execution.tasks(), execution.systemTablesRead());
    }

    /** Runs an optimized plan, handing each non-empty output page to {@code sink} as it comes. */
    private SelectExecutor.Execution run(PlanNode plan, QueryControl control, java.util.function.Consumer<Page> sink)
    {
        MemoryBudget memory = new MemoryBudget(config.memoryLimitBytes());
        java.util.Optional<io.trawl.engine.execution.RemoteScans> remote = workers.map(remoteWorkers ->
                new io.trawl.engine.execution.RemoteScans(control, remoteWorkers.runner(), remoteWorkers.limits(), remoteWorkers.targetTaskBytes()));
        LocalExecutionPlanner planner = new LocalExecutionPlanner(scanProvider, control::recordBytes, memory, config.scanThreads(),
                io.trawl.engine.execution.PartitionSource.catalog(catalog), remote, control);
        try (Operator operator = planner.plan(plan)) {
            for (Page page = operator.next(); page != null; page = operator.next()) {
                if (page.getPositionCount() > 0) {
                    sink.accept(page);
                }
            }
            control.checkNotCancelled();
        }
        finally {
            workers.ifPresent(remoteWorkers -> remoteWorkers.runner().queryFinished(control.queryId()));
        }
        Set<String> systemTablesRead = ScanEstimator.tableScans(plan).stream()
                .map(io.trawl.engine.plan.TableScanNode::table)
                .filter(LocalExecutionPlanner::isSystemTable)
                .map(table -> table.parameters().get(SystemTables.SYSTEM_TABLE_PARAMETER))
                .collect(java.util.stream.Collectors.toSet());
        return new SelectExecutor.Execution(planner.taskStats(), systemTablesRead);
    }

    private WriteStatements writes()
    {
        Writers configured = writers.orElseThrow(() -> new TrawlException(ErrorCode.NOT_SUPPORTED,
                "This Trawl cannot write tables: no file writers are configured for CREATE TABLE AS, INSERT INTO and UNLOAD"));
        return new WriteStatements(catalog, configured.files(), configured.storage(), config, new SelectExecutor()
        {
            @Override
            public OutputNode plan(Query query, Session session)
            {
                return planner(session).plan(query);
            }

            @Override
            public Execution execute(OutputNode plan, QueryControl control, java.util.function.Consumer<Page> sink)
            {
                return run(optimize(plan), control, sink);
            }
        });
    }

    /** EXPLAIN ANALYZE's execution summary: totals, then one line per scan task. */
    private static String analyzeSummary(QueryResult result)
    {
        StringBuilder text = new StringBuilder();
        text.append("rows: ").append(result.rowCount()).append(", bytes scanned: ").append(result.bytesScanned())
                .append(", scan tasks: ").append(result.tasks().size()).append('\n');
        for (io.trawl.engine.TaskStats task : result.tasks()) {
            text.append("  task ").append(task.table()).append(' ').append(task.path()).append(" [").append(task.splitStart()).append('+').append(task.splitLength())
                    .append("]: bytes=").append(task.bytesScanned()).append(" rows=").append(task.outputRows()).append(" wall_ms=").append(task.wallMillis()).append('\n');
        }
        return text.toString();
    }

    private static QueryResult textResult(StatementKind kind, String column, String text, long bytesScanned, Session session)
    {
        BlockBuilder builder = VARCHAR.createBlockBuilder(null, 1);
        VARCHAR.writeSlice(builder, Slices.utf8Slice(text));
        return new QueryResult(kind, List.of(new ResultColumn(column, VARCHAR)), List.of(new Page(builder.build())), bytesScanned, session);
    }
}
