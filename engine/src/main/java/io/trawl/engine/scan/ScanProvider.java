package io.trawl.engine.scan;

import io.trawl.catalog.Table;
import io.trino.spi.predicate.TupleDomain;

import java.util.List;

/**
 * What the engine needs from storage, implemented in scan-workers: list a table's files and cut them into
 * splits, estimate its size, and read one split as Pages.
 */
public interface ScanProvider
{
    /**
     * Splits of every data file under the table's location, skipping empty files and files whose name
     * starts with {@code _} or {@code .}, and files whose partition values or pseudo-columns
     * ({@code $path}, {@code $file_size}, {@code $file_modified_time}) cannot match the predicate.
     * Bytes read for planning (Parquet footers) go to the meter.
     *
     * @throws io.trawl.error.TrawlException INVALID_LOCATION when the location is missing or unreadable
     */
    List<ScanSplit> planSplits(Table table, TupleDomain<String> predicate, ByteMeter meter);

    /** All splits of a table. */
    default List<ScanSplit> planSplits(Table table, ByteMeter meter)
    {
        return planSplits(table, TupleDomain.all(), meter);
    }

    /**
     * Splits of the files in the given partition folders only (the catalog's registered partitions that
     * match the query); a folder that does not exist is an empty partition.
     */
    default List<ScanSplit> planSplits(Table table, List<PartitionFolder> partitions, TupleDomain<String> predicate, ByteMeter meter)
    {
        throw new io.trawl.error.TrawlException(io.trawl.error.ErrorCode.NOT_SUPPORTED, "This storage cannot read catalog partitions of " + table.qualifiedName());
    }

    /** The Hive partition folders ({@code key=value/...}) under a partitioned table's location, for MSCK REPAIR TABLE. */
    default List<PartitionFolder> listPartitionFolders(Table table)
    {
        throw new io.trawl.error.TrawlException(io.trawl.error.ErrorCode.NOT_SUPPORTED, "This storage cannot list partition folders of " + table.qualifiedName());
    }

    TableEstimate estimate(Table table);

    /**
     * Metadata of the split's file that planning already fetched and billed (a Parquet footer), in a form
     * {@link #addFileMetadata} takes back: shipped with a scan task so the worker neither fetches nor bills it again.
     */
    default java.util.Optional<byte[]> fileMetadata(Table table, ScanSplit split)
    {
        return java.util.Optional.empty();
    }

    /** Makes file metadata shipped with a scan task known, so reading the split does not fetch it again. */
    default void addFileMetadata(Table table, ScanSplit split, byte[] metadata) {}

    /**
     * What the query's scans would read and bill, estimated before reading any data: the files that survive
     * partition and file pruning (the same listing the scans do), and for Parquet the footers and the needed
     * column chunks of the row groups whose statistics can match the predicate, fetched as the reader would
     * fetch them. Footers are read (not billed) to do this. The scans are estimated together because the
     * query bills a file's footer once however many of its scans read the file; the data is counted per
     * scan, as each scan reads it again.
     *
     * @return one estimate per request, in order
     */
    default List<ScanEstimate> estimateScans(List<ScanRequest> scans)
    {
        throw new io.trawl.error.TrawlException(io.trawl.error.ErrorCode.NOT_SUPPORTED, "This storage cannot estimate the bytes a query scans");
    }

    /**
     * Checks, before a table definition is stored, what only storage knows how to check (e.g. partition
     * projection properties), so a table that could never be read is refused at CREATE time.
     */
    default void checkTable(Table table) {}

    /**
     * @param predicate domains keyed by column name (values in Trino's native representation); the reader
     * may use them to skip row groups or pages whose statistics cannot match
     */
    PageSource createPageSource(Table table, ScanSplit split, List<ScanColumn> columns, TupleDomain<String> predicate, ByteMeter meter);
}
