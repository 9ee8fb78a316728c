/**
 * What a scan does with storage: list a table's files, cut them into splits, and read a split as Pages.
 *
 * <pre>
 *  Table ──▶ split.DataFiles ──▶ reader.parquet.ParquetFormat / reader.text.TextFileFormat ──▶ ScanSplits
 *  ScanSplit ──▶ PageSource ──▶ Pages with exactly the requested columns
 *                 │ every fetch
 *                 ▼
 *  store.ObjectStore ◀── meter.MeteredFile ──▶ ByteMeter (the query's bill)
 *
 *  ScanRequests (a dry run) ──▶ the same file listing and split planning; Parquet: a ParquetReader over
 *                               PlanningDataSource counts the fetches it plans ──▶ ScanEstimates (footers only read)
 * </pre>
 *
 * {@code writer} holds the Parquet and delimited-text writers (TPC-H data now, CTAS and UNLOAD later).
 */
package io.trawl.scan;
