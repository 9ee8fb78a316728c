/**
 * {@code ./trawl bench}: times the TPC-H queries on Parquet files and checks every answer; measures bytes
 * scanned and scan throughput; predicts a scan's latency and cost on Lambda.
 * <pre>
 *   TpchBenchCommand ─ generate data if absent ─ register tables (temp catalog) ─ DuckDB views
 *        └► TpchBenchmark: per query, 1 warm-up + N timed runs in Trawl, DuckDB answer (+ N timed runs)
 *             └► QueryOutcome (OK / WRONG / FAILED) ─► BenchReport table; exit 1 unless all OK
 *   ScannedBytesCommand (bytes) ─ per query: plan's TableScanNodes ─► columns per table
 *        ├► Trawl bytes scanned (new scan provider; range merging on, then off)
 *        └► NeededChunks: footers (last 8 bytes) + DuckDB parquet_metadata chunk sizes ─► ScannedBytesReport
 *   ScanThroughputCommand (scan) ─ Q6 on lineitem: local disk, and with --s3 the in-process S3 server
 *        └► warm-up + N timed runs ─► ScanThroughput: MB/s, MB/s per core, MB per CPU-second
 *   EstimateCommand (estimate) ─ per query: dry-run estimate (new scan provider) and the run's bytes scanned
 *        (another new provider) ─► EstimateReport: estimated, actual, ratio, estimated cost, metadata read
 *   SimulateCommand (simulate) ─ per query: LakeScanProvider.planSplits of each scanned table
 *        ├► NeededChunks.rowGroups: each split's needed column chunks + footer ─► replicate to --scale-to-sf
 *        └► TaskGrouping (tasks of --task-mib) ─► LambdaScanModel: latency, GB-s, $ next to Athena's $ for the bytes
 * </pre>
 */
package io.trawl.bench;
