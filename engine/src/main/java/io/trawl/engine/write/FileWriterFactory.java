package io.trawl.engine.write;

import io.trawl.catalog.Column;
import io.trawl.catalog.Table;

import java.net.URI;
import java.util.List;

/**
 * What the engine needs to write a table's data files, implemented in scan-workers (Parquet through trino-parquet's
 * writer, text and JSON through trino-hive-formats, Avro through Apache Avro): a writer for one new file in the
 * table's format, SerDe and compression, as its StorageDescriptor and parameters say. The engine decides where files go
 * (staging, partition folders, names), when to roll to a new file, and when to publish them.
 *
 * <p>Implementations are thread-safe: a statement's writers run in parallel, each asking for its own files.
 */
public interface FileWriterFactory
{
    /**
     * The file name suffix for the table's format and compression (e.g. {@code .parquet}, {@code .csv.gz},
     * {@code .json.gz}, {@code .avro}), so other engines recognise the files.
     *
     * @throws io.trawl.error.TrawlException NOT_SUPPORTED for a format or compression this build cannot write
     */
    String fileExtension(Table table);

    /**
     * Opens a writer of one new file at {@code location} holding {@code columns} (the table's data columns, without
     * partition keys), in the table's format. The file is visible to readers only once the writer is committed (on S3
     * a multipart upload completes then); an aborted writer leaves nothing behind.
     *
     * @throws io.trawl.error.TrawlException NOT_SUPPORTED for a format this build cannot write, STORAGE_ERROR when
     *         the location cannot be written
     */
    FileWriter createWriter(Table table, List<Column> columns, URI location);
}
