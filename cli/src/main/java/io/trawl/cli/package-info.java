/**
 * The {@code trawl} command line.
 * <pre>
 * args ──picocli──▶ QueryCommand / TablesCommand / DemoCommand / CrawlCommand / UsageCommand
 *                        │ statements (StatementParser.splitStatements), one Session carried along
 *                        ▼
 *                  StatementRunner ── EmbeddedTrawl: QueryEngine + catalog (home/catalog or TRAWL_CATALOG) + LakeScanProvider
 *                        │                          + system.billing.usage; each billed statement ──▶ usage ledger (meta/usage/)
 *                        │ StatementRun: QueryResult (Trino Pages) + Charge
 *                        ▼
 *                  output.OutputFormat (table, csv, tsv, json) ──▶ stdout;  failures, --timing, cost summary ──▶ stderr
 * </pre>
 * {@code trawl usage} is SQL over {@code system.billing.usage}. Exit codes: 0 success, 1 a statement failed, 2 bad usage.
 */
package io.trawl.cli;

import io.trawl.api.embedded.StatementRunner;
import io.trawl.api.embedded.StatementRun;
