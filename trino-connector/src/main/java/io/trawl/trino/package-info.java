/**
 * Trawl on a Trino cluster: a Trino plugin whose connector reads Trawl's lake through Trawl's own catalog store,
 * split planner and readers, so bytes are metered exactly as Trawl meters them; an event listener that closes each
 * query's bill in Trawl's usage ledger; and a system access control over Trawl's grants and row filters.
 *
 * <pre>
 *  Trino coordinator                                        Trino workers
 *  ─────────────────                                        ─────────────
 *  TrawlMetadata ── CatalogStore (lake | glue)
 *     applyFilter: TupleDomain ─▶ TrawlTableHandle ───────▶ TrawlPageSourceProvider
 *  TrawlSplitManager ── PartitionSource + LakeScanProvider     └ LakeScanProvider.createPageSource ─▶ Pages
 *     └ TrawlSplit (+ Parquet footer) ────────────────────▶      └ completed bytes ─▶ Trino's physical input
 *     └ footer bytes ─▶ PlanningBytes ─┐                                                    │
 *  UsageEventListener ◀────────────────┴──────── QueryCompletedEvent (per-table input) ◀────┘
 *     └ ChargingRules ─▶ UsageLedger (one record per billed query)
 *  TrawlAccessControl ── AccessStore (grants, row filters) ─▶ Trino's checks, row filters
 * </pre>
 */
package io.trawl.trino;
