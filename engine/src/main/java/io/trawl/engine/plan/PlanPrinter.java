package io.trawl.engine.plan;

import java.util.stream.Collectors;

/** Renders a plan as an indented tree for EXPLAIN. */
public final class PlanPrinter
{
    private PlanPrinter() {}

    public static String print(PlanNode root)
    {
        return print(root, node -> java.util.Optional.empty());
    }

    /**
     * Renders the plan, printing a node for which {@code remoteSource} gives a label as that one line
     * (e.g. {@code RemoteSource[fragment 1]}) instead of its subtree: the coordinator's part of a distributed plan.
     */
    public static String print(PlanNode root, java.util.function.Function<PlanNode, java.util.Optional<String>> remoteSource)
    {
        StringBuilder text = new StringBuilder();
        print(root, 0, text, remoteSource);
        return text.toString();
    }

    private static void print(PlanNode node, int depth, StringBuilder text, java.util.function.Function<PlanNode, java.util.Optional<String>> remoteSource)
    {
        java.util.Optional<String> label = remoteSource.apply(node);
        if (label.isPresent()) {
            text.append("    ".repeat(depth)).append("- ").append(label.get()).append(" => ")
                    .append(node.outputs().stream().map(Symbol::name).collect(Collectors.joining(", ", "[", "]"))).append('\n');
            return;
        }
        text.append("    ".repeat(depth)).append("- ").append(describe(node)).append('\n');
        for (PlanNode source : node.sources()) {
            print(source, depth + 1, text, remoteSource);
        }
    }

    private static String describe(PlanNode node)
    {
        String outputs = node.outputs().stream().map(Symbol::name).collect(Collectors.joining(", ", "[", "]"));
        return switch (node) {
            case OutputNode output -> "Output" + output.names() + " => " + outputs;
            case TableScanNode scan -> "TableScan[" + scan.table().qualifiedName() + (scan.domain().isAll() ? "" : ", domain=" + scan.domain().getDomains().map(Object::toString).orElse("none")) + "] => " + outputs;
            case FilterNode filter -> "Filter[" + filter.predicate() + "]";
            case ProjectNode project -> "Project" + project.assignments().stream().map(a -> a.symbol().name() + " := " + a.expression()).collect(Collectors.joining(", ", "[", "]"));
            case AggregationNode aggregation -> "Aggregate" + (aggregation.step() == AggregationNode.Step.SINGLE ? "" : "(" + aggregation.step() + ")") + "[keys=" + aggregation.groupingKeys() + ", " + aggregation.aggregates().stream()
                    .map(a -> a.output().name() + " := " + a.function().name().toLowerCase(java.util.Locale.ROOT) + "(" + (a.distinct() ? "DISTINCT " : "") + a.argument().map(Symbol::name).orElse("*") + ")")
                    .collect(Collectors.joining(", ")) + "]";
            case JoinNode join -> join.type() + " Join[" + join.criteria().stream().map(c -> c.left() + " = " + c.right()).collect(Collectors.joining(" AND ")) + join.filter().map(f -> ", filter=" + f).orElse("") + "]";
            case SortNode sort -> "Sort" + sort.orderings();
            case TopNNode topN -> "TopN[" + topN.count() + ", " + topN.orderings() + "]";
            case LimitNode limit -> "Limit[offset=" + limit.offset() + ", count=" + (limit.count() == Long.MAX_VALUE ? "ALL" : limit.count()) + "]";
            case ValuesNode values -> "Values[" + values.rows().size() + " rows] => " + outputs;
            case UnionNode _ -> "UnionAll => " + outputs;
            case SetOperationNode setOperation -> setOperation.kind() + (setOperation.distinct() ? "" : " ALL") + " => " + outputs;
            case EnforceSingleRowNode _ -> "EnforceSingleRow";
            case WindowNode window -> "Window[partition=" + window.partitionBy() + ", order=" + window.orderBy() + ", " + window.functions().stream().map(f -> f.output().name() + " := " + f.name() + f.arguments()).collect(Collectors.joining(", ")) + "]";
        };
    }
}
