package io.trawl.cli.output;

import static java.util.Objects.requireNonNull;

/** A result column as the output formats see it: its name and the kind of its values. */
public record OutputColumn(String name, ValueKind kind)
{
    public OutputColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }
}
