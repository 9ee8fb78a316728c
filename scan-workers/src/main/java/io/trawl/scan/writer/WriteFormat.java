package io.trawl.scan.writer;

import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.scan.reader.TableFormat;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.hive.formats.line.json.JsonSerializerFactory;
import io.trino.hive.formats.line.openxjson.OpenXJsonSerializerFactory;

import java.util.EnumSet;
import java.util.Set;

import static io.trawl.scan.writer.WriteCodec.BZIP2;
import static io.trawl.scan.writer.WriteCodec.DEFLATE;
import static io.trawl.scan.writer.WriteCodec.GZIP;
import static io.trawl.scan.writer.WriteCodec.LZ4;
import static io.trawl.scan.writer.WriteCodec.NONE;
import static io.trawl.scan.writer.WriteCodec.SNAPPY;
import static io.trawl.scan.writer.WriteCodec.ZSTD;

/**
 * The file format a table is written in, chosen from its StorageDescriptor exactly as {@link io.trawl.scan.LakeScanProvider}
 * chooses the reader (input format, then SerDe), so that what is written is what the table reads. Each format takes
 * the compressions Athena engine v3 writes for it
 * (https://docs.aws.amazon.com/athena/latest/ug/compression-support-hive.html): Parquet GZIP, SNAPPY, ZSTD or none
 * (LZ4 and LZO Parquet Athena reads but does not write); text and JSON also BZIP2 and LZ4 (Hadoop's framing); Avro
 * DEFLATE, SNAPPY, ZSTD, BZIP2 or none. GZIP is Athena's default write compression for Hive tables; Avro has no GZIP
 * and gets DEFLATE, its zlib codec, as Trino maps GZIP for Avro.
 */
enum WriteFormat
{
    PARQUET(".parquet", EnumSet.of(NONE, GZIP, SNAPPY, ZSTD), GZIP),
    AVRO(".avro", EnumSet.of(NONE, DEFLATE, SNAPPY, ZSTD, BZIP2), DEFLATE),
    /** LazySimpleSerDe: delimited text, Hive's TEXTFILE. */
    DELIMITED_TEXT(".txt", EnumSet.of(NONE, GZIP, SNAPPY, ZSTD, LZ4, BZIP2), GZIP),
    OPEN_CSV(".csv", EnumSet.of(NONE, GZIP, SNAPPY, ZSTD, LZ4, BZIP2), GZIP),
    HIVE_JSON(".json", EnumSet.of(NONE, GZIP, SNAPPY, ZSTD, LZ4, BZIP2), GZIP),
    OPENX_JSON(".json", EnumSet.of(NONE, GZIP, SNAPPY, ZSTD, LZ4, BZIP2), GZIP);

    private final String extension;
    private final Set<WriteCodec> codecs;
    private final WriteCodec defaultCodec;

    WriteFormat(String extension, Set<WriteCodec> codecs, WriteCodec defaultCodec)
    {
        this.extension = extension;
        this.codecs = Set.copyOf(codecs);
        this.defaultCodec = defaultCodec;
    }

    /** The file name suffix before any compression suffix. */
    String extension()
    {
        return extension;
    }

    boolean accepts(WriteCodec codec)
    {
        return codecs.contains(codec);
    }

    WriteCodec defaultCodec()
    {
        return defaultCodec;
    }

    boolean isText()
    {
        return this != PARQUET && this != AVRO;
    }

    /**
     * @throws TrawlException NOT_SUPPORTED for ORC and for any storage the readers cannot read either
     */
    static WriteFormat of(Table table)
    {
        String serde = table.storageDescriptor().serdeInfo().serializationLibrary();
        return switch (TableFormat.of(table)) {
            case PARQUET -> PARQUET;
            case AVRO -> AVRO;
            case ORC -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Table %s: ORC is not supported for writing; use PARQUET".formatted(table.qualifiedName()));
            case TEXT -> {
                if (SerDeInfo.LAZY_SIMPLE_SERDE.equals(serde)) {
                    yield DELIMITED_TEXT;
                }
                if (SerDeInfo.OPEN_CSV_SERDE.equals(serde)) {
                    yield OPEN_CSV;
                }
                if (new JsonSerializerFactory().getHiveSerDeClassNames().contains(serde)) {
                    yield HIVE_JSON;
                }
                if (new OpenXJsonSerializerFactory().getHiveSerDeClassNames().contains(serde)) {
                    yield OPENX_JSON;
                }
                throw unsupported(table);
            }
            case UNKNOWN -> throw unsupported(table);
        };
    }

    private static TrawlException unsupported(Table table)
    {
        return new TrawlException(ErrorCode.NOT_SUPPORTED, "Table %s: storage format %s with SerDe %s is not supported for writing (Parquet, Avro, TEXTFILE, OpenCSV and JSON are)".formatted(
                table.qualifiedName(), table.storageDescriptor().inputFormat(), table.storageDescriptor().serdeInfo().serializationLibrary()));
    }
}
