package io.trawl.engine.operator.aggregate;

import io.trino.spi.type.Type;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One aggregate to compute. The analyzer has already decided the types with Trino's rules:
 * count → bigint; sum(integer types) → bigint; sum(decimal(p,s)) → decimal(38,s); sum(double/real) → double;
 * avg(integer types) → double; avg(decimal(p,s)) → decimal(p,s) rounded half-up; avg(double) → double;
 * min/max/arbitrary → input type; stddev/variance → double.
 *
 * @param inputChannel the argument's channel, or -1 for count(*)
 * @param distinct aggregate over distinct non-null values only
 * @param maskChannel a boolean channel; rows where it is not true are ignored (FILTER (WHERE ...))
 */
public record AggregateCall(AggregateFunction function, int inputChannel, Optional<Type> inputType, Type outputType, boolean distinct, Optional<Integer> maskChannel)
{
    public AggregateCall
    {
        requireNonNull(function, "function is null");
        requireNonNull(inputType, "inputType is null");
        requireNonNull(outputType, "outputType is null");
        requireNonNull(maskChannel, "maskChannel is null");
    }
}
