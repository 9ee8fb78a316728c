package io.trawl.engine.parser;

/**
 * One parsed SQL statement: either a Trino AST (queries, Trino DDL, USE, EXPLAIN, ...) or one of the
 * Hive DDL statements Athena accepts and Trino's grammar does not.
 */
public sealed interface ParsedStatement
        permits TrinoStatement, HiveStatement
{
}
