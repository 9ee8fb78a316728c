package io.trawl.engine.analyzer;

import io.trawl.engine.operator.aggregate.AggregateFunction;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Type;
import io.trino.sql.tree.Node;

import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DoubleType.DOUBLE;

/** Aggregate function names and their result types, following Trino. */
final class AggregateFunctions
{
    private static final Map<String, AggregateFunction> FUNCTIONS = Map.ofEntries(
            Map.entry("count", AggregateFunction.COUNT),
            Map.entry("sum", AggregateFunction.SUM),
            Map.entry("avg", AggregateFunction.AVG),
            Map.entry("min", AggregateFunction.MIN),
            Map.entry("max", AggregateFunction.MAX),
            Map.entry("count_if", AggregateFunction.COUNT_IF),
            Map.entry("bool_and", AggregateFunction.BOOL_AND),
            Map.entry("every", AggregateFunction.BOOL_AND),
            Map.entry("bool_or", AggregateFunction.BOOL_OR),
            Map.entry("arbitrary", AggregateFunction.ARBITRARY),
            Map.entry("any_value", AggregateFunction.ARBITRARY),
            Map.entry("stddev", AggregateFunction.STDDEV_SAMP),
            Map.entry("stddev_samp", AggregateFunction.STDDEV_SAMP),
            Map.entry("stddev_pop", AggregateFunction.STDDEV_POP),
            Map.entry("variance", AggregateFunction.VAR_SAMP),
            Map.entry("var_samp", AggregateFunction.VAR_SAMP),
            Map.entry("var_pop", AggregateFunction.VAR_POP));

    private AggregateFunctions() {}

    static boolean isAggregate(String name)
    {
        return FUNCTIONS.containsKey(name);
    }

    static AggregateFunction function(String name)
    {
        return FUNCTIONS.get(name);
    }

    /** The type the argument must be coerced to before aggregation (e.g. stddev takes double). */
    static Optional<Type> argumentType(AggregateFunction function, Type argument)
    {
        return switch (function) {
            case STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP -> Optional.of(DOUBLE);
            case COUNT_IF, BOOL_AND, BOOL_OR -> Optional.of(BOOLEAN);
            default -> Optional.of(argument);
        };
    }

    static Type resultType(AggregateFunction function, Optional<Type> argument, Node node)
    {
        return switch (function) {
            case COUNT_ALL, COUNT, COUNT_IF -> BIGINT;
            case BOOL_AND, BOOL_OR -> BOOLEAN;
            case MIN, MAX, ARBITRARY -> argument.orElseThrow();
            case STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP -> DOUBLE;
            case SUM -> {
                Type type = argument.orElseThrow();
                if (TypeCoercion.isIntegral(type)) {
                    yield BIGINT;
                }
                if (type instanceof DecimalType decimal) {
                    yield DecimalType.createDecimalType(38, decimal.getScale());
                }
                if (TypeCoercion.isNumeric(type)) {
                    yield type.equals(io.trino.spi.type.RealType.REAL) ? type : DOUBLE;
                }
                throw Expressions.typeError(Locations.prefix(node) + "Cannot apply sum to " + type.getDisplayName());
            }
            case AVG -> {
                Type type = argument.orElseThrow();
                if (TypeCoercion.isIntegral(type)) {
                    yield DOUBLE;
                }
                if (type instanceof DecimalType) {
                    yield type;
                }
                if (TypeCoercion.isNumeric(type)) {
                    yield type.equals(io.trino.spi.type.RealType.REAL) ? type : DOUBLE;
                }
                throw Expressions.typeError(Locations.prefix(node) + "Cannot apply avg to " + type.getDisplayName());
            }
        };
    }

    static TrawlException unsupported(String name, Node node)
    {
        return new TrawlException(ErrorCode.FUNCTION_NOT_FOUND, Locations.prefix(node) + "Function '" + name + "' not registered");
    }
}
