package io.trawl.testing.write;

import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.write.FileWriter;
import io.trawl.engine.write.FileWriterFactory;
import io.trawl.engine.write.WrittenFile;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.writer.DelimitedTextWriter;
import io.trawl.scan.writer.ParquetFileWriter;
import io.trino.spi.Page;
import io.trino.spi.type.Type;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A stand-in for scan-workers' format writers, for the write path's tests until those land: Parquet through
 * {@link ParquetFileWriter} (SNAPPY, ZSTD or uncompressed) and uncompressed TEXTFILE through
 * {@link DelimitedTextWriter} with the table's field delimiter and Hive's {@code \N} for NULL, both through the
 * object store, so the engine's readers read back what the write path wrote. Other formats are NOT_SUPPORTED.
 */
final class SimpleFileWriters
        implements FileWriterFactory
{
    private final ObjectStore store;

    SimpleFileWriters(ObjectStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public String fileExtension(Table table)
    {
        return switch (format(table)) {
            case PARQUET -> {
                parquetCompression(table);
                yield ".parquet";
            }
            case TEXT -> {
                String compression = table.parameters().getOrDefault("write.compression", "NONE");
                if (!compression.equalsIgnoreCase("NONE")) {
                    throw new TrawlException(ErrorCode.NOT_SUPPORTED, "The test writers write text uncompressed only, not " + compression);
                }
                yield "";
            }
        };
    }

    @Override
    public FileWriter createWriter(Table table, List<Column> columns, URI location)
    {
        List<String> names = columns.stream().map(Column::name).toList();
        List<Type> types = columns.stream().map(column -> HiveTypes.toTrinoType(column.type())).toList();
        try {
            CountingOutputStream output = new CountingOutputStream(store.create(location));
            return switch (format(table)) {
                case PARQUET -> {
                    ParquetFileWriter writer = new ParquetFileWriter(output, names, types, ParquetFileWriter.Options.defaults().withCompression(parquetCompression(table)));
                    yield new StoreFileWriter(location, output)
                    {
                        @Override
                        void write(Page page)
                                throws IOException
                        {
                            writer.write(page);
                        }

                        @Override
                        long bufferedBytes()
                        {
                            return writer.estimatedBytes();
                        }

                        @Override
                        void finish()
                                throws IOException
                        {
                            writer.close();
                        }
                    };
                }
                case TEXT -> {
                    String delimiter = table.storageDescriptor().serdeInfo().parameters().getOrDefault(SerDeInfo.FIELD_DELIMITER, "\u0001");
                    DelimitedTextWriter writer = new DelimitedTextWriter(output, names, types, new DelimitedTextWriter.Format(delimiter.charAt(0), false, "\\N"));
                    yield new StoreFileWriter(location, output)
                    {
                        @Override
                        void write(Page page)
                                throws IOException
                        {
                            writer.write(page);
                        }

                        @Override
                        long bufferedBytes()
                        {
                            return output.count();
                        }

                        @Override
                        void finish()
                                throws IOException
                        {
                            writer.close();
                        }
                    };
                }
            };
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot create " + location + ": " + e.getMessage(), e);
        }
    }

    private enum Format { PARQUET, TEXT }

    private static Format format(Table table)
    {
        StorageDescriptor descriptor = table.storageDescriptor();
        if (descriptor.inputFormat().equals(StorageDescriptor.PARQUET_INPUT_FORMAT)) {
            return Format.PARQUET;
        }
        if (descriptor.inputFormat().equals(StorageDescriptor.TEXT_INPUT_FORMAT) && descriptor.serdeInfo().serializationLibrary().equals(SerDeInfo.LAZY_SIMPLE_SERDE)) {
            return Format.TEXT;
        }
        throw new TrawlException(ErrorCode.NOT_SUPPORTED, "The test writers cannot write " + descriptor.serdeInfo().serializationLibrary());
    }

    private static ParquetFileWriter.Compression parquetCompression(Table table)
    {
        String compression = table.parameters().getOrDefault("parquet.compression", "SNAPPY").toUpperCase(Locale.ROOT);
        return switch (compression) {
            case "SNAPPY" -> ParquetFileWriter.Compression.SNAPPY;
            case "ZSTD" -> ParquetFileWriter.Compression.ZSTD;
            case "NONE", "UNCOMPRESSED" -> ParquetFileWriter.Compression.UNCOMPRESSED;
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, "The test writers cannot write Parquet with " + compression);
        };
    }

    /** One file through the object store: published when the stream closes, deleted again on abort. */
    private abstract class StoreFileWriter
            implements FileWriter
    {
        private final URI location;
        private final CountingOutputStream output;
        private long rows;
        private boolean closed;

        StoreFileWriter(URI location, CountingOutputStream output)
        {
            this.location = location;
            this.output = output;
        }

        abstract void write(Page page)
                throws IOException;

        abstract long bufferedBytes();

        abstract void finish()
                throws IOException;

        @Override
        public void append(Page page)
        {
            try {
                write(page);
                rows += page.getPositionCount();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long writtenBytes()
        {
            return bufferedBytes();
        }

        @Override
        public long writtenRows()
        {
            return rows;
        }

        @Override
        public WrittenFile commit()
        {
            try {
                closed = true;
                finish();
                return new WrittenFile(location, store.stat(location).size(), rows);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void abort()
        {
            try {
                if (!closed) {
                    closed = true;
                    finish();
                }
                store.delete(location);
            }
            catch (IOException | RuntimeException ignored) {
                // abort is best effort; the engine deletes the staging folder after it
            }
        }
    }

    private static final class CountingOutputStream
            extends FilterOutputStream
    {
        private long count;

        CountingOutputStream(OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(int value)
                throws IOException
        {
            out.write(value);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            out.write(bytes, offset, length);
            count += length;
        }

        long count()
        {
            return count;
        }
    }
}
