package io.trawl.scan.crawl;

import io.trawl.engine.scan.ByteMeter;
import io.trawl.scan.meter.MeteredFile;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.hive.formats.compression.CompressionKind;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The first lines of a text file, decompressed when its extension names a codec (as Hive picks a codec by
 * extension: {@code .gz}, {@code .zst}, {@code .bz2}, {@code .snappy} with Hadoop's framing, {@code .lz4},
 * {@code .deflate}). Only the start of the file is fetched: at most {@link #MAX_LINES} lines and
 * {@link #MAX_CHARACTERS} characters, the sample Glue's classifiers look at too.
 */
final class TextSample
{
    static final int MAX_LINES = 1000;
    private static final int MAX_CHARACTERS = 1 << 20;

    private TextSample() {}

    static Optional<CompressionKind> compressionOf(StoredObject object)
    {
        return CompressionKind.forFile(object.fileName().toLowerCase(Locale.ROOT));
    }

    /** Non-empty lines from the start of the file; a last line cut by the sample limit is dropped. */
    static List<String> lines(ObjectStore store, StoredObject object)
            throws IOException
    {
        List<String> lines = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(new MeteredFile(store, object.location(), object.size(), ByteMeter.NONE).newStream(), 64 * 1024);
                InputStream decompressed = decompress(raw, compressionOf(object));
                BufferedReader reader = new BufferedReader(new InputStreamReader(decompressed, StandardCharsets.UTF_8))) {
            long characters = 0;
            String line;
            while (lines.size() < MAX_LINES && (line = reader.readLine()) != null) {
                characters += line.length() + 1;
                if (characters > MAX_CHARACTERS) {
                    break;
                }
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static InputStream decompress(InputStream raw, Optional<CompressionKind> compression)
            throws IOException
    {
        if (compression.isEmpty()) {
            return raw;
        }
        return compression.get().createCodec().createStreamDecompressor(raw);
    }
}
