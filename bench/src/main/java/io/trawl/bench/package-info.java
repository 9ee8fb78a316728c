/**
 * {@code ./trawl bench tpch}: times the TPC-H queries on Parquet files and checks every answer.
 * <pre>
 *   TpchBenchCommand ─ generate data if absent ─ register tables (temp catalog) ─ DuckDB views
 *        └► TpchBenchmark: per query, 1 warm-up + N timed runs in Trawl, DuckDB answer (+ N timed runs)
 *             └► QueryOutcome (OK / WRONG / FAILED) ─► BenchReport table; exit 1 unless all OK
 * </pre>
 */
package io.trawl.bench;
