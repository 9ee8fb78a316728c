package io.trawl.engine.optimizer;

import io.trawl.engine.analyzer.Estimates;
import io.trawl.engine.analyzer.Expressions;
import io.trawl.engine.expression.Constant;
import io.trawl.engine.expression.DecimalTypes;
import io.trawl.engine.expression.Function;
import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.expression.Variable;
import io.trawl.engine.operator.JoinType;
import io.trawl.engine.operator.aggregate.AggregateFunction;
import io.trawl.engine.plan.Aggregate;
import io.trawl.engine.plan.AggregationNode;
import io.trawl.engine.plan.Assignment;
import io.trawl.engine.plan.FilterNode;
import io.trawl.engine.plan.JoinNode;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.ProjectNode;
import io.trawl.engine.plan.Symbol;
import io.trawl.engine.plan.SymbolAllocator;
import io.trawl.engine.plan.TableScanNode;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DoubleType.DOUBLE;

/**
 * Splits an aggregation over a scan fragment into a PARTIAL step that runs in every scan task and a FINAL
 * step on the coordinator: counts become sums of counts, sums and min/max combine as themselves, and avg
 * becomes sum/count computed after the final step with avg's own rounding. Aggregations with DISTINCT or
 * functions without a simple combination (stddev, bool_and, ...) stay in one step.
 */
public final class SplitAggregation
        implements PlanOptimizer
{
    private final Estimates estimates;

    public SplitAggregation(Estimates estimates)
    {
        this.estimates = estimates;
    }

    @Override
    public PlanNode optimize(PlanNode plan)
    {
        SymbolAllocator symbols = new SymbolAllocator();
        reserveNames(plan, symbols);
        return Rewrites.bottomUp(plan, node -> {
            if (node instanceof AggregationNode aggregation && aggregation.step() == AggregationNode.Step.SINGLE && splittable(aggregation) && reduces(aggregation)) {
                return split(aggregation, symbols);
            }
            return node;
        });
    }

    private static void reserveNames(PlanNode node, SymbolAllocator symbols)
    {
        node.outputs().forEach(symbol -> symbols.reserve(symbol.name()));
        node.sources().forEach(source -> reserveNames(source, symbols));
    }

    private static boolean splittable(AggregationNode aggregation)
    {
        for (Aggregate aggregate : aggregation.aggregates()) {
            if (aggregate.distinct()) {
                return false;
            }
            boolean supported = switch (aggregate.function()) {
                case COUNT_ALL, COUNT, SUM, MIN, MAX -> true;
                case AVG -> aggregate.output().type() instanceof DecimalType || aggregate.output().type() instanceof DoubleType
                        && aggregate.argument().orElseThrow().type() instanceof DoubleType;
                default -> false;
            };
            if (!supported) {
                return false;
            }
        }
        return isScanFragment(aggregation.source());
    }

    /**
     * A partial step pays off only if it shrinks its input: not when statistics show the grouping keys
     * are nearly unique (e.g. GROUP BY l_orderkey). Keys without statistics are assumed to reduce.
     */
    private boolean reduces(AggregationNode aggregation)
    {
        if (aggregation.groupingKeys().isEmpty()) {
            return true;
        }
        double groups = 1;
        for (Symbol key : aggregation.groupingKeys()) {
            java.util.OptionalDouble distinct = estimates.knownDistinctValues(aggregation.source(), key);
            if (distinct.isEmpty()) {
                return true;
            }
            groups *= distinct.getAsDouble();
        }
        return groups < estimates.rows(aggregation.source()) * 0.1;
    }

    /** Whether a plan runs entirely inside scan tasks: scan, filters, projections and probes of broadcast joins. */
    public static boolean isScanFragment(PlanNode node)
    {
        return switch (node) {
            case TableScanNode _ -> true;
            case FilterNode filter -> isScanFragment(filter.source());
            case ProjectNode project -> isScanFragment(project.source());
            case JoinNode join -> join.type() != JoinType.RIGHT && join.type() != JoinType.FULL && join.outputsLeft() && isScanFragment(join.left());
            default -> false;
        };
    }

    private static PlanNode split(AggregationNode aggregation, SymbolAllocator symbols)
    {
        List<Aggregate> partial = new ArrayList<>();
        List<Aggregate> finals = new ArrayList<>();
        List<Assignment> result = new ArrayList<>();
        aggregation.groupingKeys().forEach(key -> result.add(new Assignment(key, new Variable(key))));
        for (Aggregate aggregate : aggregation.aggregates()) {
            Symbol output = aggregate.output();
            switch (aggregate.function()) {
                case COUNT_ALL, COUNT -> {
                    Symbol count = symbols.newSymbol(output.name() + "_partial", BIGINT);
                    partial.add(new Aggregate(count, aggregate.function(), aggregate.argument(), false, aggregate.mask()));
                    Symbol total = symbols.newSymbol(output.name() + "_final", BIGINT);
                    finals.add(new Aggregate(total, AggregateFunction.SUM, Optional.of(count), false, Optional.empty()));
                    // no partial rows at all (an empty table) must still count 0
                    result.add(new Assignment(output, Expressions.call(Function.COALESCE, BIGINT, new Variable(total), new Constant(0L, BIGINT))));
                }
                case SUM, MIN, MAX -> {
                    Symbol value = symbols.newSymbol(output.name() + "_partial", output.type());
                    partial.add(new Aggregate(value, aggregate.function(), aggregate.argument(), false, aggregate.mask()));
                    finals.add(new Aggregate(output, aggregate.function(), Optional.of(value), false, Optional.empty()));
                    result.add(new Assignment(output, new Variable(output)));
                }
                case AVG -> {
                    Symbol argument = aggregate.argument().orElseThrow();
                    Type sumType = argument.type() instanceof DecimalType decimal ? DecimalType.createDecimalType(38, decimal.getScale()) : DOUBLE;
                    Symbol partialSum = symbols.newSymbol(output.name() + "_psum", sumType);
                    Symbol partialCount = symbols.newSymbol(output.name() + "_pcount", BIGINT);
                    partial.add(new Aggregate(partialSum, AggregateFunction.SUM, Optional.of(argument), false, aggregate.mask()));
                    partial.add(new Aggregate(partialCount, AggregateFunction.COUNT, Optional.of(argument), false, aggregate.mask()));
                    Symbol sum = symbols.newSymbol(output.name() + "_sum", sumType);
                    Symbol count = symbols.newSymbol(output.name() + "_count", BIGINT);
                    finals.add(new Aggregate(sum, AggregateFunction.SUM, Optional.of(partialSum), false, Optional.empty()));
                    finals.add(new Aggregate(count, AggregateFunction.SUM, Optional.of(partialCount), false, Optional.empty()));
                    result.add(new Assignment(output, average(sum, count, output.type())));
                }
                default -> throw new IllegalStateException("not splittable: " + aggregate.function());
            }
        }
        AggregationNode partialNode = new AggregationNode(aggregation.source(), aggregation.groupingKeys(), partial, AggregationNode.Step.PARTIAL);
        AggregationNode finalNode = new AggregationNode(partialNode, aggregation.groupingKeys(), finals, AggregationNode.Step.FINAL);
        return new ProjectNode(finalNode, result);
    }

    /** sum / count with avg's result type; decimal division rounds half up at the result scale, as avg does. */
    private static RowExpression average(Symbol sum, Symbol count, Type resultType)
    {
        RowExpression noRows = Expressions.call(Function.EQUAL, BOOLEAN, new Variable(count), new Constant(0L, BIGINT));
        RowExpression quotient;
        if (resultType instanceof DecimalType) {
            DecimalType countType = DecimalType.createDecimalType(19, 0);
            DecimalType divisionType = DecimalTypes.resultType(Function.DIVIDE, (DecimalType) sum.type(), countType);
            quotient = Expressions.coerce(Expressions.call(Function.DIVIDE, divisionType, new Variable(sum), Expressions.coerce(new Variable(count), countType)), resultType);
        }
        else {
            quotient = Expressions.call(Function.DIVIDE, DOUBLE, new Variable(sum), Expressions.coerce(new Variable(count), DOUBLE));
        }
        return Expressions.call(Function.CASE, resultType, noRows, new Constant(null, resultType), quotient);
    }
}
