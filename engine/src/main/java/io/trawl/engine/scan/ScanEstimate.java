package io.trawl.engine.scan;

import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * What one table scan would read, estimated before any data is read.
 *
 * @param bytesScanned the bytes the scan would fetch and bill: data (column chunks, text and Avro ranges) plus
 * the file metadata (Parquet footers) the query would be billed for
 * @param footerBytes the part of {@code bytesScanned} that is file metadata
 * @param metadataBytesRead the bytes the estimate itself read (Parquet footers) to find that out; not billed
 * @param files the files the scan reads after partition and file pruning
 * @param splits the scan tasks it would run
 * @param rowCount the rows in the row groups the scan reads, when the files tell (Parquet)
 */
public record ScanEstimate(long bytesScanned, long footerBytes, long metadataBytesRead, long files, long splits, OptionalLong rowCount)
{
    public ScanEstimate
    {
        requireNonNull(rowCount, "rowCount is null");
        if (bytesScanned < 0 || footerBytes < 0 || footerBytes > bytesScanned || metadataBytesRead < 0 || files < 0 || splits < 0) {
            throw new IllegalArgumentException("invalid scan estimate: %d bytes (%d footer), %d metadata bytes read, %d files, %d splits".formatted(
                    bytesScanned, footerBytes, metadataBytesRead, files, splits));
        }
    }
}
