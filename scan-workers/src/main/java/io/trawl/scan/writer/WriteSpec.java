package io.trawl.scan.writer;

import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.hive.formats.encodings.text.TextEncodingOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * How one table's files are written: the format its storage selects, and the compression its properties ask for.
 *
 * <p>Compression is the first of these properties that is set, looked up in the table's parameters and then its
 * SerDe's: {@code write_compression} (Athena's CTAS and INSERT property), {@code write.compression}, for Parquet
 * {@code parquet_compression} and {@code parquet.compression} (the older CTAS name and the Hive table property),
 * then {@code compression} (UNLOAD's). A value a format cannot write is refused, as Athena refuses it.
 * {@code compression_level} (1 to 22) goes only with ZSTD, as in Athena
 * (https://docs.aws.amazon.com/athena/latest/ug/compression-support-zstd-levels.html).
 */
record WriteSpec(WriteFormat format, WriteCodec codec, OptionalInt compressionLevel)
{
    static final String WRITE_COMPRESSION = "write_compression";
    static final String COMPRESSION_LEVEL = "compression_level";
    /** Athena's CTAS property for delimited text; the readers take the SerDe's {@code field.delim}, which it must agree with. */
    static final String FIELD_DELIMITER = "field_delimiter";
    private static final List<String> COMPRESSION_PROPERTIES = List.of(WRITE_COMPRESSION, "write.compression", "compression");
    private static final List<String> PARQUET_COMPRESSION_PROPERTIES = List.of(WRITE_COMPRESSION, "write.compression", "parquet_compression", "parquet.compression", "compression");
    private static final int MIN_ZSTD_LEVEL = 1;
    private static final int MAX_ZSTD_LEVEL = 22;

    WriteSpec
    {
        requireNonNull(format, "format is null");
        requireNonNull(codec, "codec is null");
        requireNonNull(compressionLevel, "compressionLevel is null");
    }

    /**
     * @throws TrawlException NOT_SUPPORTED for a format or compression that cannot be written, INVALID_ARGUMENT for a
     *         property value that is not one
     */
    static WriteSpec of(Table table)
    {
        WriteFormat format = WriteFormat.of(table);
        WriteCodec codec = codec(table, format);
        OptionalInt level = compressionLevel(table, codec);
        if (format == WriteFormat.DELIMITED_TEXT) {
            checkFieldDelimiter(table);
        }
        return new WriteSpec(format, codec, level);
    }

    /** The file name suffix: the format's, then for text the compression's, which is how readers choose the codec. */
    String fileExtension(Table table)
    {
        String base = format == WriteFormat.DELIMITED_TEXT ? delimitedTextExtension(table) : format.extension();
        return format.isText() ? base + codec.textSuffix() : base;
    }

    private static String delimitedTextExtension(Table table)
    {
        byte delimiter = textOptions(table).getSeparators().getByte(0);
        return switch (delimiter) {
            case ',' -> ".csv";
            case '\t' -> ".tsv";
            default -> ".txt";
        };
    }

    static TextEncodingOptions textOptions(Table table)
    {
        return TextEncodingOptions.fromSchema(table.storageDescriptor().serdeInfo().parameters());
    }

    private static WriteCodec codec(Table table, WriteFormat format)
    {
        List<String> names = format == WriteFormat.PARQUET ? PARQUET_COMPRESSION_PROPERTIES : COMPRESSION_PROPERTIES;
        for (String name : names) {
            Optional<String> value = property(table, name);
            if (value.isEmpty()) {
                continue;
            }
            WriteCodec codec = WriteCodec.parse(value.get()).orElseThrow(() -> new TrawlException(ErrorCode.INVALID_ARGUMENT,
                    "Table %s: %s '%s' is not a compression (NONE, GZIP, SNAPPY, ZSTD, LZ4, BZIP2, DEFLATE)".formatted(table.qualifiedName(), name, value.get())));
            if (!format.accepts(codec)) {
                throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Table %s: %s files cannot be written with %s compression".formatted(
                        table.qualifiedName(), formatName(format), codec));
            }
            return codec;
        }
        return format.defaultCodec();
    }

    private static OptionalInt compressionLevel(Table table, WriteCodec codec)
    {
        Optional<String> value = property(table, COMPRESSION_LEVEL);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        int level;
        try {
            level = Integer.parseInt(value.get().trim());
        }
        catch (NumberFormatException e) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: %s must be an integer, was '%s'".formatted(table.qualifiedName(), COMPRESSION_LEVEL, value.get()));
        }
        if (codec != WriteCodec.ZSTD) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: %s applies only to ZSTD compression, not %s".formatted(table.qualifiedName(), COMPRESSION_LEVEL, codec));
        }
        if (level < MIN_ZSTD_LEVEL || level > MAX_ZSTD_LEVEL) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: %s must be between %d and %d, was %d".formatted(
                    table.qualifiedName(), COMPRESSION_LEVEL, MIN_ZSTD_LEVEL, MAX_ZSTD_LEVEL, level));
        }
        return OptionalInt.of(level);
    }

    /** A table whose {@code field_delimiter} disagrees with its SerDe's would be written in a layout it does not read. */
    private static void checkFieldDelimiter(Table table)
    {
        Optional<String> declared = Optional.ofNullable(table.parameters().get(FIELD_DELIMITER));
        if (declared.isEmpty()) {
            return;
        }
        byte serdeDelimiter = textOptions(table).getSeparators().getByte(0);
        String delimiter = declared.get();
        if (delimiter.length() != 1 || delimiter.charAt(0) != (char) (serdeDelimiter & 0xff)) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: %s '%s' disagrees with its SerDe's %s '%s', which is what readers split fields on".formatted(
                    table.qualifiedName(), FIELD_DELIMITER, delimiter, SerDeInfo.FIELD_DELIMITER, (char) (serdeDelimiter & 0xff)));
        }
    }

    private static Optional<String> property(Table table, String name)
    {
        String value = table.parameters().get(name);
        if (value == null) {
            value = table.storageDescriptor().serdeInfo().parameters().get(name);
        }
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }

    private static String formatName(WriteFormat format)
    {
        return switch (format) {
            case PARQUET -> "Parquet";
            case AVRO -> "Avro";
            case DELIMITED_TEXT -> "TEXTFILE";
            case OPEN_CSV -> "OpenCSV";
            case HIVE_JSON, OPENX_JSON -> "JSON";
        };
    }
}
