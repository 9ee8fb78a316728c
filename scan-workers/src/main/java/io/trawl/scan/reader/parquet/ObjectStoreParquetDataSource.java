package io.trawl.scan.reader.parquet;

import io.trawl.scan.meter.MeteredFile;
import io.trino.parquet.AbstractParquetDataSource;
import io.trino.parquet.ParquetDataSourceId;
import io.trino.parquet.ParquetReaderOptions;

import java.io.IOException;

/**
 * trino-parquet's positional reads served by the object store. The abstract base class plans the reads of
 * column chunks (merging ranges closer than the options' merge distance into one request); every request it
 * makes arrives here and is metered by {@link MeteredFile}.
 */
final class ObjectStoreParquetDataSource
        extends AbstractParquetDataSource
{
    private final MeteredFile file;

    ObjectStoreParquetDataSource(MeteredFile file, ParquetReaderOptions options)
    {
        super(new ParquetDataSourceId(file.location().toString()), file.size(), options);
        this.file = file;
    }

    @Override
    protected void readInternal(long position, byte[] buffer, int bufferOffset, int bufferLength)
            throws IOException
    {
        file.readFully(position, buffer, bufferOffset, bufferLength);
    }
}
