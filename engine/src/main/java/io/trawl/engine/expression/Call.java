package io.trawl.engine.expression;

import io.trino.spi.type.Type;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** An application of a built-in function or operator to bound arguments. */
public record Call(Function function, List<RowExpression> arguments, Type type)
        implements RowExpression
{
    public Call
    {
        requireNonNull(function, "function is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(type, "type is null");
    }

    public RowExpression argument(int index)
    {
        return arguments.get(index);
    }

    @Override
    public String toString()
    {
        return function.name().toLowerCase(java.util.Locale.ROOT) + arguments.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
