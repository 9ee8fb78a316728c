package io.trawl.engine.plan;

import io.trawl.engine.expression.RowExpression;

import static java.util.Objects.requireNonNull;

public record Assignment(Symbol symbol, RowExpression expression)
{
    public Assignment
    {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(expression, "expression is null");
    }
}
