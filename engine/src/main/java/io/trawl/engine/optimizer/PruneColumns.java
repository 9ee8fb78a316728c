package io.trawl.engine.optimizer;

import io.trawl.engine.analyzer.Expressions;
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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes every column no ancestor needs, down to the scans: a scan then reads only the column chunks the
 * query uses, which is what makes Parquet cheap to query (and what the user is billed for).
 */
public final class PruneColumns
        implements PlanOptimizer
{
    private final boolean keepOneColumn;

    public PruneColumns()
    {
        this(true);
    }

    /**
     * {@code keepOneColumn} false leaves a scan no column is read from empty (it cannot run then): what the access
     * check wants, which asks which columns a query reads and must not charge a row count with the first column.
     */
    public PruneColumns(boolean keepOneColumn)
    {
        this.keepOneColumn = keepOneColumn;
    }

    @Override
    public PlanNode optimize(PlanNode plan)
    {
        return prune(plan, new HashSet<>(plan.outputs()));
    }

    private PlanNode prune(PlanNode node, Set<Symbol> required)
    {
        return switch (node) {
            case OutputNode output -> output.replaceSources(List.of(prune(output.source(), new HashSet<>(output.outputs()))));
            case TableScanNode scan -> {
                List<Symbol> outputs = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < scan.outputs().size(); i++) {
                    if (required.contains(scan.outputs().get(i))) {
                        outputs.add(scan.outputs().get(i));
                        names.add(scan.columnNames().get(i));
                    }
                }
                if (keepOneColumn && outputs.isEmpty() && !scan.outputs().isEmpty()) {
                    // row counts still need one column to read (the first, a data column)
                    outputs.add(scan.outputs().getFirst());
                    names.add(scan.columnNames().getFirst());
                }
                yield new TableScanNode(scan.table(), outputs, names, scan.domain());
            }
            case FilterNode filter -> {
                Set<Symbol> needed = new HashSet<>(required);
                needed.addAll(Expressions.symbols(filter.predicate()));
                yield filter.replaceSources(List.of(prune(filter.source(), needed)));
            }
            case ProjectNode project -> {
                List<Assignment> kept = project.assignments().stream().filter(assignment -> required.contains(assignment.symbol())).toList();
                Set<Symbol> needed = new HashSet<>();
                kept.forEach(assignment -> needed.addAll(Expressions.symbols(assignment.expression())));
                yield new ProjectNode(prune(project.source(), needed), kept);
            }
            case AggregationNode aggregation -> {
                List<Aggregate> kept = aggregation.aggregates().stream().filter(aggregate -> required.contains(aggregate.output())).toList();
                Set<Symbol> needed = new HashSet<>(aggregation.groupingKeys());
                kept.forEach(aggregate -> {
                    aggregate.argument().ifPresent(needed::add);
                    aggregate.mask().ifPresent(needed::add);
                });
                yield new AggregationNode(prune(aggregation.source(), needed), aggregation.groupingKeys(), kept, aggregation.step());
            }
            case JoinNode join -> {
                Set<Symbol> needed = new HashSet<>(required);
                join.criteria().forEach(clause -> {
                    needed.add(clause.left());
                    needed.add(clause.right());
                });
                join.filter().ifPresent(filter -> needed.addAll(Expressions.symbols(filter)));
                Set<Symbol> left = new HashSet<>(join.left().outputs());
                left.retainAll(needed);
                Set<Symbol> right = new HashSet<>(join.right().outputs());
                right.retainAll(needed);
                yield join.replaceSources(List.of(prune(join.left(), left), prune(join.right(), right)));
            }
            case SortNode sort -> sort.replaceSources(List.of(prune(sort.source(), withOrderings(required, sort.orderings()))));
            case TopNNode topN -> topN.replaceSources(List.of(prune(topN.source(), withOrderings(required, topN.orderings()))));
            case LimitNode limit -> limit.replaceSources(List.of(prune(limit.source(), required)));
            case EnforceSingleRowNode single -> single.replaceSources(List.of(prune(single.source(), required)));
            case WindowNode window -> {
                Set<Symbol> needed = new HashSet<>(required);
                window.functions().forEach(function -> {
                    needed.remove(function.output());
                    needed.addAll(function.arguments());
                });
                needed.addAll(window.partitionBy());
                window.orderBy().forEach(ordering -> needed.add(ordering.symbol()));
                yield window.replaceSources(List.of(prune(window.source(), needed)));
            }
            case UnionNode union -> {
                List<PlanNode> sources = new ArrayList<>();
                for (int i = 0; i < union.sources().size(); i++) {
                    sources.add(prune(union.sources().get(i), new HashSet<>(union.inputs().get(i))));
                }
                yield union.replaceSources(sources);
            }
            case SetOperationNode setOperation -> {
                List<PlanNode> sources = new ArrayList<>();
                for (int i = 0; i < setOperation.sources().size(); i++) {
                    sources.add(prune(setOperation.sources().get(i), new HashSet<>(setOperation.inputs().get(i))));
                }
                yield setOperation.replaceSources(sources);
            }
            case ValuesNode values -> values;
        };
    }

    private static Set<Symbol> withOrderings(Set<Symbol> required, List<Ordering> orderings)
    {
        Set<Symbol> needed = new HashSet<>(required);
        orderings.forEach(ordering -> needed.add(ordering.symbol()));
        return needed;
    }
}
