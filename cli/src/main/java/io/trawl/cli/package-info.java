/**
 * The {@code trawl} command line.
 * <pre>
 * args ──picocli──▶ QueryCommand / TablesCommand / DemoCommand
 *                        │ statements (StatementParser.splitStatements), one Session carried along
 *                        ▼
 *                  StatementRunner ── EmbeddedTrawl: QueryEngine + LocalCatalogStore(home/catalog) + LakeScanProvider
 *                        │ QueryResult (Trino Pages)
 *                        ▼
 *                  output.OutputFormat (table, csv, tsv, json) ──▶ stdout;  failures, --timing ──▶ stderr
 * </pre>
 * Exit codes: 0 success, 1 a statement failed, 2 bad usage.
 */
package io.trawl.cli;
