package io.trawl.engine;

/** What a statement was; billing and the Athena API (StatementType) follow from it. */
public enum StatementKind
{
    /** SELECT, EXPLAIN ANALYZE, SHOW of data: Athena StatementType DML, billed. */
    QUERY,
    /** CREATE/DROP/DESCRIBE/SHOW/USE: Athena StatementType DDL, free. */
    DDL,
    /** INSERT, CTAS, UNLOAD: Athena StatementType DML, billed. */
    WRITE,
    /** EXPLAIN without ANALYZE: Athena StatementType UTILITY, free. */
    UTILITY
}
