package io.trawl.scan.writer;

import io.trino.spi.Page;
import io.trino.spi.type.Type;

import java.io.IOException;
import java.util.List;

/** A Parquet data file through trino-parquet's writer ({@link ParquetFileWriter}). */
final class ParquetTableFileWriter
        extends TableFileWriter
{
    private final ParquetFileWriter writer;

    ParquetTableFileWriter(FileOutput output, List<String> names, List<Type> types, ParquetFileWriter.Options options)
    {
        super(output, types);
        this.writer = new ParquetFileWriter(output, names, types, options);
    }

    @Override
    void writePage(Page page)
            throws IOException
    {
        writer.write(page);
    }

    @Override
    void finish()
            throws IOException
    {
        writer.close();
    }

    /** Row groups already written plus the current one's buffered pages: the writer's own estimate. */
    @Override
    public long writtenBytes()
    {
        return writer.estimatedBytes();
    }
}
