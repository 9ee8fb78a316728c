/**
 * SQL text to statements.
 * <pre>
 * script ──splitStatements──▶ statement text ──parse──▶ TrinoStatement (trino-parser AST: queries, Trino DDL, USE, ...)
 *                                                   └─▶ HiveStatement  (our HiveDdl.g4: CREATE EXTERNAL TABLE, CREATE DATABASE, ...)
 * </pre>
 * Syntax errors leave as TrawlException SYNTAX_ERROR "line L:C: message" from either grammar.
 */
package io.trawl.engine.parser;
