package io.trawl.scan.writer;

import io.trino.hive.formats.compression.CompressionKind;

import java.util.Locale;
import java.util.Optional;

/**
 * The compressions a table can be written with, by the names Athena's {@code write_compression} takes
 * (https://docs.aws.amazon.com/athena/latest/ug/compression-support-hive.html). Which ones a format accepts is
 * the format's business ({@link WriteFormat}).
 */
enum WriteCodec
{
    NONE(Optional.empty()),
    GZIP(Optional.of(CompressionKind.GZIP)),
    SNAPPY(Optional.of(CompressionKind.SNAPPY)),
    ZSTD(Optional.of(CompressionKind.ZSTD)),
    LZ4(Optional.of(CompressionKind.LZ4)),
    BZIP2(Optional.of(CompressionKind.BZIP2)),
    DEFLATE(Optional.of(CompressionKind.DEFLATE));

    private final Optional<CompressionKind> textCompression;

    WriteCodec(Optional<CompressionKind> textCompression)
    {
        this.textCompression = textCompression;
    }

    /** The Hadoop codec a text file is compressed with; empty for plain text. */
    Optional<CompressionKind> textCompression()
    {
        return textCompression;
    }

    /** The file name suffix readers pick a text file's codec by (Hadoop's CompressionCodecFactory): {@code .gz}, {@code .zst}, ... */
    String textSuffix()
    {
        return textCompression.map(CompressionKind::getFileExtension).orElse("");
    }

    /** A codec by any of its spellings ({@code UNCOMPRESSED} is Parquet's name for none, {@code ZSTANDARD} Avro's for zstd). */
    static Optional<WriteCodec> parse(String name)
    {
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "NONE", "UNCOMPRESSED" -> Optional.of(NONE);
            case "GZIP" -> Optional.of(GZIP);
            case "SNAPPY" -> Optional.of(SNAPPY);
            case "ZSTD", "ZSTANDARD" -> Optional.of(ZSTD);
            case "LZ4" -> Optional.of(LZ4);
            case "BZIP2" -> Optional.of(BZIP2);
            case "DEFLATE" -> Optional.of(DEFLATE);
            default -> Optional.empty();
        };
    }
}
