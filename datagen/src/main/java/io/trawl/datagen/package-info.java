/**
 * TPC-H data for tests, the demo and benchmarks.
 *
 * <pre>
 *  io.trino.tpch generators ──(one task per table part, in parallel)──▶ scan.writer (Parquet | '|'-delimited text)
 *      ──▶ &lt;directory&gt;/&lt;table&gt;/part-NNNNN.&lt;ext&gt; ... then _SUCCESS (scale factor, format, file count)
 *  createTableSql ──▶ the Athena DDL that registers a generated table
 * </pre>
 */
package io.trawl.datagen;
