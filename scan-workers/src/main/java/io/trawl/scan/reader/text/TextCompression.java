package io.trawl.scan.reader.text;

import io.airlift.compress.v3.snappy.SnappyDecompressor;
import io.airlift.compress.v3.snappy.SnappyFramedInputStream;
import io.trino.hive.formats.compression.CompressionKind;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Compression of text files (TEXTFILE, OpenCSV, JSON), chosen by file extension as Hive's
 * CompressionCodecFactory does: {@code .gz}, {@code .zst}, {@code .bz2}, {@code .snappy}, {@code .lz4},
 * {@code .deflate} (and {@code .lzo}/{@code .lzo_deflate}). A file without one of these extensions is plain
 * text, whatever its bytes. Snappy and LZ4 use Hadoop's block framing (what Hadoop's SnappyCodec and
 * Lz4Codec write, and what Athena reads); a {@code .snappy} file in the Snappy framing format (the one
 * snappy-java's SnappyFramedOutputStream and most non-Hadoop tools write) is recognised by its stream
 * identifier and read too. LZ4 frame files (the {@code lz4} command line tool) are not readable, as in Athena.
 *
 * <p>A compressed file cannot be cut into byte ranges, so it is always one split: gzip, snappy and lz4 have no
 * sync points, and although bzip2 and zstd streams can in principle be split, the decompressors here
 * (aircompressor's) only start at the beginning of a stream.
 */
final class TextCompression
{
    private static final int BUFFER_BYTES = 64 * 1024;
    // stream identifier chunk of https://github.com/google/snappy/blob/main/framing_format.txt
    private static final byte[] SNAPPY_FRAMED_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    private TextCompression() {}

    static Optional<CompressionKind> forFile(String fileName)
    {
        return CompressionKind.forFile(fileName.toLowerCase(Locale.ROOT));
    }

    /** The decompressed bytes of a file whose {@link #forFile kind} is known, read from its start. */
    static InputStream decompress(InputStream raw, CompressionKind kind)
            throws IOException
    {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
        if (kind == CompressionKind.SNAPPY && startsWith(buffered, SNAPPY_FRAMED_MAGIC)) {
            return new SnappyFramedInputStream(SnappyDecompressor.create(), buffered, true);
        }
        return kind.createCodec().createStreamDecompressor(buffered);
    }

    private static boolean startsWith(BufferedInputStream stream, byte[] prefix)
            throws IOException
    {
        stream.mark(prefix.length);
        byte[] head = stream.readNBytes(prefix.length);
        stream.reset();
        return Arrays.equals(head, prefix);
    }
}
