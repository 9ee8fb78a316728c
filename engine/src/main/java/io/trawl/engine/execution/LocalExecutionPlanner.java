package io.trawl.engine.execution;

import io.trawl.engine.analyzer.Expressions;
import io.trawl.engine.expression.CompiledExpression;
import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.expression.Variable;
import io.trawl.engine.operator.EnforceSingleRowOperator;
import io.trawl.engine.operator.HashAggregationOperator;
import io.trawl.engine.operator.HashJoinOperator;
import io.trawl.engine.operator.LimitOperator;
import io.trawl.engine.operator.MemoryBudget;
import io.trawl.engine.operator.Operator;
import io.trawl.engine.operator.OrderByOperator;
import io.trawl.engine.operator.PageFilter;
import io.trawl.engine.operator.SetOperationOperator;
import io.trawl.engine.operator.TopNOperator;
import io.trawl.engine.operator.UnionAllOperator;
import io.trawl.engine.operator.ValuesOperator;
import io.trawl.engine.operator.aggregate.AggregateCall;
import io.trawl.engine.operator.window.Frame;
import io.trawl.engine.operator.window.WindowFunctionCall;
import io.trawl.engine.operator.window.WindowOperator;
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
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.plan.TopNNode;
import io.trawl.engine.plan.UnionNode;
import io.trawl.engine.plan.ValuesNode;
import io.trawl.engine.plan.WindowNode;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.connector.SortOrder;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/** Turns an optimized logical plan into a tree of operators; each operator's output layout is its node's outputs. */
public final class LocalExecutionPlanner
{
    private final ScanProvider scanProvider;
    private final ByteMeter meter;
    private final MemoryBudget memory;
    private final Semaphore workerSlots;
    private final java.util.Queue<io.trawl.engine.TaskStats> taskStats = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final PartitionSource partitions;
    private final Optional<RemoteScans> remote;
    private final io.trawl.engine.QueryControl control;

    public LocalExecutionPlanner(ScanProvider scanProvider, ByteMeter meter, MemoryBudget memory, int scanThreads)
    {
        this(scanProvider, meter, memory, scanThreads, PartitionSource.DISCOVER);
    }

    public LocalExecutionPlanner(ScanProvider scanProvider, ByteMeter meter, MemoryBudget memory, int scanThreads, PartitionSource partitions)
    {
        this(scanProvider, meter, memory, scanThreads, partitions, Optional.empty(), io.trawl.engine.QueryControl.create());
    }

    /**
     * @param remote when present, scans and the work that can travel with them (filters, projections, partial
     * aggregation, partial top-N and limits) run as serialized tasks on that runner; joins, final aggregations
     * and everything else run here. Fragments the protocol cannot carry run in process as before.
     * @param control the query's cancellation, which every scan polls
     */
    public LocalExecutionPlanner(ScanProvider scanProvider, ByteMeter meter, MemoryBudget memory, int scanThreads, PartitionSource partitions, Optional<RemoteScans> remote,
            io.trawl.engine.QueryControl control)
    {
        this.control = java.util.Objects.requireNonNull(control, "control is null");
        this.partitions = partitions;
        this.scanProvider = scanProvider;
        this.meter = meter;
        this.memory = memory;
        this.workerSlots = new Semaphore(Math.max(1, scanThreads));
        this.remote = java.util.Objects.requireNonNull(remote, "remote is null");
    }

    /** Statistics of every scan task that has finished so far. */
    public List<io.trawl.engine.TaskStats> taskStats()
    {
        return List.copyOf(taskStats);
    }

    public Operator plan(PlanNode node)
    {
        if (remote.isPresent()) {
            Optional<Operator> shipped = shipped(node);
            if (shipped.isPresent()) {
                return shipped.get();
            }
        }
        Optional<Fragment> fragment = remote.isPresent() && !isScanChain(node) ? Optional.empty() : fragment(node);
        if (fragment.isPresent()) {
            return scanOperator(fragment.get());
        }
        return switch (node) {
            case OutputNode output -> project(plan(output.source()), output.source().outputs(), output.outputs().stream().map(symbol -> new Assignment(symbol, new Variable(symbol))).toList(), Optional.empty());
            case TableScanNode scan -> throw new IllegalStateException("scans are planned as fragments: " + scan);
            case FilterNode filter -> project(plan(filter.source()), filter.source().outputs(), identity(filter.source().outputs()), Optional.of(filter.predicate()));
            case ProjectNode project -> project(plan(project.source()), project.source().outputs(), project.assignments(), Optional.empty());
            case AggregationNode aggregation -> aggregation(aggregation);
            case JoinNode join when !join.outputsLeft() && remote.isEmpty() -> swappedSemiJoin(join);
            case JoinNode join -> join(join);
            case SortNode sort -> new OrderByOperator(plan(sort.source()), types(sort.source().outputs()), channels(sort.source().outputs(), sort.orderings()), orders(sort.orderings()), memory);
            case TopNNode topN -> new TopNOperator(plan(topN.source()), types(topN.source().outputs()), channels(topN.source().outputs(), topN.orderings()), orders(topN.orderings()), topN.count(), memory);
            case LimitNode limit -> new LimitOperator(plan(limit.source()), limit.offset(), limit.count());
            case ValuesNode values -> values(values);
            case UnionNode union -> {
                List<Operator> sources = new ArrayList<>();
                for (int i = 0; i < union.sources().size(); i++) {
                    sources.add(select(union.sources().get(i), union.inputs().get(i)));
                }
                yield new UnionAllOperator(sources);
            }
            case SetOperationNode setOperation -> new SetOperationOperator(
                    select(setOperation.sources().get(0), setOperation.inputs().get(0)),
                    select(setOperation.sources().get(1), setOperation.inputs().get(1)),
                    types(setOperation.outputs()),
                    switch (setOperation.kind()) {
                        case INTERSECT -> setOperation.distinct() ? SetOperationOperator.Operation.INTERSECT_DISTINCT : SetOperationOperator.Operation.INTERSECT_ALL;
                        case EXCEPT -> setOperation.distinct() ? SetOperationOperator.Operation.EXCEPT_DISTINCT : SetOperationOperator.Operation.EXCEPT_ALL;
                    },
                    memory);
            case EnforceSingleRowNode single -> new EnforceSingleRowOperator(plan(single.source()), types(single.outputs()));
            case WindowNode window -> window(window);
        };
    }

    /** What a scan worker runs for a shipped fragment: the columns its splits are read as, and the operators over them. */
    public record TaskPlan(TableScanNode scan, List<ScanColumn> columns, java.util.function.UnaryOperator<Operator> pipeline) {}

    /**
     * The worker's side of a shipped fragment ({@link #isShippable}): the scan's columns and a pipeline that
     * runs over the pages of one task's splits. Top-N and limits at the root are the task's partial ones.
     */
    public TaskPlan taskPlan(PlanNode fragmentRoot)
    {
        return switch (fragmentRoot) {
            case TopNNode topN -> {
                TaskPlan inner = taskPlan(topN.source());
                List<Symbol> layout = topN.source().outputs();
                yield new TaskPlan(inner.scan(), inner.columns(), source -> new TopNOperator(inner.pipeline().apply(source), types(layout), channels(layout, topN.orderings()),
                        orders(topN.orderings()), topN.count(), memory));
            }
            case LimitNode limit -> {
                TaskPlan inner = taskPlan(limit.source());
                yield new TaskPlan(inner.scan(), inner.columns(), source -> new LimitOperator(inner.pipeline().apply(source), limit.offset(), limit.count()));
            }
            default -> {
                if (!isScanChain(fragmentRoot)) {
                    throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Not a scan fragment: " + fragmentRoot.getClass().getSimpleName());
                }
                Fragment fragment = fragment(fragmentRoot).orElseThrow();
                yield new TaskPlan(fragment.scan(), fragment.scan().scanColumns(), fragment.pipeline());
            }
        };
    }

    /** A table scan under filters, projections and at most one partial aggregation: what scan tasks can run anywhere. */
    public static boolean isScanChain(PlanNode node)
    {
        return switch (node) {
            case TableScanNode scan -> true;
            case FilterNode filter -> isScanChain(filter.source());
            case ProjectNode project -> isScanChain(project.source());
            case AggregationNode aggregation when aggregation.step() == AggregationNode.Step.PARTIAL -> isScanChain(aggregation.source());
            default -> false;
        };
    }

    /**
     * The fragment remote workers run for {@code node}, when it is a scan chain, or a top-N / limit over one (each
     * task keeps its own top rows; the coordinator the final ones): the node itself, or for a limit with an
     * offset the partial limit tasks run. Empty when the node is neither or the protocol cannot carry it.
     */
    public static Optional<PlanNode> remoteFragment(PlanNode node)
    {
        Optional<PlanNode> fragment = switch (node) {
            case TopNNode topN when isScanChain(topN.source()) -> Optional.of(topN);
            case LimitNode limit when isScanChain(limit.source()) && limit.count() != Long.MAX_VALUE ->
                    Optional.of(new LimitNode(limit.source(), 0, Math.addExact(limit.offset(), limit.count())));
            default -> isScanChain(node) ? Optional.of(node) : Optional.empty();
        };
        return fragment.filter(io.trawl.engine.fragment.TaskCodec::isShippable);
    }

    /** A table outside the catalog (the usage ledger), marked so by {@link io.trawl.engine.analyzer.SystemTables}. */
    public static boolean isSystemTable(io.trawl.catalog.Table table)
    {
        return table.parameters().containsKey(io.trawl.engine.analyzer.SystemTables.SYSTEM_TABLE_PARAMETER);
    }

    /** The table scan at the bottom of a scan fragment (each node of one has exactly one source). */
    public static TableScanNode fragmentScan(PlanNode fragment)
    {
        PlanNode current = fragment;
        while (!(current instanceof TableScanNode scan)) {
            current = current.sources().getFirst();
        }
        return scan;
    }

    /** A node planned as remote scan tasks, with the coordinator's final top-N or limit above them. */
    private Optional<Operator> shipped(PlanNode node)
    {
        RemoteScans remoteScans = remote.orElseThrow();
        return remoteFragment(node).map(fragment -> {
            Operator tasks = remoteScans.operator(fragment, scanProvider, meter, partitions, taskStats::add);
            return switch (node) {
                case TopNNode topN -> new TopNOperator(tasks, types(topN.source().outputs()), channels(topN.source().outputs(), topN.orderings()), orders(topN.orderings()),
                        topN.count(), memory);
                case LimitNode limit -> new LimitOperator(tasks, limit.offset(), limit.count());
                default -> tasks;
            };
        });
    }

    private Operator select(PlanNode source, List<Symbol> symbols)
    {
        return project(plan(source), source.outputs(), identity(symbols), Optional.empty());
    }

    private static List<Assignment> identity(List<Symbol> symbols)
    {
        return symbols.stream().map(symbol -> new Assignment(symbol, new Variable(symbol))).toList();
    }

    private static Map<Symbol, Integer> layout(List<Symbol> symbols)
    {
        Map<Symbol, Integer> layout = new HashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            layout.putIfAbsent(symbols.get(i), i);
        }
        return layout;
    }

    private static List<Type> types(List<Symbol> symbols)
    {
        return symbols.stream().map(Symbol::type).toList();
    }

    private static List<Integer> channels(List<Symbol> layout, List<Ordering> orderings)
    {
        Map<Symbol, Integer> channels = layout(layout);
        return orderings.stream().map(ordering -> channels.get(ordering.symbol())).toList();
    }

    private static List<SortOrder> orders(List<Ordering> orderings)
    {
        return orderings.stream().map(Ordering::order).toList();
    }

    private static FilterProjectOperator.PageProcessor processor(List<Symbol> inputLayout, List<Assignment> assignments, Optional<RowExpression> filter)
    {
        Map<Symbol, Integer> layout = layout(inputLayout);
        Optional<CompiledExpression> compiledFilter = filter.filter(predicate -> !Expressions.isTrue(predicate)).map(predicate -> CompiledExpression.compile(predicate, layout));
        List<CompiledExpression> projections = assignments.stream().map(assignment -> CompiledExpression.compile(assignment.expression(), layout)).toList();
        return new FilterProjectOperator.PageProcessor(compiledFilter, projections);
    }

    private Operator project(Operator source, List<Symbol> inputLayout, List<Assignment> assignments, Optional<RowExpression> filter)
    {
        return new FilterProjectOperator(source, processor(inputLayout, assignments, filter));
    }

    /**
     * The part of a plan that runs inside scan tasks: a scan, then filters, projections, probes of joins
     * whose build side is built once and shared (broadcast), and a partial aggregation. Null-extending
     * RIGHT and FULL joins need one probe to see all rows, so they stay on the coordinator.
     */
    private record Fragment(TableScanNode scan, List<Symbol> layout, List<Runnable> prepare, List<AutoCloseable> resources, java.util.function.UnaryOperator<Operator> pipeline,
            List<java.util.function.BooleanSupplier> yieldsNothing)
    {
        /** The same fragment with another layout and pipeline: prepare steps, resources and emptiness checks carry over. */
        Fragment then(List<Symbol> newLayout, java.util.function.UnaryOperator<Operator> newPipeline)
        {
            return new Fragment(scan, newLayout, prepare, resources, newPipeline, yieldsNothing);
        }
    }

    private Optional<Fragment> fragment(PlanNode node)
    {
        return switch (node) {
            case TableScanNode scan -> Optional.of(new Fragment(scan, scan.outputs(), List.of(), List.of(), java.util.function.UnaryOperator.identity(), List.of()));
            case FilterNode filter -> fragment(filter.source()).map(inner -> then(inner, filter.outputs(),
                    processor(inner.layout(), identity(inner.layout()), Optional.of(filter.predicate()))));
            case ProjectNode project -> fragment(project.source()).map(inner -> then(inner, project.outputs(),
                    processor(inner.layout(), project.assignments(), Optional.empty())));
            case JoinNode join when join.type() != io.trawl.engine.operator.JoinType.RIGHT && join.type() != io.trawl.engine.operator.JoinType.FULL && join.outputsLeft() ->
                    fragment(join.left()).map(inner -> probe(inner, join).fragment());
            case AggregationNode aggregation when aggregation.step() == AggregationNode.Step.PARTIAL ->
                    fragment(aggregation.source()).map(inner -> partialAggregation(inner, aggregation));
            default -> Optional.empty();
        };
    }

    private static Fragment then(Fragment inner, List<Symbol> layout, FilterProjectOperator.PageProcessor processor)
    {
        java.util.function.UnaryOperator<Operator> previous = inner.pipeline();
        return inner.then(layout, source -> new FilterProjectOperator(previous.apply(source), processor));
    }

    /** A join's probe stage inside the scan tasks, and the hash table it shares. */
    private record Probe(Fragment fragment, SharedLookup shared) {}

    private Probe probe(Fragment inner, JoinNode join)
    {
        List<Symbol> left = inner.layout();
        List<Symbol> right = join.right().outputs();
        Map<Symbol, Integer> leftLayout = layout(left);
        Map<Symbol, Integer> rightLayout = layout(right);
        List<Integer> probeKeys = join.criteria().stream().map(clause -> leftLayout.get(clause.left())).toList();
        List<Integer> buildKeys = join.criteria().stream().map(clause -> rightLayout.get(clause.right())).toList();
        Optional<PageFilter> filter = joinFilter(join, left, right);
        List<Integer> probeOutputs = join.outputsLeft() ? range(left.size()) : List.of();
        List<Integer> buildOutputs = join.outputsRight() ? range(right.size()) : List.of();
        boolean longKey = HashJoinOperator.usesLongKey(types(left), probeKeys, types(right), buildKeys);
        Operator build = plan(join.right());
        SharedLookup shared = new SharedLookup(() -> HashJoinOperator.LookupSource.build(build, buildKeys, types(right), longKey, memory));
        List<Runnable> prepare = new ArrayList<>(inner.prepare());
        prepare.add(shared::build);
        List<AutoCloseable> resources = new ArrayList<>(inner.resources());
        resources.add(shared);
        resources.add(build);
        java.util.function.UnaryOperator<Operator> previous = inner.pipeline();
        List<Symbol> layout = new ArrayList<>(join.outputsLeft() ? left : List.of());
        if (join.outputsRight()) {
            layout.addAll(right);
        }
        List<java.util.function.BooleanSupplier> yieldsNothing = new ArrayList<>(inner.yieldsNothing());
        if (join.type() == io.trawl.engine.operator.JoinType.INNER || join.type() == io.trawl.engine.operator.JoinType.SEMI) {
            // nothing joins an empty build side: the scan need not even list its files
            yieldsNothing.add(() -> shared.get().isEmpty());
        }
        Fragment fragment = new Fragment(inner.scan(), layout, prepare, resources, source -> new HashJoinOperator(previous.apply(source), shared::get,
                probeKeys, buildKeys, join.type(), filter, probeOutputs, buildOutputs, types(left), types(right), memory), yieldsNothing);
        return new Probe(fragment, shared);
    }

    /**
     * RIGHT_SEMI / RIGHT_ANTI with a scan-fragment probe: every scan task probes the shared hash table and
     * only marks the build rows it matches; when all tasks are done, the build rows that matched (or did
     * not) are emitted once. So the large side is read and probed in parallel.
     */
    private Operator swappedSemiJoin(JoinNode join)
    {
        Optional<Fragment> probeSide = fragment(join.left());
        if (probeSide.isEmpty()) {
            return join(join);
        }
        Probe probe = probe(probeSide.get(), join);
        Operator probes = scanOperator(probe.fragment());
        List<Integer> buildOutputs = range(join.right().outputs().size());
        boolean emitMatched = join.type() == io.trawl.engine.operator.JoinType.RIGHT_SEMI;
        return new Operator()
        {
            private java.util.Iterator<Page> rows;

            @Override
            public Page next()
            {
                if (rows == null) {
                    // the probes emit nothing themselves; draining them runs every scan task to completion
                    while (probes.next() != null) {
                        // nothing to forward
                    }
                    rows = probe.shared().get().rowsByMatch(emitMatched, buildOutputs).iterator();
                }
                return rows.hasNext() ? rows.next() : null;
            }

            @Override
            public void close()
            {
                probes.close();
            }
        };
    }

    private Fragment partialAggregation(Fragment inner, AggregationNode aggregation)
    {
        Map<Symbol, Integer> layout = layout(inner.layout());
        List<Integer> groupChannels = aggregation.groupingKeys().stream().map(layout::get).toList();
        List<AggregateCall> calls = aggregateCalls(aggregation, layout);
        java.util.function.UnaryOperator<Operator> previous = inner.pipeline();
        return inner.then(aggregation.outputs(), source -> new PartialAggregationOperator(previous.apply(source), groupChannels, types(aggregation.groupingKeys()), calls, memory));
    }

    /** A hash table built once on the coordinator before scan tasks start, then probed by all of them. */
    private static final class SharedLookup
            implements AutoCloseable
    {
        private final java.util.function.Supplier<HashJoinOperator.LookupSource> builder;
        private volatile HashJoinOperator.LookupSource lookup;

        SharedLookup(java.util.function.Supplier<HashJoinOperator.LookupSource> builder)
        {
            this.builder = builder;
        }

        void build()
        {
            if (lookup == null) {
                lookup = builder.get();
            }
        }

        HashJoinOperator.LookupSource get()
        {
            return java.util.Objects.requireNonNull(lookup, "hash table used before it was built");
        }

        @Override
        public void close()
        {
            if (lookup != null) {
                lookup.close();
            }
        }
    }

    private Operator scanOperator(Fragment fragment)
    {
        TableScanNode scan = fragment.scan();
        List<ScanColumn> columns = scan.scanColumns();
        TaskPipeline pipeline = new TaskPipeline()
        {
            @Override
            public void prepare()
            {
                fragment.prepare().forEach(Runnable::run);
            }

            @Override
            public boolean yieldsNothing()
            {
                return fragment.yieldsNothing().stream().anyMatch(java.util.function.BooleanSupplier::getAsBoolean);
            }

            @Override
            public Operator create(Operator splitPages)
            {
                return fragment.pipeline().apply(splitPages);
            }

            @Override
            public void close()
            {
                for (AutoCloseable resource : fragment.resources()) {
                    try {
                        resource.close();
                    }
                    catch (Exception e) {
                        throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Failed to release " + resource + ": " + e, e);
                    }
                }
            }
        };
        return new ScanOperator(scanProvider, scan.table(), columns, scan.domain(), meter, pipeline, workerSlots, taskStats::add, partitions, control);
    }

    private Optional<PageFilter> joinFilter(JoinNode join, List<Symbol> left, List<Symbol> right)
    {
        return join.filter().map(predicate -> {
            List<Symbol> combined = new ArrayList<>(left);
            combined.addAll(right);
            CompiledExpression compiled = CompiledExpression.compile(predicate, layout(combined));
            return compiled::filter;
        });
    }

    private static List<AggregateCall> aggregateCalls(AggregationNode node, Map<Symbol, Integer> layout)
    {
        List<AggregateCall> calls = new ArrayList<>();
        for (Aggregate aggregate : node.aggregates()) {
            calls.add(new AggregateCall(
                    aggregate.function(),
                    aggregate.argument().map(layout::get).orElse(-1),
                    aggregate.argument().map(Symbol::type),
                    aggregate.output().type(),
                    aggregate.distinct(),
                    aggregate.mask().map(layout::get)));
        }
        return calls;
    }

    private Operator aggregation(AggregationNode node)
    {
        Map<Symbol, Integer> layout = layout(node.source().outputs());
        List<Integer> groupChannels = node.groupingKeys().stream().map(layout::get).toList();
        return new HashAggregationOperator(plan(node.source()), groupChannels, types(node.groupingKeys()), aggregateCalls(node, layout), memory);
    }

    private Operator join(JoinNode node)
    {
        List<Symbol> left = node.left().outputs();
        List<Symbol> right = node.right().outputs();
        Map<Symbol, Integer> leftLayout = layout(left);
        Map<Symbol, Integer> rightLayout = layout(right);
        List<Integer> probeKeys = node.criteria().stream().map(clause -> leftLayout.get(clause.left())).toList();
        List<Integer> buildKeys = node.criteria().stream().map(clause -> rightLayout.get(clause.right())).toList();
        List<Integer> probeOutputs = node.outputsLeft() ? range(left.size()) : List.of();
        List<Integer> buildOutputs = node.outputsRight() ? range(right.size()) : List.of();
        return new HashJoinOperator(plan(node.left()), plan(node.right()), probeKeys, buildKeys, node.type(), joinFilter(node, left, right), probeOutputs, buildOutputs, types(left), types(right), memory);
    }

    private static List<Integer> range(int size)
    {
        List<Integer> channels = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            channels.add(i);
        }
        return channels;
    }

    private Operator values(ValuesNode node)
    {
        List<Symbol> outputs = node.outputs();
        if (outputs.isEmpty()) {
            return new ValuesOperator(List.of(new Page(node.rows().size())));
        }
        List<BlockBuilder> builders = outputs.stream().map(symbol -> symbol.type().createBlockBuilder(null, node.rows().size())).toList();
        for (List<RowExpression> row : node.rows()) {
            for (int column = 0; column < outputs.size(); column++) {
                Object value = CompiledExpression.evaluateConstant(row.get(column));
                Type type = outputs.get(column).type();
                BlockBuilder builder = builders.get(column);
                if (value == null) {
                    builder.appendNull();
                }
                else if (type.getJavaType() == long.class) {
                    type.writeLong(builder, (Long) value);
                }
                else if (type.getJavaType() == double.class) {
                    type.writeDouble(builder, (Double) value);
                }
                else if (type.getJavaType() == boolean.class) {
                    type.writeBoolean(builder, (Boolean) value);
                }
                else if (value instanceof io.airlift.slice.Slice slice) {
                    type.writeSlice(builder, slice);
                }
                else {
                    type.writeObject(builder, value);
                }
            }
        }
        return new ValuesOperator(List.of(new Page(node.rows().size(), builders.stream().map(BlockBuilder::build).toArray(io.trino.spi.block.Block[]::new))));
    }

    private Operator window(WindowNode node)
    {
        List<Symbol> input = node.source().outputs();
        Map<Symbol, Integer> layout = layout(input);
        List<WindowFunctionCall> calls = new ArrayList<>();
        for (WindowNode.Function function : node.functions()) {
            List<Integer> arguments = function.arguments().stream().map(layout::get).toList();
            Type outputType = function.output().type();
            Frame frame = frame(function.frame());
            WindowFunctionCall call = switch (function.name()) {
                case "row_number" -> WindowFunctionCall.function(WindowFunctionCall.Kind.ROW_NUMBER, arguments, outputType);
                case "rank" -> WindowFunctionCall.function(WindowFunctionCall.Kind.RANK, arguments, outputType);
                case "dense_rank" -> WindowFunctionCall.function(WindowFunctionCall.Kind.DENSE_RANK, arguments, outputType);
                case "percent_rank" -> WindowFunctionCall.function(WindowFunctionCall.Kind.PERCENT_RANK, arguments, outputType);
                case "cume_dist" -> WindowFunctionCall.function(WindowFunctionCall.Kind.CUME_DIST, arguments, outputType);
                case "ntile" -> WindowFunctionCall.function(WindowFunctionCall.Kind.NTILE, arguments, outputType);
                case "lag" -> WindowFunctionCall.function(WindowFunctionCall.Kind.LAG, arguments, outputType);
                case "lead" -> WindowFunctionCall.function(WindowFunctionCall.Kind.LEAD, arguments, outputType);
                case "first_value" -> new WindowFunctionCall(WindowFunctionCall.Kind.FIRST_VALUE, arguments, outputType, frame, Optional.empty());
                case "last_value" -> new WindowFunctionCall(WindowFunctionCall.Kind.LAST_VALUE, arguments, outputType, frame, Optional.empty());
                case "nth_value" -> new WindowFunctionCall(WindowFunctionCall.Kind.NTH_VALUE, arguments, outputType, frame, Optional.empty());
                default -> {
                    AggregateFunction aggregate = function.name().equals("count_all") ? AggregateFunction.COUNT_ALL : aggregateFunction(function.name());
                    AggregateCall aggregateCall = new AggregateCall(aggregate, arguments.isEmpty() ? -1 : arguments.getFirst(),
                            function.arguments().isEmpty() ? Optional.empty() : Optional.of(function.arguments().getFirst().type()), outputType, false, Optional.empty());
                    yield WindowFunctionCall.aggregate(aggregateCall, frame);
                }
            };
            calls.add(call);
        }
        List<Integer> partition = node.partitionBy().stream().map(layout::get).toList();
        return new WindowOperator(plan(node.source()), types(input), partition, channels(input, node.orderBy()), orders(node.orderBy()), calls, memory);
    }

    private static AggregateFunction aggregateFunction(String name)
    {
        return switch (name) {
            case "count" -> AggregateFunction.COUNT;
            case "sum" -> AggregateFunction.SUM;
            case "avg" -> AggregateFunction.AVG;
            case "min" -> AggregateFunction.MIN;
            case "max" -> AggregateFunction.MAX;
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Window function '" + name + "' is not supported");
        };
    }

    private static Frame frame(WindowNode.Frame frame)
    {
        return new Frame(
                frame.unit() == WindowNode.FrameUnit.ROWS ? Frame.Unit.ROWS : Frame.Unit.RANGE,
                new Frame.Bound(Frame.BoundType.valueOf(frame.startType().name()), frame.startOffset().orElse(0L)),
                new Frame.Bound(Frame.BoundType.valueOf(frame.endType().name()), frame.endOffset().orElse(0L)));
    }
}
