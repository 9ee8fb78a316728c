/**
 * The {@code trawl} command line.
 * <pre>
 * args ──picocli──▶ QueryCommand / TablesCommand / DemoCommand / CrawlCommand / UsageCommand / ServeCommand
 *                        │ statements (StatementParser.splitStatements), one Session carried along
 *                        ▼
 *                  StatementTarget ─┬─ EmbeddedStatements ── EmbeddedTrawl: QueryEngine + catalog (home/catalog or TRAWL_CATALOG)
 *                        │          │                        + LakeScanProvider + system.billing.usage; billed ──▶ usage ledger
 *                        │          └─ RemoteStatements (--endpoint) ── remote.TrawlApiClient: SigV4-signed REST calls to a
 *                        │                                              Trawl API: submit, poll (ProgressLine), CSV / JSON pages
 *                        │ StatementOutcome: rows as output.ResultText (Pages rendered, or the API's text) + Charge + session
 *                        ▼
 *                  output.OutputFormat (table, csv, tsv, json) ──▶ stdout;  failures, --timing, cost summary ──▶ stderr
 * </pre>
 * {@code trawl usage} is SQL over {@code system.billing.usage}. {@code trawl serve} runs the Trawl API
 * ({@link io.trawl.api.http.TrawlApplication}) until the process is stopped. Exit codes: 0 success, 1 a statement
 * failed, 2 bad usage.
 */
package io.trawl.cli;
