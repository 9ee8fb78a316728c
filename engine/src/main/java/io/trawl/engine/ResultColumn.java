package io.trawl.engine;

import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/** A result column: its label and its Trino type. */
public record ResultColumn(String name, Type type)
{
    public ResultColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
