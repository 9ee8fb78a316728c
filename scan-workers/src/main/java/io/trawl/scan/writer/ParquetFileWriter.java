package io.trawl.scan.writer;

import io.airlift.units.DataSize;
import io.trino.parquet.writer.ParquetSchemaConverter;
import io.trino.parquet.writer.ParquetWriter;
import io.trino.parquet.writer.ParquetWriterOptions;
import io.trino.spi.Page;
import io.trino.spi.type.Type;
import org.apache.parquet.format.CompressionCodec;
import org.joda.time.DateTimeZone;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Writes Pages to one Parquet file with trino-parquet's writer: column statistics in every row group (what
 * the readers prune on), short decimals as INT32/INT64 and long decimals as fixed-length binary, dates as
 * INT32 days. The stream is closed by {@link #close()}, which writes the footer.
 */
public final class ParquetFileWriter
        implements AutoCloseable
{
    public enum Compression
    {
        SNAPPY(CompressionCodec.SNAPPY),
        GZIP(CompressionCodec.GZIP),
        ZSTD(CompressionCodec.ZSTD),
        UNCOMPRESSED(CompressionCodec.UNCOMPRESSED);

        private final CompressionCodec codec;

        Compression(CompressionCodec codec)
        {
            this.codec = codec;
        }
    }

    /**
     * @param maxRowGroupBytes a row group is closed once its buffered (uncompressed) size reaches this
     * @param maxRowGroupRows a row group is closed once it holds this many rows
     */
    public record Options(Compression compression, long maxRowGroupBytes, int maxRowGroupRows)
    {
        public Options
        {
            requireNonNull(compression, "compression is null");
            if (maxRowGroupBytes <= 0 || maxRowGroupRows <= 0) {
                throw new IllegalArgumentException("row group limits must be positive: %d bytes, %d rows".formatted(maxRowGroupBytes, maxRowGroupRows));
            }
        }

        public static Options defaults()
        {
            return new Options(Compression.SNAPPY, 128L * 1024 * 1024, Integer.MAX_VALUE);
        }

        public Options withMaxRowGroupRows(int rows)
        {
            return new Options(compression, maxRowGroupBytes, rows);
        }

        public Options withCompression(Compression newCompression)
        {
            return new Options(newCompression, maxRowGroupBytes, maxRowGroupRows);
        }
    }

    private static final String CREATED_BY_VERSION = "trawl";

    private final ParquetWriter writer;

    public ParquetFileWriter(OutputStream output, List<String> columnNames, List<Type> columnTypes, Options options)
    {
        requireNonNull(output, "output is null");
        requireNonNull(options, "options is null");
        ParquetSchemaConverter schema = new ParquetSchemaConverter(List.copyOf(columnTypes), List.copyOf(columnNames), false, false);
        ParquetWriterOptions writerOptions = ParquetWriterOptions.builder()
                .setMaxBlockSize(DataSize.ofBytes(options.maxRowGroupBytes()))
                .setMaxRowGroupRowCount(options.maxRowGroupRows())
                .build();
        this.writer = new ParquetWriter(
                output,
                schema.getMessageType(),
                schema.getPrimitiveTypes(),
                writerOptions,
                options.compression().codec,
                CREATED_BY_VERSION,
                Optional.of(DateTimeZone.UTC),
                Optional.empty());
    }

    public void write(Page page)
            throws IOException
    {
        writer.write(page);
    }

    /** Bytes written so far plus bytes buffered for the current row group. */
    public long estimatedBytes()
    {
        return writer.getEstimatedWrittenBytes();
    }

    @Override
    public void close()
            throws IOException
    {
        writer.close();
    }
}
