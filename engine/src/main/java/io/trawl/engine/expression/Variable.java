package io.trawl.engine.expression;

import io.trawl.engine.plan.Symbol;
import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

public record Variable(Symbol symbol)
        implements RowExpression
{
    public Variable
    {
        requireNonNull(symbol, "symbol is null");
    }

    @Override
    public Type type()
    {
        return symbol.type();
    }

    @Override
    public String toString()
    {
        return symbol.name();
    }
}
