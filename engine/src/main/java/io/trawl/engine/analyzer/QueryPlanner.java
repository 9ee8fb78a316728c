package io.trawl.engine.analyzer;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Table;
import io.trawl.engine.Session;
import io.trawl.engine.expression.Constant;
import io.trawl.engine.expression.Function;
import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.expression.Variable;
import io.trawl.engine.operator.JoinType;
import io.trawl.engine.operator.aggregate.AggregateFunction;
import io.trawl.engine.plan.Aggregate;
import io.trawl.engine.plan.AggregationNode;
import io.trawl.engine.plan.Assignment;
import io.trawl.engine.plan.EnforceSingleRowNode;
import io.trawl.engine.plan.FilterNode;
import io.trawl.engine.plan.JoinNode;
import io.trawl.engine.plan.LimitNode;
import io.trawl.engine.plan.Ordering;
import io.trawl.engine.plan.OutputNode;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.ProjectNode;
import io.trawl.engine.plan.SetOperationNode;
import io.trawl.engine.plan.SortNode;
import io.trawl.engine.plan.Symbol;
import io.trawl.engine.plan.SymbolAllocator;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.plan.UnionNode;
import io.trawl.engine.plan.ValuesNode;
import io.trawl.engine.plan.WindowNode;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.connector.SortOrder;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;
import io.trino.sql.ExpressionFormatter;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.AllColumns;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Except;
import io.trino.sql.tree.ExistsPredicate;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FetchFirst;
import io.trino.sql.tree.FrameBound;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.GroupBy;
import io.trino.sql.tree.GroupingElement;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.Intersect;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.JoinOn;
import io.trino.sql.tree.JoinUsing;
import io.trino.sql.tree.Limit;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NotExpression;
import io.trino.sql.tree.Offset;
import io.trino.sql.tree.OrderBy;
import io.trino.sql.tree.Predicated;
import io.trino.sql.tree.QualifiedName;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.QueryBody;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.Relation;
import io.trino.sql.tree.SelectItem;
import io.trino.sql.tree.SimpleGroupBy;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.SortItem;
import io.trino.sql.tree.SubqueryExpression;
import io.trino.sql.tree.TableSubquery;
import io.trino.sql.tree.Union;
import io.trino.sql.tree.Values;
import io.trino.sql.tree.WindowFrame;
import io.trino.sql.tree.WindowSpecification;
import io.trino.sql.tree.With;
import io.trino.sql.tree.WithQuery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.trawl.engine.analyzer.Expressions.coerce;
import static io.trino.spi.type.BooleanType.BOOLEAN;

/**
 * Analyzes a query and builds its logical plan in one pass: resolves tables through the catalog and names
 * through scopes, types every expression, orders the implicit joins of a FROM list by estimated size, and
 * decorrelates subqueries: [NOT] EXISTS and [NOT] IN in WHERE become semi/anti joins, correlated scalar
 * aggregates become a LEFT join with the aggregate grouped by the correlation keys, uncorrelated scalar
 * subqueries a cross join with a single row.
 */
public final class QueryPlanner
{
    private final CatalogStore catalog;
    private final SystemTables systemTables;
    private final Session session;
    private final SymbolAllocator symbols = new SymbolAllocator();
    private final Estimates estimates;
    private final LocalDate currentDate = LocalDate.now();
    private final List<Map<String, WithQuery>> withStack = new ArrayList<>();
    private final Optional<io.trawl.catalog.access.AccessModel> access;
    // whose privileges the tables being planned are checked against: the session's user, or a view's owner while
    // its query is planned (views run with their definer's rights, Trino's default SECURITY DEFINER)
    private String reader;
    // every table column a scan of this plan can produce, and whose privilege reading it needs
    private final Map<Symbol, ColumnRead> columnReads = new java.util.HashMap<>();
    private final Set<PlanNode> rowFilterNodes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private record ColumnRead(String reader, String schema, String table, String column) {}

    public QueryPlanner(CatalogStore catalog, ScanProvider scanProvider, Session session)
    {
        this(catalog, SystemTables.NONE, scanProvider, session);
    }

    public QueryPlanner(CatalogStore catalog, SystemTables systemTables, ScanProvider scanProvider, Session session)
    {
        this(catalog, systemTables, scanProvider, session, Optional.empty());
    }

    /**
     * With {@code access} present, every table, view and column the query reads is checked against it (the
     * session's user, or a view's owner inside the view): this planner is the one place every query path
     * (SELECT, EXPLAIN, CTAS, INSERT, UNLOAD, views) passes, so that is where access control is enforced.
     */
    public QueryPlanner(CatalogStore catalog, SystemTables systemTables, ScanProvider scanProvider, Session session, Optional<io.trawl.catalog.access.AccessModel> access)
    {
        this.access = java.util.Objects.requireNonNull(access, "access is null");
        this.reader = session.user();
        this.catalog = catalog;
        this.systemTables = java.util.Objects.requireNonNull(systemTables, "systemTables is null");
        this.session = session;
        this.estimates = new Estimates(scanProvider);
    }

    public OutputNode plan(Query query)
    {
        RelationPlan plan = planQuery(query, Optional.empty());
        List<String> names = new ArrayList<>();
        List<Symbol> outputs = new ArrayList<>();
        for (Field field : plan.scope().fields()) {
            if (field.hidden()) {
                continue;
            }
            names.add(field.name().orElse("_col" + names.size()));
            outputs.add(field.symbol());
        }
        OutputNode output = new OutputNode(plan.root(), names, outputs);
        access.ifPresent(model -> checkColumnReads(model, output));
        return output;
    }

    /**
     * Checks SELECT on each column the query reads: the columns its scans still produce once unused ones are
     * pruned, so a column used only in WHERE, a join or a subquery counts and one merely present in the table
     * does not. Denials name every column of the table at once, as Trino does.
     */
    private void checkColumnReads(io.trawl.catalog.access.AccessModel model, OutputNode output)
    {
        // a row filter's predicate reads columns for the filter, not for the reader: only what the query reads counts
        PlanNode pruned = new io.trawl.engine.optimizer.PruneColumns(false).optimize(withoutRowFilters(output));
        Map<String, java.util.Set<String>> denied = new java.util.TreeMap<>();
        for (TableScanNode scan : io.trawl.engine.dryrun.ScanEstimator.tableScans(pruned)) {
            for (Symbol symbol : scan.outputs()) {
                ColumnRead read = columnReads.get(symbol);
                if (read != null) {
                    io.trawl.engine.access.AuditTrail.read(read.schema() + "." + read.table(), read.column());
                }
                if (read != null && !model.readsColumn(read.reader(), read.schema(), read.table(), read.column())) {
                    denied.computeIfAbsent(read.schema() + "." + read.table(), key -> new java.util.TreeSet<>()).add(read.column());
                }
            }
        }
        denied.entrySet().stream().findFirst().ifPresent(entry -> {
            throw io.trawl.engine.access.AccessControl.denied("Cannot select from columns %s in table or view %s"
                    .formatted(io.trawl.engine.access.AccessControl.columns(entry.getValue()), entry.getKey()));
        });
    }

    // ---------------------------------------------------------------- queries

    private RelationPlan planQuery(Query query, Optional<Scope> outer)
    {
        Map<String, WithQuery> with = new HashMap<>();
        query.getWith().ifPresent(clause -> registerWith(clause, with));
        withStack.add(with);
        try {
            if (query.getQueryBody() instanceof QuerySpecification specification) {
                Optional<OrderBy> orderBy = query.getOrderBy().isPresent() ? query.getOrderBy() : specification.getOrderBy();
                Optional<Offset> offset = query.getOffset().isPresent() ? query.getOffset() : specification.getOffset();
                Optional<Node> limit = query.getLimit().isPresent() ? query.getLimit() : specification.getLimit();
                return planSpecification(specification, outer, orderBy, offset, limit, List.of()).relation();
            }
            RelationPlan body = planQueryBody(query.getQueryBody(), outer);
            return applyOrderAndLimit(body, query.getOrderBy(), query.getOffset(), query.getLimit());
        }
        finally {
            withStack.removeLast();
        }
    }

    private void registerWith(With with, Map<String, WithQuery> target)
    {
        if (with.isRecursive()) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(with) + "WITH RECURSIVE is not supported");
        }
        for (WithQuery query : with.getQueries()) {
            target.put(query.getName().getValue().toLowerCase(Locale.ROOT), query);
        }
    }

    private RelationPlan planQueryBody(QueryBody body, Optional<Scope> outer)
    {
        return switch (body) {
            case QuerySpecification specification -> planSpecification(specification, outer, specification.getOrderBy(), specification.getOffset(), specification.getLimit(), List.of()).relation();
            case io.trino.sql.tree.TableSubquery subquery -> planQuery(subquery.getQuery(), outer);
            case Values values -> planValues(values, outer);
            case Union union -> planUnion(union, outer);
            case Intersect intersect -> planSetOperation(SetOperationNode.Kind.INTERSECT, intersect.isDistinct(), intersect.getRelations(), intersect, outer);
            case Except except -> planSetOperation(SetOperationNode.Kind.EXCEPT, except.isDistinct(), except.getRelations(), except, outer);
            case io.trino.sql.tree.Table table -> planTable(table, outer);
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(body) + "Unsupported query: " + body.getClass().getSimpleName());
        };
    }

    private RelationPlan planValues(Values values, Optional<Scope> outer)
    {
        List<List<RowExpression>> rows = new ArrayList<>();
        ExpressionTranslator translator = translator(Scope.of(List.of()).withOuter(outer), Map.of(), new PlanHolder(null), new HashSet<>());
        for (Expression row : values.getRows()) {
            List<Expression> items = row instanceof io.trino.sql.tree.Row tuple ? tuple.getFields().stream().map(io.trino.sql.tree.Row.Field::getExpression).toList() : List.of(row);
            rows.add(items.stream().map(translator::translate).toList());
        }
        int width = rows.getFirst().size();
        List<Type> types = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            Type common = null;
            for (List<RowExpression> row : rows) {
                if (row.size() != width) {
                    throw new TrawlException(ErrorCode.TYPE_MISMATCH, Locations.prefix(values) + "Values rows have mismatched sizes");
                }
                Type type = row.get(column).type();
                Type previous = common;
                common = common == null ? type : TypeCoercion.commonSuperType(common, type).orElseThrow(() -> Expressions.typeError(
                        Locations.prefix(values) + "Values column types %s and %s are not compatible".formatted(previous.getDisplayName(), type.getDisplayName())));
            }
            types.add(TypeCoercion.isUnknown(common) ? BOOLEAN : common);
        }
        List<Symbol> outputs = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            Symbol symbol = symbols.newSymbol("_col" + column, types.get(column));
            outputs.add(symbol);
            fields.add(new Field(Optional.empty(), Optional.of("_col" + column), symbol, false));
        }
        List<List<RowExpression>> coerced = rows.stream().map(row -> {
            List<RowExpression> values1 = new ArrayList<>();
            for (int column = 0; column < width; column++) {
                values1.add(coerce(row.get(column), types.get(column)));
            }
            return values1;
        }).toList();
        return new RelationPlan(new ValuesNode(outputs, coerced), Scope.of(fields));
    }

    private RelationPlan planUnion(Union union, Optional<Scope> outer)
    {
        List<RelationPlan> inputs = union.getRelations().stream().map(relation -> planRelation(relation, outer)).toList();
        RelationPlan unionPlan = unionAll(inputs, union);
        if (!union.isDistinct()) {
            return unionPlan;
        }
        List<Symbol> keys = unionPlan.root().outputs();
        return new RelationPlan(new AggregationNode(unionPlan.root(), keys, List.of()), unionPlan.scope());
    }

    private RelationPlan unionAll(List<RelationPlan> inputs, Node node)
    {
        List<List<Field>> visible = inputs.stream().map(input -> input.scope().fields().stream().filter(field -> !field.hidden()).toList()).toList();
        int width = visible.getFirst().size();
        for (List<Field> fields : visible) {
            if (fields.size() != width) {
                throw new TrawlException(ErrorCode.TYPE_MISMATCH, Locations.prefix(node) + "Set operation inputs have different numbers of columns: %d and %d".formatted(width, fields.size()));
            }
        }
        List<Type> types = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            Type common = visible.getFirst().get(column).symbol().type();
            for (List<Field> fields : visible) {
                Type type = fields.get(column).symbol().type();
                Type previous = common;
                common = TypeCoercion.commonSuperType(common, type).orElseThrow(() -> Expressions.typeError(
                        Locations.prefix(node) + "Set operation column types %s and %s are not compatible".formatted(previous.getDisplayName(), type.getDisplayName())));
            }
            types.add(common);
        }
        List<PlanNode> sources = new ArrayList<>();
        List<List<Symbol>> mappings = new ArrayList<>();
        for (int input = 0; input < inputs.size(); input++) {
            List<Assignment> assignments = new ArrayList<>();
            List<Symbol> mapping = new ArrayList<>();
            for (int column = 0; column < width; column++) {
                Symbol source = visible.get(input).get(column).symbol();
                RowExpression value = coerce(new Variable(source), types.get(column));
                Symbol target = value instanceof Variable variable ? variable.symbol() : symbols.newSymbol(source.name(), types.get(column));
                assignments.add(new Assignment(target, value));
                mapping.add(target);
            }
            sources.add(new ProjectNode(inputs.get(input).root(), assignments));
            mappings.add(mapping);
        }
        List<Symbol> outputs = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            Field first = visible.getFirst().get(column);
            Symbol symbol = symbols.newSymbol(first.name().orElse("_col" + column), types.get(column));
            outputs.add(symbol);
            fields.add(new Field(Optional.empty(), first.name(), symbol, false));
        }
        return new RelationPlan(new UnionNode(sources, outputs, mappings), Scope.of(fields));
    }

    private RelationPlan planSetOperation(SetOperationNode.Kind kind, boolean distinct, List<Relation> relations, Node node, Optional<Scope> outer)
    {
        RelationPlan left = planRelation(relations.get(0), outer);
        for (int i = 1; i < relations.size(); i++) {
            RelationPlan right = planRelation(relations.get(i), outer);
            RelationPlan shape = unionAll(List.of(left, right), node);
            UnionNode union = (UnionNode) shape.root();
            left = new RelationPlan(new SetOperationNode(kind, distinct, union.sources(), union.outputs(), union.inputs()), shape.scope());
        }
        return left;
    }

    private RelationPlan applyOrderAndLimit(RelationPlan plan, Optional<OrderBy> orderBy, Optional<Offset> offset, Optional<Node> limit)
    {
        PlanNode root = plan.root();
        if (orderBy.isPresent()) {
            ExpressionTranslator translator = translator(plan.scope(), Map.of(), new PlanHolder(root), new HashSet<>());
            List<Ordering> orderings = new ArrayList<>();
            for (SortItem item : orderBy.get().getSortItems()) {
                RowExpression key = resolveOrdinal(item.getSortKey(), plan.scope()).orElseGet(() -> translator.translate(item.getSortKey()));
                if (!(key instanceof Variable variable)) {
                    throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(item) + "ORDER BY of a set operation must name an output column");
                }
                orderings.add(new Ordering(variable.symbol(), sortOrder(item)));
            }
            root = new SortNode(root, orderings);
        }
        root = applyLimit(root, offset, limit);
        return new RelationPlan(root, plan.scope());
    }

    private static Optional<RowExpression> resolveOrdinal(Expression key, Scope scope)
    {
        if (key instanceof LongLiteral literal) {
            List<Field> visible = scope.fields().stream().filter(field -> !field.hidden()).toList();
            long ordinal = literal.getParsedValue();
            if (ordinal < 1 || ordinal > visible.size()) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(key) + "ORDER BY position " + ordinal + " is not in select list");
            }
            return Optional.of(new Variable(visible.get((int) ordinal - 1).symbol()));
        }
        return Optional.empty();
    }

    private PlanNode applyLimit(PlanNode root, Optional<Offset> offset, Optional<Node> limit)
    {
        long offsetRows = offset.map(value -> rowCount(value.getRowCount())).orElse(0L);
        long limitRows = Long.MAX_VALUE;
        if (limit.isPresent()) {
            Node node = limit.get();
            if (node instanceof Limit limitNode) {
                if (!(limitNode.getRowCount() instanceof io.trino.sql.tree.AllRows)) {
                    limitRows = rowCount(limitNode.getRowCount());
                }
            }
            else if (node instanceof FetchFirst fetchFirst) {
                if (fetchFirst.isWithTies()) {
                    throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(node) + "FETCH FIRST ... WITH TIES is not supported");
                }
                limitRows = fetchFirst.getRowCount().map(QueryPlanner::rowCount).orElse(1L);
            }
        }
        if (offsetRows == 0 && limitRows == Long.MAX_VALUE) {
            return root;
        }
        return new LimitNode(root, offsetRows, limitRows);
    }

    private static long rowCount(Expression expression)
    {
        if (expression instanceof LongLiteral literal && literal.getParsedValue() >= 0) {
            return literal.getParsedValue();
        }
        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(expression) + "LIMIT and OFFSET need a non-negative integer constant");
    }

    private static SortOrder sortOrder(SortItem item)
    {
        boolean ascending = item.getOrdering() == SortItem.Ordering.ASCENDING;
        // Trino: NULLS LAST by default for both directions
        boolean nullsFirst = item.getNullOrdering() == SortItem.NullOrdering.FIRST;
        if (ascending) {
            return nullsFirst ? SortOrder.ASC_NULLS_FIRST : SortOrder.ASC_NULLS_LAST;
        }
        return nullsFirst ? SortOrder.DESC_NULLS_FIRST : SortOrder.DESC_NULLS_LAST;
    }

    // ---------------------------------------------------------------- relations

    private RelationPlan planRelation(Relation relation, Optional<Scope> outer)
    {
        return switch (relation) {
            case io.trino.sql.tree.Table table -> planTable(table, outer);
            case AliasedRelation aliased -> {
                RelationPlan inner = planRelation(aliased.getRelation(), outer);
                String alias = aliased.getAlias().getValue().toLowerCase(Locale.ROOT);
                List<Field> visible = inner.scope().fields().stream().filter(field -> !field.hidden()).toList();
                List<Identifier> columnNames = aliased.getColumnNames();
                if (columnNames != null && !columnNames.isEmpty() && columnNames.size() != visible.size()) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(aliased) + "Column alias list has %d entries but '%s' has %d columns".formatted(columnNames.size(), alias, visible.size()));
                }
                List<Field> fields = new ArrayList<>();
                for (int i = 0; i < visible.size(); i++) {
                    Field field = visible.get(i);
                    Optional<String> name = columnNames == null || columnNames.isEmpty() ? field.name() : Optional.of(columnNames.get(i).getValue().toLowerCase(Locale.ROOT));
                    fields.add(new Field(Optional.of(alias), name, field.symbol(), false));
                }
                yield new RelationPlan(inner.root(), Scope.of(fields));
            }
            case TableSubquery subquery -> planQuery(subquery.getQuery(), Optional.empty());
            case Join join -> planExplicitJoin(join, outer);
            case QueryBody body -> planQueryBody(body, outer);
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(relation) + "Unsupported relation: " + relation.getClass().getSimpleName());
        };
    }

    private RelationPlan planTable(io.trino.sql.tree.Table table, Optional<Scope> outer)
    {
        QualifiedName name = table.getName();
        List<String> parts = name.getParts().stream().map(part -> part.toLowerCase(Locale.ROOT)).toList();
        if (parts.size() == 1) {
            for (int level = withStack.size() - 1; level >= 0; level--) {
                WithQuery with = withStack.get(level).get(parts.getFirst());
                if (with != null) {
                    return planWithQuery(with, level);
                }
            }
        }
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : session.schema();
        String tableName = parts.getLast();
        Table metadata = parts.size() == 3 && systemTables.catalogs().contains(parts.getFirst())
                ? systemTables.find(parts.getFirst(), schema, tableName).orElseThrow(() -> new TrawlException(ErrorCode.TABLE_NOT_FOUND,
                        Locations.prefix(table) + "Table '%s' does not exist".formatted(String.join(".", parts))))
                : catalog.findTable(schema, tableName).orElseThrow(() -> new TrawlException(ErrorCode.TABLE_NOT_FOUND,
                        Locations.prefix(table) + "Table '%s.%s' does not exist".formatted(schema, tableName)));
        boolean systemTable = parts.size() == 3 && systemTables.catalogs().contains(parts.getFirst());
        if (access.isPresent()) {
            io.trawl.engine.access.AuditTrail.read(String.join(".", parts.size() == 1 ? List.of(schema, tableName) : parts), null);
        }
        boolean wholeSystemTable = access.isEmpty() || !systemTable
                || access.get().allows(reader, io.trawl.catalog.access.Privilege.SELECT, metadata.databaseName(), Optional.of(metadata.name()), Optional.empty());
        // a system table whose rows belong to users shows each its own rows; any other (the audit trail) is the
        // administrators' and their grantees'
        Optional<String> ownerColumn = wholeSystemTable ? Optional.empty() : Optional.ofNullable(metadata.parameters().get(SystemTables.OWNER_COLUMN_PARAMETER));
        if (!wholeSystemTable && ownerColumn.isEmpty()) {
            throw io.trawl.engine.access.AccessControl.denied("Cannot select from table %s".formatted(String.join(".", parts)));
        }
        boolean isView = Table.VIRTUAL_VIEW.equals(metadata.tableType());
        // a view's columns are not scanned, so column grants on a view could not be checked: a view needs SELECT on all of it
        List<io.trawl.catalog.access.RowFilter> rowFilters = access.isPresent() && !systemTable && !isView
                ? access.get().rowFiltersOf(reader, schema, tableName)
                : List.of();
        if (access.isPresent() && !systemTable && !(isView
                ? access.get().allows(reader, io.trawl.catalog.access.Privilege.SELECT, schema, Optional.of(tableName), Optional.empty())
                : access.get().allowsSomeSelect(reader, schema, tableName) || !rowFilters.isEmpty())) {
            throw io.trawl.engine.access.AccessControl.denied("Cannot select from table %s.%s".formatted(schema, tableName));
        }
        if (Table.VIRTUAL_VIEW.equals(metadata.tableType())) {
            String text = metadata.viewOriginalText().orElseThrow(() -> new TrawlException(ErrorCode.INTERNAL_ERROR, "View " + metadata.qualifiedName() + " has no text"));
            Query viewQuery = (Query) new io.trino.sql.parser.SqlParser().createStatement(text);
            String invoker = reader;
            reader = metadata.owner();
            RelationPlan view;
            try {
                view = planQuery(viewQuery, Optional.empty());
            }
            finally {
                reader = invoker;
            }
            return new RelationPlan(view.root(), Scope.of(view.scope().fields().stream().map(field -> field.withRelation(Optional.of(tableName))).toList()));
        }
        List<Symbol> outputs = new ArrayList<>();
        List<String> columnNames = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (Column column : metadata.allColumns()) {
            Type type = HiveTypes.toTrinoType(column.type());
            Symbol symbol = symbols.newSymbol(column.name(), type);
            outputs.add(symbol);
            columnNames.add(column.name());
            fields.add(new Field(Optional.of(tableName), Optional.of(column.name().toLowerCase(Locale.ROOT)), symbol, false));
            if (!systemTable) {
                columnReads.put(symbol, new ColumnRead(reader, schema, tableName, column.name().toLowerCase(Locale.ROOT)));
            }
        }
        for (io.trawl.engine.scan.PseudoColumns pseudo : io.trawl.engine.scan.PseudoColumns.all()) {
            Symbol symbol = symbols.newSymbol(pseudo.columnName().substring(1), pseudo.type());
            outputs.add(symbol);
            columnNames.add(pseudo.columnName());
            fields.add(new Field(Optional.of(tableName), Optional.of(pseudo.columnName()), symbol, true));
        }
        PlanNode scan = new TableScanNode(metadata, outputs, columnNames, TupleDomain.all());
        if (ownerColumn.isPresent()) {
            // principals compare as the access model compares users, without regard to case
            String own = "lower(\"%s\") = '%s'".formatted(ownerColumn.get(), reader.toLowerCase(Locale.ROOT).replace("'", "''"));
            FilterNode filter = new FilterNode(scan, rowFilterPredicate(own, Scope.of(fields), "the owner filter of " + String.join(".", parts)));
            rowFilterNodes.add(filter);
            scan = filter;
        }
        if (!rowFilters.isEmpty()) {
            // the union of the reader's filters, right on the scan: pushed into it and pruning row groups like a WHERE
            Scope scope = Scope.of(fields);
            List<RowExpression> predicates = rowFilters.stream()
                    .map(filter -> rowFilterPredicate(filter.predicate(), scope, filter.object()))
                    .toList();
            FilterNode filter = new FilterNode(scan, Expressions.or(predicates));
            rowFilterNodes.add(filter);
            scan = filter;
        }
        return new RelationPlan(scan, Scope.of(fields));
    }

    /**
     * Type-checks a row filter's predicate against {@code table} as the planner would apply it, throwing the
     * error a query with that WHERE would; what CREATE ROW FILTER runs before it stores anything.
     */
    public void checkRowFilter(Table table, String predicate)
    {
        List<Field> fields = new ArrayList<>();
        for (Column column : table.allColumns()) {
            fields.add(new Field(Optional.of(table.name().toLowerCase(Locale.ROOT)), Optional.of(column.name().toLowerCase(Locale.ROOT)),
                    symbols.newSymbol(column.name(), HiveTypes.toTrinoType(column.type())), false));
        }
        rowFilterPredicate(predicate, Scope.of(fields), "the row filter");
    }

    private RowExpression rowFilterPredicate(String text, Scope scope, String object)
    {
        Expression predicate;
        try {
            predicate = new io.trino.sql.parser.SqlParser().createExpression(text);
        }
        catch (io.trino.sql.parser.ParsingException e) {
            throw new TrawlException(ErrorCode.SYNTAX_ERROR, "Predicate of %s: line %d:%d: %s".formatted(object, e.getLineNumber(), e.getColumnNumber(), e.getErrorMessage()), e);
        }
        if (containsSubquery(predicate)) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Predicate of %s cannot contain a subquery".formatted(object));
        }
        RowExpression translated = translator(scope, Map.of(), new PlanHolder(null), new HashSet<>()).translate(predicate);
        if (!translated.type().equals(BOOLEAN)) {
            throw Expressions.typeError("Predicate of %s must evaluate to a boolean: actual type %s".formatted(object, translated.type().getDisplayName()));
        }
        return translated;
    }

    /** The plan without the row filters' own filters: what the query itself reads, for the column checks. */
    private PlanNode withoutRowFilters(PlanNode node)
    {
        if (node instanceof FilterNode filter && rowFilterNodes.contains(filter)) {
            return withoutRowFilters(filter.source());
        }
        List<PlanNode> sources = node.sources().stream().map(this::withoutRowFilters).toList();
        boolean same = true;
        for (int i = 0; i < sources.size(); i++) {
            same &= sources.get(i) == node.sources().get(i);
        }
        return same ? node : node.replaceSources(sources);
    }

    private RelationPlan planWithQuery(WithQuery with, int level)
    {
        // a CTE sees only the CTEs defined before it, not those of the block referencing it
        List<Map<String, WithQuery>> saved = new ArrayList<>(withStack);
        withStack.subList(level + 1, withStack.size()).clear();
        Map<String, WithQuery> visible = new HashMap<>(withStack.get(level));
        visible.remove(with.getName().getValue().toLowerCase(Locale.ROOT));
        withStack.set(level, visible);
        try {
            RelationPlan plan = planQuery(with.getQuery(), Optional.empty());
            String alias = with.getName().getValue().toLowerCase(Locale.ROOT);
            List<Field> visibleFields = plan.scope().fields().stream().filter(field -> !field.hidden()).toList();
            Optional<List<Identifier>> columnNames = with.getColumnNames();
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < visibleFields.size(); i++) {
                Optional<String> name = columnNames.isPresent() ? Optional.of(columnNames.get().get(i).getValue().toLowerCase(Locale.ROOT)) : visibleFields.get(i).name();
                fields.add(new Field(Optional.of(alias), name, visibleFields.get(i).symbol(), false));
            }
            return new RelationPlan(plan.root(), Scope.of(fields));
        }
        finally {
            withStack.clear();
            withStack.addAll(saved);
        }
    }

    private RelationPlan planExplicitJoin(Join join, Optional<Scope> outer)
    {
        if (join.getType() == Join.Type.CROSS || join.getType() == Join.Type.IMPLICIT || join.getType() == Join.Type.INNER && !(join.getCriteria().orElse(null) instanceof JoinUsing)) {
            FromWhere fromWhere = planFrom(join, outer, List.of());
            return new RelationPlan(fromWhere.root(), Scope.of(fromWhere.scope().fields()));
        }
        RelationPlan left = planRelation(join.getLeft(), outer);
        RelationPlan right = planRelation(join.getRight(), outer);
        List<Field> fields = new ArrayList<>(left.scope().fields());
        fields.addAll(right.scope().fields());
        Scope scope = Scope.of(fields);
        List<RowExpression> conjuncts = new ArrayList<>();
        if (join.getCriteria().orElse(null) instanceof JoinOn on) {
            ExpressionTranslator translator = translator(scope, Map.of(), new PlanHolder(null), new HashSet<>());
            conjuncts.addAll(Expressions.conjuncts(translator.translate(on.getExpression())));
        }
        else if (join.getCriteria().orElse(null) instanceof JoinUsing using) {
            for (Identifier column : using.getColumns()) {
                String name = column.getValue().toLowerCase(Locale.ROOT);
                Field leftField = left.scope().resolve(Optional.empty(), name, name, column.getLocation()).orElseThrow(() -> new TrawlException(ErrorCode.COLUMN_NOT_FOUND,
                        Locations.prefix(column) + "Column '" + name + "' is missing from left side of join")).field();
                Field rightField = right.scope().resolve(Optional.empty(), name, name, column.getLocation()).orElseThrow(() -> new TrawlException(ErrorCode.COLUMN_NOT_FOUND,
                        Locations.prefix(column) + "Column '" + name + "' is missing from right side of join")).field();
                conjuncts.add(new ExpressionTranslator(scope, Map.of(), null, new HashSet<>(), currentDate)
                        .comparison(Function.EQUAL, new Variable(leftField.symbol()), new Variable(rightField.symbol()), column));
            }
        }
        else if (join.getCriteria().isPresent()) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(join) + "NATURAL JOIN is not supported");
        }
        JoinType type = switch (join.getType()) {
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            default -> JoinType.INNER;
        };
        Set<Symbol> leftSymbols = new HashSet<>(left.root().outputs());
        Set<Symbol> rightSymbols = new HashSet<>(right.root().outputs());
        PlanNode leftRoot = left.root();
        PlanNode rightRoot = right.root();
        List<RowExpression> joinConjuncts = new ArrayList<>();
        List<RowExpression> rightOnly = new ArrayList<>();
        List<RowExpression> leftOnly = new ArrayList<>();
        for (RowExpression conjunct : conjuncts) {
            Set<Symbol> used = Expressions.symbols(conjunct);
            if (!used.isEmpty() && rightSymbols.containsAll(used) && (type == JoinType.LEFT || type == JoinType.INNER)) {
                rightOnly.add(conjunct);
            }
            else if (!used.isEmpty() && leftSymbols.containsAll(used) && (type == JoinType.RIGHT || type == JoinType.INNER)) {
                leftOnly.add(conjunct);
            }
            else {
                joinConjuncts.add(conjunct);
            }
        }
        if (!rightOnly.isEmpty()) {
            rightRoot = new FilterNode(rightRoot, Expressions.and(rightOnly));
        }
        if (!leftOnly.isEmpty()) {
            leftRoot = new FilterNode(leftRoot, Expressions.and(leftOnly));
        }
        PlanHolder leftHolder = new PlanHolder(leftRoot);
        PlanHolder rightHolder = new PlanHolder(rightRoot);
        List<JoinNode.EquiClause> criteria = new ArrayList<>();
        List<RowExpression> residual = new ArrayList<>();
        splitJoinConjuncts(joinConjuncts, leftSymbols, rightSymbols, leftHolder, rightHolder, criteria, residual);
        JoinNode node = new JoinNode(type, leftHolder.node, rightHolder.node, criteria, residual.isEmpty() ? Optional.empty() : Optional.of(Expressions.and(residual)));
        return new RelationPlan(node, scope);
    }

    /** Splits conjuncts into equi-join clauses (projecting non-symbol sides) and a residual filter. */
    private void splitJoinConjuncts(List<RowExpression> conjuncts, Set<Symbol> leftSymbols, Set<Symbol> rightSymbols, PlanHolder left, PlanHolder right,
            List<JoinNode.EquiClause> criteria, List<RowExpression> residual)
    {
        for (RowExpression conjunct : conjuncts) {
            if (conjunct instanceof io.trawl.engine.expression.Call call && call.function() == Function.EQUAL) {
                RowExpression a = call.argument(0);
                RowExpression b = call.argument(1);
                Set<Symbol> aSymbols = Expressions.symbols(a);
                Set<Symbol> bSymbols = Expressions.symbols(b);
                if (!aSymbols.isEmpty() && !bSymbols.isEmpty()) {
                    if (leftSymbols.containsAll(aSymbols) && rightSymbols.containsAll(bSymbols)) {
                        criteria.add(new JoinNode.EquiClause(left.symbolFor(a, symbols), right.symbolFor(b, symbols)));
                        continue;
                    }
                    if (leftSymbols.containsAll(bSymbols) && rightSymbols.containsAll(aSymbols)) {
                        criteria.add(new JoinNode.EquiClause(left.symbolFor(b, symbols), right.symbolFor(a, symbols)));
                        continue;
                    }
                }
            }
            residual.add(conjunct);
        }
    }

    /** A plan being extended in place: subqueries and computed join keys are attached to it. */
    static final class PlanHolder
    {
        PlanNode node;

        PlanHolder(PlanNode node)
        {
            this.node = node;
        }

        Symbol symbolFor(RowExpression expression, SymbolAllocator allocator)
        {
            if (expression instanceof Variable variable) {
                return variable.symbol();
            }
            Symbol symbol = allocator.newSymbol("expr", expression.type());
            List<Assignment> assignments = new ArrayList<>();
            for (Symbol output : node.outputs()) {
                assignments.add(new Assignment(output, new Variable(output)));
            }
            assignments.add(new Assignment(symbol, expression));
            node = new ProjectNode(node, assignments);
            return symbol;
        }
    }

    // ---------------------------------------------------------------- FROM and WHERE

    /** A FROM + WHERE block: its joined plan, its scope, and the WHERE conjuncts that reference outer scopes. */
    private record FromWhere(PlanNode root, Scope scope, List<RowExpression> correlated) {}

    private FromWhere planFrom(Relation from, Optional<Scope> outer, List<Expression> whereConjuncts)
    {
        List<RelationPlan> leaves = new ArrayList<>();
        List<Expression> conjuncts = new ArrayList<>();
        flatten(from, outer, leaves, conjuncts);
        conjuncts.addAll(whereConjuncts);
        return planJoinGraph(leaves, conjuncts, outer);
    }

    private void flatten(Relation relation, Optional<Scope> outer, List<RelationPlan> leaves, List<Expression> conjuncts)
    {
        if (relation instanceof Join join && (join.getType() == Join.Type.CROSS || join.getType() == Join.Type.IMPLICIT
                || join.getType() == Join.Type.INNER && !(join.getCriteria().orElse(null) instanceof JoinUsing))) {
            flatten(join.getLeft(), outer, leaves, conjuncts);
            flatten(join.getRight(), outer, leaves, conjuncts);
            if (join.getCriteria().orElse(null) instanceof JoinOn on) {
                conjuncts.addAll(splitAnd(on.getExpression()));
            }
            return;
        }
        leaves.add(planRelation(relation, outer));
    }

    private static List<Expression> splitAnd(Expression expression)
    {
        if (expression instanceof LogicalExpression logical && logical.getOperator() == LogicalExpression.Operator.AND) {
            List<Expression> result = new ArrayList<>();
            logical.getTerms().forEach(term -> result.addAll(splitAnd(term)));
            return result;
        }
        return List.of(expression);
    }

    private FromWhere planFromWhere(QuerySpecification specification, Optional<Scope> outer)
    {
        List<Expression> where = specification.getWhere().map(QueryPlanner::splitAnd).orElse(List.of());
        if (specification.getFrom().isEmpty()) {
            List<RelationPlan> leaves = List.of(new RelationPlan(new ValuesNode(List.of(), List.of(List.of())), Scope.of(List.of())));
            return planJoinGraph(leaves, where, outer);
        }
        return planFrom(specification.getFrom().get(), outer, where);
    }

    private FromWhere planJoinGraph(List<RelationPlan> relations, List<Expression> astConjuncts, Optional<Scope> outer)
    {
        List<Field> allFields = new ArrayList<>();
        relations.forEach(relation -> allFields.addAll(relation.scope().fields()));
        Scope scope = Scope.of(allFields).withOuter(outer);
        List<PlanNode> leaves = new ArrayList<>(relations.stream().map(RelationPlan::root).toList());

        List<RowExpression> plain = new ArrayList<>();
        List<RowExpression> correlated = new ArrayList<>();
        List<Expression> late = new ArrayList<>();
        List<Expression> subqueryPredicates = new ArrayList<>();
        for (Expression conjunct : astConjuncts) {
            if (isSubqueryPredicate(conjunct)) {
                subqueryPredicates.add(conjunct);
                continue;
            }
            if (containsSubquery(conjunct)) {
                late.add(conjunct);
                continue;
            }
            Set<Symbol> outerReferences = new HashSet<>();
            RowExpression translated = translator(scope, Map.of(), new PlanHolder(null), outerReferences).translate(conjunct);
            requireBoolean(translated, conjunct);
            for (RowExpression term : Expressions.conjuncts(factorDisjunction(translated))) {
                Set<Symbol> used = Expressions.symbols(term);
                if (used.stream().anyMatch(outerReferences::contains)) {
                    correlated.add(term);
                }
                else {
                    plain.add(term);
                }
            }
        }

        // subquery predicates over one relation filter it before the joins are ordered; a correlated EXISTS
        // waits until after the joins when there are several relations: the joins usually shrink the rows it
        // filters far below the subquery's, and then the filtered rows become the (small) build side
        List<SemiJoin> deferred = new ArrayList<>();
        for (Expression predicate : subqueryPredicates) {
            SemiJoin semiJoin = planSemiJoin(predicate, scope);
            int owner = owningLeaf(leaves, semiJoin.leftSymbols());
            boolean correlatedExists = (predicate instanceof ExistsPredicate || predicate instanceof NotExpression not && not.getValue() instanceof ExistsPredicate)
                    && !semiJoin.leftKeys().isEmpty();
            if (owner >= 0 && !(correlatedExists && leaves.size() > 1)) {
                leaves.set(owner, semiJoin.apply(leaves.get(owner), symbols, estimates));
            }
            else {
                deferred.add(semiJoin);
            }
        }

        PlanNode joined = orderJoins(leaves, plain);

        for (SemiJoin semiJoin : deferred) {
            joined = semiJoin.apply(joined, symbols, estimates);
        }
        if (!late.isEmpty()) {
            PlanHolder holder = new PlanHolder(joined);
            List<RowExpression> filters = new ArrayList<>();
            Set<Symbol> outerReferences = new HashSet<>();
            ExpressionTranslator translator = translator(scope, Map.of(), holder, outerReferences);
            for (Expression conjunct : late) {
                RowExpression translated = translator.translate(conjunct);
                requireBoolean(translated, conjunct);
                filters.add(translated);
            }
            if (!outerReferences.isEmpty()) {
                throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(late.getFirst()) + "Correlated references next to a subquery in the same condition are not supported");
            }
            joined = new FilterNode(holder.node, Expressions.and(filters));
        }
        return new FromWhere(joined, scope, correlated);
    }

    private static void requireBoolean(RowExpression expression, Expression node)
    {
        if (!expression.type().equals(BOOLEAN) && !TypeCoercion.isUnknown(expression.type())) {
            throw Expressions.typeError(Locations.prefix(node) + "WHERE clause must evaluate to a boolean: actual type " + expression.type().getDisplayName());
        }
    }

    /** (A and B) or (A and C) → A and (B or C): exposes join keys hidden in disjunctions (TPC-H Q19). */
    private static RowExpression factorDisjunction(RowExpression expression)
    {
        List<RowExpression> conjuncts = new ArrayList<>();
        for (RowExpression conjunct : Expressions.conjuncts(expression)) {
            List<RowExpression> disjuncts = Expressions.disjuncts(conjunct);
            if (disjuncts.size() < 2) {
                conjuncts.add(conjunct);
                continue;
            }
            List<List<RowExpression>> terms = disjuncts.stream().map(Expressions::conjuncts).toList();
            Set<RowExpression> common = new LinkedHashSet<>(terms.getFirst());
            terms.forEach(term -> common.retainAll(new HashSet<>(term)));
            if (common.isEmpty()) {
                conjuncts.add(conjunct);
                continue;
            }
            conjuncts.addAll(common);
            List<RowExpression> remaining = new ArrayList<>();
            boolean alwaysTrue = false;
            for (List<RowExpression> term : terms) {
                List<RowExpression> rest = term.stream().filter(item -> !common.contains(item)).toList();
                if (rest.isEmpty()) {
                    alwaysTrue = true;
                    break;
                }
                remaining.add(Expressions.and(rest));
            }
            if (!alwaysTrue) {
                conjuncts.add(Expressions.or(remaining));
            }
        }
        return Expressions.and(conjuncts);
    }

    private static int owningLeaf(List<PlanNode> leaves, Set<Symbol> used)
    {
        if (used.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < leaves.size(); i++) {
            if (new HashSet<>(leaves.get(i).outputs()).containsAll(used)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Greedy join ordering: the largest relation probes; repeatedly join the smallest relation connected to
     * what is joined so far by an equality, as the build side. Single-relation conjuncts filter their relation
     * first; other conjuncts become join filters as soon as their relations are joined.
     */
    private PlanNode orderJoins(List<PlanNode> inputs, List<RowExpression> conjuncts)
    {
        List<PlanNode> leaves = new ArrayList<>(inputs);
        List<RowExpression> remaining = new ArrayList<>();
        List<RowExpression> constant = new ArrayList<>();
        List<List<RowExpression>> leafFilters = new ArrayList<>();
        leaves.forEach(_ -> leafFilters.add(new ArrayList<>()));
        for (RowExpression conjunct : conjuncts) {
            Set<Symbol> used = Expressions.symbols(conjunct);
            int owner = owningLeaf(leaves, used);
            if (used.isEmpty()) {
                constant.add(conjunct);
            }
            else if (owner >= 0) {
                leafFilters.get(owner).add(conjunct);
            }
            else {
                remaining.add(conjunct);
            }
        }
        double[] rows = new double[leaves.size()];
        double[] selectivity = new double[leaves.size()];
        for (int i = 0; i < leaves.size(); i++) {
            double base = estimates.rows(leaves.get(i));
            if (!leafFilters.get(i).isEmpty()) {
                leaves.set(i, new FilterNode(leaves.get(i), Expressions.and(leafFilters.get(i))));
            }
            rows[i] = estimates.rows(leaves.get(i));
            selectivity[i] = base <= 0 ? 1 : rows[i] / base;
        }
        int start = 0;
        for (int i = 1; i < leaves.size(); i++) {
            if (rows[i] > rows[start]) {
                start = i;
            }
        }
        PlanNode current = leaves.get(start);
        double currentRows = rows[start];
        Set<Integer> joined = new HashSet<>(List.of(start));
        while (joined.size() < leaves.size()) {
            Set<Symbol> joinedSymbols = new HashSet<>(current.outputs());
            int best = -1;
            double bestRows = Double.MAX_VALUE;
            for (int i = 0; i < leaves.size(); i++) {
                if (joined.contains(i)) {
                    continue;
                }
                List<Symbol> leftKeys = new ArrayList<>();
                List<Symbol> rightKeys = new ArrayList<>();
                equiKeys(joinedSymbols, new HashSet<>(leaves.get(i).outputs()), remaining, leftKeys, rightKeys);
                if (leftKeys.isEmpty()) {
                    continue;
                }
                double output = estimates.joinRows(current, currentRows, leaves.get(i), rows[i], leftKeys, rightKeys);
                if (best < 0 || output < bestRows || output == bestRows && rows[i] < rows[best]) {
                    best = i;
                    bestRows = output;
                }
            }
            boolean cross = best < 0;
            if (cross) {
                for (int i = 0; i < leaves.size(); i++) {
                    if (!joined.contains(i) && (best < 0 || rows[i] < rows[best])) {
                        best = i;
                    }
                }
                bestRows = currentRows * rows[best];
            }
            PlanNode build = leaves.get(best);
            Set<Symbol> buildSymbols = new HashSet<>(build.outputs());
            Set<Symbol> available = new HashSet<>(joinedSymbols);
            available.addAll(buildSymbols);
            List<RowExpression> applicable = new ArrayList<>();
            for (RowExpression conjunct : List.copyOf(remaining)) {
                if (available.containsAll(Expressions.symbols(conjunct))) {
                    applicable.add(conjunct);
                    remaining.remove(conjunct);
                }
            }
            PlanHolder left = new PlanHolder(current);
            PlanHolder right = new PlanHolder(build);
            List<JoinNode.EquiClause> criteria = new ArrayList<>();
            List<RowExpression> residual = new ArrayList<>();
            splitJoinConjuncts(applicable, joinedSymbols, buildSymbols, left, right, criteria, residual);
            current = new JoinNode(JoinType.INNER, left.node, right.node, criteria, residual.isEmpty() ? Optional.empty() : Optional.of(Expressions.and(residual)));
            currentRows = bestRows;
            joined.add(best);
        }
        if (!remaining.isEmpty() || !constant.isEmpty()) {
            List<RowExpression> filters = new ArrayList<>(remaining);
            filters.addAll(constant);
            current = new FilterNode(current, Expressions.and(filters));
        }
        return current;
    }

    /** The equality conjuncts joining two symbol sets directly (symbol = symbol), as key pairs. */
    private static void equiKeys(Set<Symbol> left, Set<Symbol> right, List<RowExpression> conjuncts, List<Symbol> leftKeys, List<Symbol> rightKeys)
    {
        for (RowExpression conjunct : conjuncts) {
            if (conjunct instanceof io.trawl.engine.expression.Call call && call.function() == Function.EQUAL
                    && call.argument(0) instanceof Variable a && call.argument(1) instanceof Variable b) {
                if (left.contains(a.symbol()) && right.contains(b.symbol())) {
                    leftKeys.add(a.symbol());
                    rightKeys.add(b.symbol());
                }
                else if (left.contains(b.symbol()) && right.contains(a.symbol())) {
                    leftKeys.add(b.symbol());
                    rightKeys.add(a.symbol());
                }
            }
            else if (conjunct instanceof io.trawl.engine.expression.Call call && call.function() == Function.EQUAL) {
                Set<Symbol> a = Expressions.symbols(call.argument(0));
                Set<Symbol> b = Expressions.symbols(call.argument(1));
                if (!a.isEmpty() && !b.isEmpty() && (left.containsAll(a) && right.containsAll(b) || left.containsAll(b) && right.containsAll(a))) {
                    // an equality over expressions: connected, but without a column to estimate from
                    leftKeys.add(left.containsAll(a) ? a.iterator().next() : b.iterator().next());
                    rightKeys.add(left.containsAll(a) ? b.iterator().next() : a.iterator().next());
                }
            }
        }
    }

    // ---------------------------------------------------------------- subqueries

    private static boolean isSubqueryPredicate(Expression expression)
    {
        Expression inner = expression instanceof NotExpression not ? not.getValue() : expression;
        if (inner instanceof ExistsPredicate) {
            return true;
        }
        return inner instanceof Predicated predicated && predicated.getPredicate() instanceof InPredicate in && in.getValueList() instanceof SubqueryExpression;
    }

    private static boolean containsSubquery(Node node)
    {
        if (node instanceof SubqueryExpression || node instanceof ExistsPredicate) {
            return true;
        }
        for (Node child : node.getChildren()) {
            if (containsSubquery(child)) {
                return true;
            }
        }
        return false;
    }

    /** A semi or anti join that filters a plan by a subquery predicate. */
    private record SemiJoin(JoinType type, PlanNode right, List<RowExpression> leftKeys, List<Symbol> rightKeys, Optional<RowExpression> filter, Set<Symbol> leftSymbols)
    {
        PlanNode apply(PlanNode left, SymbolAllocator allocator, Estimates estimates)
        {
            PlanHolder holder = new PlanHolder(left);
            List<JoinNode.EquiClause> criteria = new ArrayList<>();
            for (int i = 0; i < leftKeys.size(); i++) {
                criteria.add(new JoinNode.EquiClause(holder.symbolFor(leftKeys.get(i), allocator), rightKeys.get(i)));
            }
            boolean flippable = (type == JoinType.SEMI || type == JoinType.ANTI) && !criteria.isEmpty();
            if (flippable && estimates.rows(holder.node) * 4 < estimates.rows(right)) {
                // build the hash table over the few rows being filtered and stream the subquery's many rows
                List<JoinNode.EquiClause> swapped = criteria.stream().map(clause -> new JoinNode.EquiClause(clause.right(), clause.left())).toList();
                return new JoinNode(type == JoinType.SEMI ? JoinType.RIGHT_SEMI : JoinType.RIGHT_ANTI, right, holder.node, swapped, filter);
            }
            return new JoinNode(type, holder.node, right, criteria, filter);
        }
    }

    private SemiJoin planSemiJoin(Expression predicate, Scope scope)
    {
        boolean negated = false;
        Expression inner = predicate;
        if (inner instanceof NotExpression not) {
            negated = true;
            inner = not.getValue();
        }
        if (inner instanceof ExistsPredicate exists) {
            Query query = ((SubqueryExpression) exists.getSubquery()).getQuery();
            return planExists(query, scope, negated, exists);
        }
        Predicated predicated = (Predicated) inner;
        InPredicate in = (InPredicate) predicated.getPredicate();
        negated ^= in.isNegated();
        Set<Symbol> outerReferences = new HashSet<>();
        RowExpression value = translator(scope, Map.of(), new PlanHolder(null), outerReferences).translate(predicated.getValue());
        Query query = ((SubqueryExpression) in.getValueList()).getQuery();
        RelationPlan subquery = planQuery(query, Optional.of(scope));
        List<Field> visible = subquery.scope().fields().stream().filter(field -> !field.hidden()).toList();
        if (visible.size() != 1) {
            throw new TrawlException(ErrorCode.TYPE_MISMATCH, Locations.prefix(in) + "IN subquery must return exactly one column, but returns " + visible.size());
        }
        if (!freeSymbols(subquery.root()).isEmpty()) {
            if (negated) {
                throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(in) + "Correlated NOT IN subqueries are not supported; use NOT EXISTS");
            }
            // x IN (SELECT y FROM t WHERE corr)  ≡  EXISTS (SELECT 1 FROM t WHERE corr AND y = x)
            return planCorrelatedIn(query, value, scope, in);
        }
        Symbol rightSymbol = visible.getFirst().symbol();
        Type common = TypeCoercion.commonSuperType(value.type(), rightSymbol.type()).orElseThrow(() -> Expressions.typeError(
                Locations.prefix(in) + "Value and result of subquery must be of the same type for IN expression: %s vs %s".formatted(value.type().getDisplayName(), rightSymbol.type().getDisplayName())));
        PlanHolder right = new PlanHolder(subquery.root());
        Symbol rightKey = right.symbolFor(coerce(new Variable(rightSymbol), common), symbols);
        Set<Symbol> leftSymbols = Expressions.symbols(value);
        return new SemiJoin(negated ? JoinType.NULL_AWARE_ANTI : JoinType.SEMI, right.node, List.of(coerce(value, common)), List.of(rightKey), Optional.empty(), leftSymbols);
    }

    private SemiJoin planCorrelatedIn(Query query, RowExpression value, Scope scope, Node node)
    {
        QuerySpecification specification = simpleSpecification(query, node);
        FromWhere fromWhere = planFromWhere(specification, Optional.of(scope));
        if (specification.getSelect().getSelectItems().size() != 1 || !(specification.getSelect().getSelectItems().getFirst() instanceof SingleColumn column)) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(node) + "Correlated IN subquery must select one expression");
        }
        RowExpression selected = translator(fromWhere.scope(), Map.of(), new PlanHolder(fromWhere.root()), new HashSet<>()).translate(column.getExpression());
        Type common = TypeCoercion.commonSuperType(value.type(), selected.type()).orElseThrow(() -> Expressions.typeError(Locations.prefix(node) + "IN value and subquery types differ"));
        List<RowExpression> correlated = new ArrayList<>(fromWhere.correlated());
        correlated.add(Expressions.call(Function.EQUAL, BOOLEAN, coerce(value, common), coerce(selected, common)));
        return semiJoinFromCorrelation(JoinType.SEMI, fromWhere.root(), correlated, scope, node);
    }

    private SemiJoin planExists(Query query, Scope scope, boolean negated, Node node)
    {
        QuerySpecification specification = simpleSpecification(query, node);
        FromWhere fromWhere = planFromWhere(specification, Optional.of(scope));
        return semiJoinFromCorrelation(negated ? JoinType.ANTI : JoinType.SEMI, fromWhere.root(), fromWhere.correlated(), scope, node);
    }

    private SemiJoin semiJoinFromCorrelation(JoinType type, PlanNode inner, List<RowExpression> correlated, Scope scope, Node node)
    {
        Set<Symbol> outerSymbols = new HashSet<>();
        scope.fields().forEach(field -> outerSymbols.add(field.symbol()));
        Set<Symbol> innerSymbols = new HashSet<>(inner.outputs());
        PlanHolder right = new PlanHolder(inner);
        List<RowExpression> leftKeys = new ArrayList<>();
        List<Symbol> rightKeys = new ArrayList<>();
        List<RowExpression> filters = new ArrayList<>();
        Set<Symbol> leftSymbols = new HashSet<>();
        for (RowExpression term : correlated) {
            Set<Symbol> used = Expressions.symbols(term);
            for (Symbol symbol : used) {
                if (outerSymbols.contains(symbol)) {
                    leftSymbols.add(symbol);
                }
                else if (!innerSymbols.contains(symbol)) {
                    throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(node) + "Subqueries correlated with more than one enclosing query are not supported");
                }
            }
            if (term instanceof io.trawl.engine.expression.Call call && call.function() == Function.EQUAL) {
                Set<Symbol> a = Expressions.symbols(call.argument(0));
                Set<Symbol> b = Expressions.symbols(call.argument(1));
                if (!a.isEmpty() && !b.isEmpty() && outerSymbols.containsAll(a) && innerSymbols.containsAll(b)) {
                    leftKeys.add(call.argument(0));
                    rightKeys.add(right.symbolFor(call.argument(1), symbols));
                    continue;
                }
                if (!a.isEmpty() && !b.isEmpty() && outerSymbols.containsAll(b) && innerSymbols.containsAll(a)) {
                    leftKeys.add(call.argument(1));
                    rightKeys.add(right.symbolFor(call.argument(0), symbols));
                    continue;
                }
            }
            filters.add(term);
        }
        if (!freeSymbols(inner).isEmpty()) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(node) + "This form of correlated subquery is not supported");
        }
        return new SemiJoin(type, right.node, leftKeys, rightKeys, filters.isEmpty() ? Optional.empty() : Optional.of(Expressions.and(filters)), leftSymbols);
    }

    private static QuerySpecification simpleSpecification(Query query, Node node)
    {
        if (query.getWith().isPresent() || !(query.getQueryBody() instanceof QuerySpecification specification)) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(node) + "Correlated subqueries must be a simple SELECT ... FROM ... WHERE");
        }
        if (specification.getGroupBy().isPresent() || specification.getHaving().isPresent() || specification.getLimit().isPresent() || query.getLimit().isPresent()) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(node) + "Correlated EXISTS/IN subqueries with GROUP BY, HAVING or LIMIT are not supported");
        }
        return specification;
    }

    private RowExpression scalarSubquery(SubqueryExpression subquery, Scope scope, PlanHolder holder)
    {
        if (holder.node == null) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(subquery) + "Subqueries are not supported here");
        }
        Query query = subquery.getQuery();
        RelationPlan plan = planQuery(query, Optional.of(scope));
        List<Field> visible = plan.scope().fields().stream().filter(field -> !field.hidden()).toList();
        if (visible.size() != 1) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(subquery) + "Scalar subquery must return exactly one column, but returns " + visible.size());
        }
        if (freeSymbols(plan.root()).isEmpty()) {
            holder.node = new JoinNode(JoinType.INNER, holder.node, new EnforceSingleRowNode(plan.root()), List.of(), Optional.empty());
            return new Variable(visible.getFirst().symbol());
        }
        if (query.getWith().isPresent() || !(query.getQueryBody() instanceof QuerySpecification specification)
                || specification.getGroupBy().isPresent() || !hasAggregates(specification)) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(subquery) + "Correlated scalar subqueries are supported when they compute an aggregate without GROUP BY");
        }
        if (usesCount(specification)) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(subquery) + "Correlated scalar subqueries using count are not supported");
        }
        FromWhere fromWhere = planFromWhere(specification, Optional.of(scope));
        Set<Symbol> outerSymbols = new HashSet<>();
        scope.fields().forEach(field -> outerSymbols.add(field.symbol()));
        Set<Symbol> innerSymbols = new HashSet<>(fromWhere.root().outputs());
        List<RowExpression> outerKeys = new ArrayList<>();
        List<RowExpression> innerKeys = new ArrayList<>();
        for (RowExpression term : fromWhere.correlated()) {
            if (term instanceof io.trawl.engine.expression.Call call && call.function() == Function.EQUAL) {
                Set<Symbol> a = Expressions.symbols(call.argument(0));
                Set<Symbol> b = Expressions.symbols(call.argument(1));
                if (!a.isEmpty() && !b.isEmpty() && outerSymbols.containsAll(a) && innerSymbols.containsAll(b)) {
                    outerKeys.add(call.argument(0));
                    innerKeys.add(call.argument(1));
                    continue;
                }
                if (!a.isEmpty() && !b.isEmpty() && outerSymbols.containsAll(b) && innerSymbols.containsAll(a)) {
                    outerKeys.add(call.argument(1));
                    innerKeys.add(call.argument(0));
                    continue;
                }
            }
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(subquery) + "Correlated scalar subqueries support only equality correlations, not: " + term);
        }
        if (!freeSymbols(fromWhere.root()).isEmpty()) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(subquery) + "This form of correlated subquery is not supported");
        }
        fromWhere = new FromWhere(restrictToOuterKeys(fromWhere.root(), holder.node, outerKeys, innerKeys), fromWhere.scope(), fromWhere.correlated());
        SelectPlan select = planSelect(specification, fromWhere, innerKeys, Optional.empty(), Optional.empty(), Optional.empty());
        List<JoinNode.EquiClause> criteria = new ArrayList<>();
        for (int i = 0; i < outerKeys.size(); i++) {
            RowExpression outerKey = outerKeys.get(i);
            Symbol innerKey = select.groupKeys().get(i);
            Type common = TypeCoercion.commonSuperType(outerKey.type(), innerKey.type()).orElseThrow();
            PlanHolder inner = new PlanHolder(select.relation().root());
            Symbol innerSymbol = inner.symbolFor(coerce(new Variable(innerKey), common), symbols);
            select = new SelectPlan(new RelationPlan(inner.node, select.relation().scope()), select.groupKeys());
            criteria.add(new JoinNode.EquiClause(holder.symbolFor(coerce(outerKey, common), symbols), innerSymbol));
        }
        holder.node = new JoinNode(JoinType.LEFT, holder.node, select.relation().root(), criteria, Optional.empty());
        List<Field> fields = select.relation().scope().fields().stream().filter(field -> !field.hidden()).toList();
        return new Variable(fields.getFirst().symbol());
    }

    /**
     * Aggregates the subquery only for the keys the outer query can ask for: when a correlation key comes
     * from a small filtered relation of the outer query (TPC-H Q17: the ~0.1% of parts of one brand and
     * container), the subquery's rows are first semi-joined with that relation, so the aggregate covers
     * those keys instead of every key (a magic-set reduction). The relation is read twice; it is small.
     */
    private PlanNode restrictToOuterKeys(PlanNode inner, PlanNode outer, List<RowExpression> outerKeys, List<RowExpression> innerKeys)
    {
        PlanNode restricted = inner;
        for (int i = 0; i < outerKeys.size(); i++) {
            if (!(outerKeys.get(i) instanceof Variable outerKey)) {
                continue;
            }
            Optional<PlanNode> source = simpleScanProducing(outer, outerKey.symbol());
            if (source.isEmpty() || estimates.rows(source.get()) * 10 >= estimates.rows(restricted)) {
                continue;
            }
            Type common = TypeCoercion.commonSuperType(outerKey.type(), innerKeys.get(i).type()).orElse(null);
            if (common == null) {
                continue;
            }
            PlanHolder probe = new PlanHolder(restricted);
            PlanHolder build = new PlanHolder(source.get());
            Symbol probeKey = probe.symbolFor(coerce(innerKeys.get(i), common), symbols);
            Symbol buildKey = build.symbolFor(coerce(outerKey, common), symbols);
            restricted = new JoinNode(JoinType.SEMI, probe.node, build.node, List.of(new JoinNode.EquiClause(probeKey, buildKey)), Optional.empty());
        }
        return restricted;
    }

    /** The filtered scan (no joins) inside {@code node} that produces {@code symbol}, if there is one. */
    private static Optional<PlanNode> simpleScanProducing(PlanNode node, Symbol symbol)
    {
        if (!node.outputs().contains(symbol)) {
            return Optional.empty();
        }
        if (isSimpleScan(node)) {
            return Optional.of(node);
        }
        for (PlanNode source : node.sources()) {
            Optional<PlanNode> found = simpleScanProducing(source, symbol);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean isSimpleScan(PlanNode node)
    {
        return switch (node) {
            case TableScanNode _ -> true;
            case FilterNode filter -> isSimpleScan(filter.source());
            case ProjectNode project -> isSimpleScan(project.source());
            default -> false;
        };
    }

    private static boolean usesCount(QuerySpecification specification)
    {
        List<FunctionCall> calls = new ArrayList<>();
        specification.getSelect().getSelectItems().forEach(item -> collectFunctionCalls(item, calls));
        return calls.stream().anyMatch(call -> call.getName().getSuffix().equalsIgnoreCase("count") || call.getName().getSuffix().equalsIgnoreCase("count_if"));
    }

    private static void collectFunctionCalls(Node node, List<FunctionCall> calls)
    {
        if (node instanceof SubqueryExpression) {
            return;
        }
        if (node instanceof FunctionCall call) {
            calls.add(call);
        }
        node.getChildren().forEach(child -> collectFunctionCalls(child, calls));
    }

    /** Symbols a plan references but does not produce: the correlations to enclosing queries. */
    static Set<Symbol> freeSymbols(PlanNode root)
    {
        Set<Symbol> referenced = new HashSet<>();
        Set<Symbol> produced = new HashSet<>();
        collectSymbols(root, referenced, produced);
        referenced.removeAll(produced);
        return referenced;
    }

    private static void collectSymbols(PlanNode node, Set<Symbol> referenced, Set<Symbol> produced)
    {
        produced.addAll(node.outputs());
        switch (node) {
            case FilterNode filter -> referenced.addAll(Expressions.symbols(filter.predicate()));
            case ProjectNode project -> project.assignments().forEach(assignment -> referenced.addAll(Expressions.symbols(assignment.expression())));
            case AggregationNode aggregation -> {
                referenced.addAll(aggregation.groupingKeys());
                aggregation.aggregates().forEach(aggregate -> {
                    aggregate.argument().ifPresent(referenced::add);
                    aggregate.mask().ifPresent(referenced::add);
                });
            }
            case JoinNode join -> {
                join.criteria().forEach(clause -> {
                    referenced.add(clause.left());
                    referenced.add(clause.right());
                });
                join.filter().ifPresent(filter -> referenced.addAll(Expressions.symbols(filter)));
            }
            case ValuesNode values -> values.rows().forEach(row -> row.forEach(value -> referenced.addAll(Expressions.symbols(value))));
            default -> {}
        }
        for (PlanNode source : node.sources()) {
            collectSymbols(source, referenced, produced);
        }
    }

    // ---------------------------------------------------------------- SELECT

    private record SelectPlan(RelationPlan relation, List<Symbol> groupKeys) {}

    private SelectPlan planSpecification(QuerySpecification specification, Optional<Scope> outer, Optional<OrderBy> orderBy, Optional<Offset> offset, Optional<Node> limit, List<RowExpression> extraKeys)
    {
        FromWhere fromWhere = planFromWhere(specification, outer);
        PlanNode root = fromWhere.root();
        if (!fromWhere.correlated().isEmpty()) {
            // left in place: the enclosing planner sees the free symbols and decorrelates, or reports the form as unsupported
            root = new FilterNode(root, Expressions.and(fromWhere.correlated()));
        }
        return planSelect(specification, new FromWhere(root, fromWhere.scope(), List.of()), extraKeys, orderBy, offset, limit);
    }

    private record SelectEntry(Optional<Expression> expression, Optional<Symbol> symbol, Optional<String> name) {}

    private SelectPlan planSelect(QuerySpecification specification, FromWhere fromWhere, List<RowExpression> extraKeys, Optional<OrderBy> orderBy, Optional<Offset> offset, Optional<Node> limit)
    {
        Scope scope = fromWhere.scope();
        List<SelectEntry> entries = expandSelect(specification, scope);
        List<FunctionCall> aggregateCalls = new ArrayList<>();
        List<FunctionCall> windowCalls = new ArrayList<>();
        for (SelectEntry entry : entries) {
            entry.expression().ifPresent(expression -> collectCalls(expression, aggregateCalls, windowCalls));
        }
        specification.getHaving().ifPresent(having -> collectCalls(having, aggregateCalls, windowCalls));
        orderBy.ifPresent(order -> order.getSortItems().forEach(item -> collectCalls(item.getSortKey(), aggregateCalls, windowCalls)));

        List<Expression> groupingExpressions = groupingExpressions(specification, entries);
        boolean aggregated = !aggregateCalls.isEmpty() || specification.getGroupBy().isPresent() || specification.getHaving().isPresent() || !extraKeys.isEmpty();

        Map<Expression, Symbol> substitutions = new HashMap<>();
        PlanHolder holder = new PlanHolder(fromWhere.root());
        Set<Symbol> outerReferences = new HashSet<>();
        List<Symbol> groupKeys = new ArrayList<>();
        List<Symbol> extraKeySymbols = new ArrayList<>();
        if (aggregated) {
            ExpressionTranslator source = translator(scope, Map.of(), holder, outerReferences);
            List<Assignment> computed = new ArrayList<>();
            for (Expression grouping : groupingExpressions) {
                Symbol key = symbolFor(source.translate(grouping), computed, "group");
                substitutions.put(grouping, key);
                if (!groupKeys.contains(key)) {
                    groupKeys.add(key);
                }
            }
            for (RowExpression extra : extraKeys) {
                Symbol key = symbolFor(extra, computed, "corr");
                extraKeySymbols.add(key);
                if (!groupKeys.contains(key)) {
                    groupKeys.add(key);
                }
            }
            List<Aggregate> aggregates = new ArrayList<>();
            Map<FunctionCall, Symbol> seen = new LinkedHashMap<>();
            for (FunctionCall call : aggregateCalls) {
                if (seen.containsKey(call)) {
                    continue;
                }
                Aggregate aggregate = planAggregate(call, source, computed);
                aggregates.add(aggregate);
                seen.put(call, aggregate.output());
                substitutions.put(call, aggregate.output());
            }
            if (!computed.isEmpty()) {
                List<Assignment> assignments = new ArrayList<>();
                holder.node.outputs().forEach(output -> assignments.add(new Assignment(output, new Variable(output))));
                assignments.addAll(computed);
                holder.node = new ProjectNode(holder.node, assignments);
            }
            holder.node = new AggregationNode(holder.node, groupKeys, aggregates);
            if (specification.getHaving().isPresent()) {
                ExpressionTranslator post = translator(scope, substitutions, holder, outerReferences);
                Set<Symbol> allowed = new HashSet<>(holder.node.outputs());
                RowExpression having = post.translate(specification.getHaving().get());
                requireBoolean(having, specification.getHaving().get());
                checkGrouped(having, holder, allowed, specification.getHaving().get());
                holder.node = new FilterNode(holder.node, having);
            }
        }
        Set<Symbol> allowed = aggregated ? new HashSet<>(holder.node.outputs()) : null;

        for (FunctionCall window : windowCalls) {
            if (!substitutions.containsKey(window)) {
                substitutions.put(window, planWindow(window, scope, substitutions, holder, outerReferences));
            }
        }
        if (allowed != null) {
            windowCalls.forEach(window -> allowed.add(substitutions.get(window)));
        }

        ExpressionTranslator translator = translator(scope, substitutions, holder, outerReferences);
        List<Assignment> assignments = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        Set<Symbol> assigned = new HashSet<>();
        Map<Expression, Symbol> selectSymbols = new HashMap<>();
        List<Symbol> selectOutputs = new ArrayList<>();
        for (SelectEntry entry : entries) {
            RowExpression value = entry.symbol().<RowExpression>map(Variable::new).orElseGet(() -> translator.translate(entry.expression().orElseThrow()));
            if (allowed != null && entry.expression().isPresent()) {
                checkGrouped(value, holder, allowed, entry.expression().get());
            }
            Symbol symbol = value instanceof Variable variable && !assigned.contains(variable.symbol())
                    ? variable.symbol()
                    : symbols.newSymbol(entry.name().orElse("expr"), TypeCoercion.isUnknown(value.type()) ? BOOLEAN : value.type());
            if (TypeCoercion.isUnknown(value.type())) {
                value = coerce(value, BOOLEAN);
            }
            assigned.add(symbol);
            assignments.add(new Assignment(symbol, value));
            fields.add(new Field(Optional.empty(), entry.name(), symbol, false));
            selectOutputs.add(symbol);
            entry.expression().ifPresent(expression -> selectSymbols.putIfAbsent(expression, symbol));
        }
        for (Symbol key : extraKeySymbols) {
            if (assigned.add(key)) {
                assignments.add(new Assignment(key, new Variable(key)));
                fields.add(new Field(Optional.empty(), Optional.empty(), key, true));
            }
        }

        List<Ordering> orderings = new ArrayList<>();
        if (orderBy.isPresent()) {
            Map<Expression, Symbol> orderSubstitutions = new HashMap<>(substitutions);
            orderSubstitutions.putAll(selectSymbols);
            ExpressionTranslator orderTranslator = translator(scope, orderSubstitutions, holder, outerReferences);
            for (SortItem item : orderBy.get().getSortItems()) {
                Symbol key = resolveOrderKey(item.getSortKey(), entries, selectOutputs).orElse(null);
                if (key == null) {
                    RowExpression value = orderTranslator.translate(item.getSortKey());
                    if (allowed != null) {
                        checkGrouped(value, holder, allowed, item.getSortKey());
                    }
                    if (value instanceof Variable variable && assigned.contains(variable.symbol())) {
                        key = variable.symbol();
                    }
                    else {
                        if (specification.getSelect().isDistinct()) {
                            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(item) + "For SELECT DISTINCT, ORDER BY expressions must appear in select list");
                        }
                        key = value instanceof Variable variable ? variable.symbol() : symbols.newSymbol("sort", value.type());
                        assigned.add(key);
                        assignments.add(new Assignment(key, value));
                        fields.add(new Field(Optional.empty(), Optional.empty(), key, true));
                    }
                }
                orderings.add(new Ordering(key, sortOrder(item)));
            }
        }
        if (!outerReferences.isEmpty() && fromWhere.root() == holder.node) {
            // correlated references in the select list stay free symbols; the enclosing planner reports them
        }
        PlanNode root = new ProjectNode(holder.node, assignments);
        if (specification.getSelect().isDistinct()) {
            root = new AggregationNode(root, new ArrayList<>(new LinkedHashSet<>(root.outputs())), List.of());
        }
        if (!orderings.isEmpty()) {
            root = new SortNode(root, orderings);
        }
        root = applyLimit(root, offset, limit);
        return new SelectPlan(new RelationPlan(root, Scope.of(fields)), extraKeySymbols);
    }

    private Symbol symbolFor(RowExpression expression, List<Assignment> computed, String hint)
    {
        if (expression instanceof Variable variable) {
            return variable.symbol();
        }
        for (Assignment assignment : computed) {
            if (assignment.expression().equals(expression)) {
                return assignment.symbol();
            }
        }
        Symbol symbol = symbols.newSymbol(hint, expression.type());
        computed.add(new Assignment(symbol, expression));
        return symbol;
    }

    private static void checkGrouped(RowExpression value, PlanHolder holder, Set<Symbol> allowed, Expression node)
    {
        Set<Symbol> available = new HashSet<>(allowed);
        available.addAll(holder.node.outputs());
        for (Symbol symbol : Expressions.symbols(value)) {
            if (!available.contains(symbol)) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(node) + "'" + ExpressionFormatter.formatExpression(node)
                        + "' must be an aggregate expression or appear in GROUP BY clause");
            }
        }
    }

    private Optional<Symbol> resolveOrderKey(Expression key, List<SelectEntry> entries, List<Symbol> outputs)
    {
        if (key instanceof LongLiteral literal) {
            long ordinal = literal.getParsedValue();
            if (ordinal < 1 || ordinal > outputs.size()) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(key) + "ORDER BY position " + ordinal + " is not in select list");
            }
            return Optional.of(outputs.get((int) ordinal - 1));
        }
        if (key instanceof Identifier identifier) {
            String name = identifier.getValue().toLowerCase(Locale.ROOT);
            Symbol found = null;
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).name().isPresent() && entries.get(i).name().get().equals(name)) {
                    if (found != null && !found.equals(outputs.get(i))) {
                        throw new TrawlException(ErrorCode.AMBIGUOUS_NAME, Locations.prefix(key) + "'" + name + "' in ORDER BY is ambiguous");
                    }
                    found = outputs.get(i);
                }
            }
            return Optional.ofNullable(found);
        }
        return Optional.empty();
    }

    private List<SelectEntry> expandSelect(QuerySpecification specification, Scope scope)
    {
        List<SelectEntry> entries = new ArrayList<>();
        for (SelectItem item : specification.getSelect().getSelectItems()) {
            switch (item) {
                case AllColumns all -> {
                    Optional<String> qualifier = all.getTarget().map(target -> ExpressionFormatter.formatExpression(target).replace("\"", "").toLowerCase(Locale.ROOT));
                    if (qualifier.isPresent() && qualifier.get().contains(".")) {
                        qualifier = Optional.of(qualifier.get().substring(qualifier.get().lastIndexOf('.') + 1));
                    }
                    boolean any = false;
                    for (Field field : scope.fields()) {
                        if (field.hidden() || qualifier.isPresent() && !field.relation().equals(qualifier)) {
                            continue;
                        }
                        entries.add(new SelectEntry(Optional.empty(), Optional.of(field.symbol()), field.name()));
                        any = true;
                    }
                    if (!any && qualifier.isPresent()) {
                        throw new TrawlException(ErrorCode.TABLE_NOT_FOUND, Locations.prefix(all) + "Unable to resolve reference " + qualifier.get() + ".*");
                    }
                }
                case SingleColumn column -> {
                    Optional<String> name = column.getAlias().map(alias -> alias.getValue().toLowerCase(Locale.ROOT));
                    if (name.isEmpty()) {
                        name = switch (column.getExpression()) {
                            case Identifier identifier -> Optional.of(identifier.getValue().toLowerCase(Locale.ROOT));
                            case DereferenceExpression dereference -> dereference.getField().map(field -> field.getValue().toLowerCase(Locale.ROOT));
                            default -> Optional.empty();
                        };
                    }
                    entries.add(new SelectEntry(Optional.of(column.getExpression()), Optional.empty(), name));
                }
                default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(item) + "Unsupported select item");
            }
        }
        return entries;
    }

    private static List<Expression> groupingExpressions(QuerySpecification specification, List<SelectEntry> entries)
    {
        List<Expression> expressions = new ArrayList<>();
        if (specification.getGroupBy().isEmpty()) {
            return expressions;
        }
        GroupBy groupBy = specification.getGroupBy().get();
        for (GroupingElement element : groupBy.getGroupingElements()) {
            if (!(element instanceof SimpleGroupBy simple)) {
                throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(element) + "GROUPING SETS, CUBE and ROLLUP are not supported");
            }
            for (Expression expression : simple.getExpressions()) {
                if (expression instanceof LongLiteral literal) {
                    long ordinal = literal.getParsedValue();
                    if (ordinal < 1 || ordinal > entries.size() || entries.get((int) ordinal - 1).expression().isEmpty()) {
                        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(expression) + "GROUP BY position " + ordinal + " is not in select list");
                    }
                    expressions.add(entries.get((int) ordinal - 1).expression().get());
                }
                else {
                    expressions.add(expression);
                }
            }
        }
        return expressions;
    }

    private static void collectCalls(Node node, List<FunctionCall> aggregates, List<FunctionCall> windows)
    {
        if (node instanceof SubqueryExpression || node instanceof ExistsPredicate) {
            return;
        }
        if (node instanceof FunctionCall call) {
            if (call.getWindow().isPresent()) {
                windows.add(call);
                call.argumentValues().forEach(argument -> collectCalls(argument, aggregates, windows));
                return;
            }
            if (AggregateFunctions.isAggregate(call.getName().getSuffix().toLowerCase(Locale.ROOT))) {
                List<FunctionCall> nested = new ArrayList<>();
                call.argumentValues().forEach(argument -> collectCalls(argument, nested, new ArrayList<>()));
                if (!nested.isEmpty()) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(call) + "Cannot nest aggregations inside aggregation '" + call.getName() + "'");
                }
                aggregates.add(call);
                return;
            }
        }
        node.getChildren().forEach(child -> collectCalls(child, aggregates, windows));
    }

    private static boolean hasAggregates(QuerySpecification specification)
    {
        List<FunctionCall> aggregates = new ArrayList<>();
        specification.getSelect().getSelectItems().forEach(item -> collectCalls(item, aggregates, new ArrayList<>()));
        return !aggregates.isEmpty();
    }

    private Aggregate planAggregate(FunctionCall call, ExpressionTranslator source, List<Assignment> computed)
    {
        String name = call.getName().getSuffix().toLowerCase(Locale.ROOT);
        AggregateFunction function = AggregateFunctions.function(name);
        List<Expression> arguments = call.argumentValues();
        Optional<Symbol> mask = call.getFilter().map(filter -> symbolFor(source.translate(filter), computed, "mask"));
        if (function == AggregateFunction.COUNT && arguments.isEmpty()) {
            return new Aggregate(symbols.newSymbol("count", io.trino.spi.type.BigintType.BIGINT), AggregateFunction.COUNT_ALL, Optional.empty(), false, mask);
        }
        if (arguments.size() != 1) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, Locations.prefix(call) + "Aggregate function '" + name + "' takes one argument");
        }
        RowExpression argument = source.translate(arguments.getFirst());
        if (TypeCoercion.isUnknown(argument.type())) {
            argument = coerce(argument, function == AggregateFunction.COUNT_IF || function == AggregateFunction.BOOL_AND || function == AggregateFunction.BOOL_OR ? BOOLEAN : io.trino.spi.type.BigintType.BIGINT);
        }
        Type argumentType = AggregateFunctions.argumentType(function, argument.type()).orElseThrow();
        if (!argumentType.equals(argument.type())) {
            if ((function == AggregateFunction.COUNT_IF || function == AggregateFunction.BOOL_AND || function == AggregateFunction.BOOL_OR) || !TypeCoercion.isNumeric(argument.type())) {
                throw Expressions.typeError(Locations.prefix(call) + "Cannot apply %s to %s".formatted(name, argument.type().getDisplayName()));
            }
            argument = coerce(argument, argumentType);
        }
        Type resultType = AggregateFunctions.resultType(function, Optional.of(argument.type()), call);
        Symbol input = symbolFor(argument, computed, name + "_arg");
        return new Aggregate(symbols.newSymbol(name, resultType), function, Optional.of(input), call.isDistinct(), mask);
    }

    private Symbol planWindow(FunctionCall call, Scope scope, Map<Expression, Symbol> substitutions, PlanHolder holder, Set<Symbol> outerReferences)
    {
        if (!(call.getWindow().get() instanceof WindowSpecification specification) || specification.getExistingWindowName().isPresent()) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(call) + "Named windows are not supported");
        }
        ExpressionTranslator translator = translator(scope, substitutions, holder, outerReferences);
        List<Assignment> computed = new ArrayList<>();
        List<Symbol> partition = new ArrayList<>();
        for (Expression expression : specification.getPartitionBy()) {
            partition.add(symbolFor(translator.translate(expression), computed, "partition"));
        }
        List<Ordering> orderings = new ArrayList<>();
        if (specification.getOrderBy().isPresent()) {
            for (SortItem item : specification.getOrderBy().get().getSortItems()) {
                orderings.add(new Ordering(symbolFor(translator.translate(item.getSortKey()), computed, "order"), sortOrder(item)));
            }
        }
        String name = call.getName().getSuffix().toLowerCase(Locale.ROOT);
        List<Symbol> arguments = new ArrayList<>();
        List<Type> argumentTypes = new ArrayList<>();
        for (Expression argument : call.argumentValues()) {
            RowExpression value = translator.translate(argument);
            arguments.add(symbolFor(value, computed, "window_arg"));
            argumentTypes.add(value.type());
        }
        Type resultType = switch (name) {
            case "row_number", "rank", "dense_rank", "ntile" -> io.trino.spi.type.BigintType.BIGINT;
            case "percent_rank", "cume_dist" -> io.trino.spi.type.DoubleType.DOUBLE;
            case "lag", "lead", "first_value", "last_value", "nth_value" -> argumentTypes.getFirst();
            case "count" -> io.trino.spi.type.BigintType.BIGINT;
            default -> {
                if (!AggregateFunctions.isAggregate(name)) {
                    throw AggregateFunctions.unsupported(name, call);
                }
                yield AggregateFunctions.resultType(AggregateFunctions.function(name), argumentTypes.isEmpty() ? Optional.empty() : Optional.of(argumentTypes.getFirst()), call);
            }
        };
        if (name.equals("count") && arguments.isEmpty()) {
            name = "count_all";
        }
        WindowNode.Frame frame = frame(specification.getFrame(), !orderings.isEmpty(), call);
        if (!computed.isEmpty()) {
            List<Assignment> assignments = new ArrayList<>();
            holder.node.outputs().forEach(output -> assignments.add(new Assignment(output, new Variable(output))));
            assignments.addAll(computed);
            holder.node = new ProjectNode(holder.node, assignments);
        }
        Symbol output = symbols.newSymbol(name, resultType);
        holder.node = new WindowNode(holder.node, partition, orderings, List.of(new WindowNode.Function(output, name, arguments, frame, !orderings.isEmpty())));
        return output;
    }

    private static WindowNode.Frame frame(Optional<WindowFrame> frame, boolean ordered, Node node)
    {
        if (frame.isEmpty()) {
            return ordered
                    ? new WindowNode.Frame(WindowNode.FrameUnit.RANGE, WindowNode.BoundType.UNBOUNDED_PRECEDING, Optional.empty(), WindowNode.BoundType.CURRENT_ROW, Optional.empty())
                    : new WindowNode.Frame(WindowNode.FrameUnit.RANGE, WindowNode.BoundType.UNBOUNDED_PRECEDING, Optional.empty(), WindowNode.BoundType.UNBOUNDED_FOLLOWING, Optional.empty());
        }
        WindowFrame value = frame.get();
        if (value.getType() == WindowFrame.Type.GROUPS) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(node) + "GROUPS frames are not supported");
        }
        WindowNode.FrameUnit unit = value.getType() == WindowFrame.Type.ROWS ? WindowNode.FrameUnit.ROWS : WindowNode.FrameUnit.RANGE;
        FrameBound start = value.getStart();
        FrameBound end = value.getEnd().orElse(new FrameBound(start.getLocation().orElse(new io.trino.sql.tree.NodeLocation(1, 1)), FrameBound.Type.CURRENT_ROW));
        return new WindowNode.Frame(unit, boundType(start), boundOffset(start), boundType(end), boundOffset(end));
    }

    private static WindowNode.BoundType boundType(FrameBound bound)
    {
        return WindowNode.BoundType.valueOf(bound.getType().name());
    }

    private static Optional<Long> boundOffset(FrameBound bound)
    {
        return bound.getValue().map(value -> {
            if (value instanceof LongLiteral literal) {
                return literal.getParsedValue();
            }
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, Locations.prefix(value) + "Window frame offsets must be integer constants");
        });
    }

    private ExpressionTranslator translator(Scope scope, Map<Expression, Symbol> substitutions, PlanHolder holder, Set<Symbol> outerReferences)
    {
        return new ExpressionTranslator(scope, substitutions, subquery -> scalarSubquery(subquery, scope, holder), outerReferences, currentDate);
    }
}
