package io.trawl.engine.optimizer;

import io.trawl.engine.analyzer.Expressions;
import io.trawl.engine.expression.Call;
import io.trawl.engine.expression.Constant;
import io.trawl.engine.expression.Function;
import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.expression.Variable;
import io.trawl.engine.plan.FilterNode;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.Symbol;
import io.trawl.engine.plan.TableScanNode;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives column domains from a scan's filter (column compared with a constant, IN lists) and hands them
 * to the reader, which skips row groups whose statistics cannot match. The filter stays in the plan:
 * the domain is a hint for skipping data, never a substitute for evaluating the predicate.
 */
public final class PushPredicateIntoScan
        implements PlanOptimizer
{
    @Override
    public PlanNode optimize(PlanNode plan)
    {
        return Rewrites.bottomUp(plan, node -> {
            if (!(node instanceof FilterNode filter) || !(filter.source() instanceof TableScanNode scan)) {
                return node;
            }
            TupleDomain<String> domain = scan.domain();
            for (RowExpression conjunct : Expressions.conjuncts(filter.predicate())) {
                Optional<TupleDomain<String>> derived = domainOf(conjunct, scan);
                if (derived.isPresent()) {
                    domain = domain.intersect(derived.get());
                }
            }
            if (domain.equals(scan.domain())) {
                return node;
            }
            return new FilterNode(new TableScanNode(scan.table(), scan.outputs(), scan.columnNames(), domain), filter.predicate());
        });
    }

    private static Optional<TupleDomain<String>> domainOf(RowExpression conjunct, TableScanNode scan)
    {
        if (!(conjunct instanceof Call call)) {
            return Optional.empty();
        }
        if (call.function() == Function.IN && call.argument(0) instanceof Variable variable && supported(variable.type())) {
            List<Object> values = new ArrayList<>();
            for (RowExpression item : call.arguments().subList(1, call.arguments().size())) {
                if (!(item instanceof Constant constant) || constant.value() == null) {
                    return Optional.empty();
                }
                values.add(constant.value());
            }
            return column(scan, variable.symbol()).map(name -> TupleDomain.withColumnDomains(Map.of(name, Domain.multipleValues(variable.type(), values))));
        }
        if (!call.function().isComparison() || call.function() == Function.NOT_EQUAL) {
            return Optional.empty();
        }
        Function function = call.function();
        RowExpression left = call.argument(0);
        RowExpression right = call.argument(1);
        if (left instanceof Constant && right instanceof Variable) {
            RowExpression swap = left;
            left = right;
            right = swap;
            function = flip(function);
        }
        if (!(left instanceof Variable variable) || !(right instanceof Constant constant) || constant.value() == null || !supported(variable.type())) {
            return Optional.empty();
        }
        Type type = variable.type();
        Object value = constant.value();
        Domain domain = switch (function) {
            case EQUAL -> Domain.singleValue(type, value);
            case LESS_THAN -> Domain.create(ValueSet.ofRanges(Range.lessThan(type, value)), false);
            case LESS_THAN_OR_EQUAL -> Domain.create(ValueSet.ofRanges(Range.lessThanOrEqual(type, value)), false);
            case GREATER_THAN -> Domain.create(ValueSet.ofRanges(Range.greaterThan(type, value)), false);
            case GREATER_THAN_OR_EQUAL -> Domain.create(ValueSet.ofRanges(Range.greaterThanOrEqual(type, value)), false);
            default -> null;
        };
        if (domain == null) {
            return Optional.empty();
        }
        return column(scan, variable.symbol()).map(name -> TupleDomain.withColumnDomains(Map.of(name, domain)));
    }

    private static Optional<String> column(TableScanNode scan, Symbol symbol)
    {
        int index = scan.outputs().indexOf(symbol);
        return index < 0 ? Optional.empty() : Optional.of(scan.columnNames().get(index));
    }

    private static boolean supported(Type type)
    {
        return type instanceof BigintType || type instanceof IntegerType || type instanceof DateType || type instanceof DoubleType
                || type instanceof VarcharType || type instanceof DecimalType || type instanceof io.trino.spi.type.TimestampType;
    }

    private static Function flip(Function function)
    {
        return switch (function) {
            case LESS_THAN -> Function.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> Function.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> Function.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> Function.LESS_THAN_OR_EQUAL;
            default -> function;
        };
    }
}
