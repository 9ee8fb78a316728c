package io.trawl.catalog;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A column as Glue stores it: name, type in Hive/Athena DDL spelling ("bigint", "decimal(15,2)",
 * "varchar(25)", "string", "array&lt;int&gt;"), optional comment.
 */
public record Column(String name, String type, Optional<String> comment)
{
    public Column
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(comment, "comment is null");
    }

    public Column(String name, String type)
    {
        this(name, type, Optional.empty());
    }
}
