package io.trawl.engine.analyzer;

import io.trawl.engine.expression.Call;
import io.trawl.engine.expression.Constant;
import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.plan.AggregationNode;
import io.trawl.engine.plan.EnforceSingleRowNode;
import io.trawl.engine.plan.FilterNode;
import io.trawl.engine.plan.JoinNode;
import io.trawl.engine.plan.LimitNode;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.plan.TopNNode;
import io.trawl.engine.plan.UnionNode;
import io.trawl.engine.plan.ValuesNode;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.TableEstimate;

import io.trawl.engine.plan.Symbol;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/**
 * Row-count estimates for join ordering. Storage gives the free statistics (Parquet row counts, file
 * sizes); predicates apply fixed selectivities. Crude, but it orders TPC-H's joins the way a cost-based
 * optimizer would: the fact table probes, filtered dimensions build.
 */
public final class Estimates
{
    private final ScanProvider scanProvider;
    private final Map<String, TableEstimate> tableEstimates = new HashMap<>();

    public Estimates(ScanProvider scanProvider)
    {
        this.scanProvider = scanProvider;
    }

    public double rows(PlanNode node)
    {
        return switch (node) {
            case TableScanNode scan -> tableRows(scan);
            case FilterNode filter -> rows(filter.source()) * selectivity(filter.predicate());
            case AggregationNode aggregation -> aggregation.groupingKeys().isEmpty() ? 1 : Math.max(1, rows(aggregation.source()) * 0.1);
            case JoinNode join -> switch (join.type()) {
                case SEMI, ANTI, NULL_AWARE_ANTI -> rows(join.left()) * 0.5;
                case RIGHT_SEMI, RIGHT_ANTI -> rows(join.right()) * 0.5;
                case INNER -> join.criteria().isEmpty()
                        ? rows(join.left()) * rows(join.right())
                        : joinRows(join.left(), rows(join.left()), join.right(), rows(join.right()),
                                join.criteria().stream().map(JoinNode.EquiClause::left).toList(),
                                join.criteria().stream().map(JoinNode.EquiClause::right).toList());
                default -> join.criteria().isEmpty() ? rows(join.left()) * rows(join.right()) : Math.max(rows(join.left()), rows(join.right()));
            };
            case LimitNode limit -> Math.min(limit.count(), rows(limit.source()));
            case TopNNode topN -> Math.min(topN.count(), rows(topN.source()));
            case ValuesNode values -> values.rows().size();
            case EnforceSingleRowNode _ -> 1;
            case UnionNode union -> union.sources().stream().mapToDouble(this::rows).sum();
            default -> node.sources().isEmpty() ? 1000 : rows(node.sources().getFirst());
        };
    }

    /**
     * Estimated distinct values of a symbol in a relation: bounded by the relation's rows and, for a column
     * read straight from a table, by the table's rows and its value range (Parquet min/max statistics).
     */
    double distinctValues(PlanNode node, Symbol symbol)
    {
        double rows = rows(node);
        Optional<TableScanNode> scan = findScan(node, symbol);
        if (scan.isEmpty()) {
            return rows;
        }
        double distinct = tableRows(scan.get());
        String column = scan.get().columnNames().get(scan.get().outputs().indexOf(symbol)).toLowerCase(Locale.ROOT);
        Optional<TableEstimate.ValueRange> range = estimate(scan.get()).range(column);
        if (range.isPresent()) {
            distinct = Math.min(distinct, range.get().width());
        }
        return Math.max(1, Math.min(distinct, rows));
    }

    /** Distinct values of a column read straight from a table with value statistics; empty when unknown. */
    public java.util.OptionalDouble knownDistinctValues(PlanNode node, Symbol symbol)
    {
        Optional<TableScanNode> scan = findScan(node, symbol);
        if (scan.isEmpty()) {
            return java.util.OptionalDouble.empty();
        }
        String column = scan.get().columnNames().get(scan.get().outputs().indexOf(symbol)).toLowerCase(Locale.ROOT);
        return estimate(scan.get()).range(column)
                .map(range -> java.util.OptionalDouble.of(Math.min(range.width(), tableRows(scan.get()))))
                .orElse(java.util.OptionalDouble.empty());
    }

    private static Optional<TableScanNode> findScan(PlanNode node, Symbol symbol)
    {
        if (node instanceof TableScanNode scan) {
            return scan.outputs().contains(symbol) ? Optional.of(scan) : Optional.empty();
        }
        for (PlanNode source : node.sources()) {
            if (source.outputs().contains(symbol)) {
                return findScan(source, symbol);
            }
        }
        return Optional.empty();
    }

    /** Rows of an inner equi-join: |L|·|R| / Π max(distinct(left key), distinct(right key)). */
    double joinRows(PlanNode left, double leftRows, PlanNode right, double rightRows, List<Symbol> leftKeys, List<Symbol> rightKeys)
    {
        double denominator = 1;
        for (int i = 0; i < leftKeys.size(); i++) {
            denominator *= Math.max(distinctValues(left, leftKeys.get(i)), distinctValues(right, rightKeys.get(i)));
        }
        return Math.max(1, leftRows * rightRows / Math.max(1, denominator));
    }

    private TableEstimate estimate(TableScanNode scan)
    {
        return tableEstimates.computeIfAbsent(scan.table().qualifiedName(), _ -> scanProvider.estimate(scan.table()));
    }

    private double tableRows(TableScanNode scan)
    {
        TableEstimate estimate = estimate(scan);
        if (estimate.rowCount().isPresent()) {
            return Math.max(1, estimate.rowCount().getAsLong());
        }
        return Math.max(1, estimate.totalBytes() / 100.0);
    }

    static double selectivity(RowExpression predicate)
    {
        if (!(predicate instanceof Call call)) {
            return predicate instanceof Constant constant && Boolean.FALSE.equals(constant.value()) ? 0 : 1;
        }
        return switch (call.function()) {
            case AND -> call.arguments().stream().mapToDouble(Estimates::selectivity).reduce(1, (a, b) -> a * b);
            case OR -> Math.min(1, call.arguments().stream().mapToDouble(Estimates::selectivity).sum());
            case EQUAL -> call.arguments().stream().anyMatch(Constant.class::isInstance) ? 0.1 : 0.5;
            case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> 0.5;
            case LIKE -> 0.25;
            case IN -> Math.min(1, 0.1 * (call.arguments().size() - 1));
            case NOT -> 1 - selectivity(call.argument(0)) * 0.5;
            default -> 0.5;
        };
    }
}
