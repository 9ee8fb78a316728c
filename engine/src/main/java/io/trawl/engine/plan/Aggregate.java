package io.trawl.engine.plan;

import io.trawl.engine.operator.aggregate.AggregateFunction;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One aggregate output: {@code output = function([distinct] argument) [FILTER (WHERE mask)]}. */
public record Aggregate(Symbol output, AggregateFunction function, Optional<Symbol> argument, boolean distinct, Optional<Symbol> mask)
{
    public Aggregate
    {
        requireNonNull(output, "output is null");
        requireNonNull(function, "function is null");
        requireNonNull(argument, "argument is null");
        requireNonNull(mask, "mask is null");
    }
}
