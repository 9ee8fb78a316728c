/**
 * Dry runs: what a query would scan and cost, found before it reads any data ({@code EXPLAIN (TYPE IO)},
 * {@code trawl query --dry-run}).
 * <pre>
 *  optimized plan ──ScanEstimator──▶ one ScanRequest per TableScanNode (partitions as the scan would pick them)
 *                 ──ScanProvider.estimateScans──▶ ScanEstimates (footers read, not billed) ──▶ QueryEstimate
 *  QueryEstimate + PricingPolicy ──IoPlanJson──▶ Trino's EXPLAIN (TYPE IO) JSON, with bytes, billed bytes and cost
 * </pre>
 * The estimate walks the plan the query would run and asks storage the same questions the scans would ask,
 * so estimate and bill agree wherever the answer is in the metadata.
 */
package io.trawl.engine.dryrun;
