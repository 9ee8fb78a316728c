package io.trawl.engine.plan;

import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/** A named, typed value flowing between plan nodes. Names are unique within one query plan. */
public record Symbol(String name, Type type)
{
    public Symbol
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    @Override
    public String toString()
    {
        return name;
    }
}
