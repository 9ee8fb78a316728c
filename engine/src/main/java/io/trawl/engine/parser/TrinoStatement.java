package io.trawl.engine.parser;

import io.trino.sql.tree.Statement;

import static java.util.Objects.requireNonNull;

/** A statement parsed by Trino's grammar, as Athena engine v3 parses DML. */
public record TrinoStatement(Statement statement)
        implements ParsedStatement
{
    public TrinoStatement
    {
        requireNonNull(statement, "statement is null");
    }
}
