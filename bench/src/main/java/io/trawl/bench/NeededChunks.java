package io.trawl.bench;

import io.trawl.testing.DuckDbOracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * What a Parquet table costs to read at the least, computed without Trawl's reader: each file's footer
 * ({@code metadataLength + 8}, the length taken from the file's last 8 bytes: 4-byte little-endian length and
 * the magic) and the {@code total_compressed_size} of each column chunk, summed per column over all row
 * groups of all files, as DuckDB's {@code parquet_metadata} reports them.
 */
final class NeededChunks
{
    private static final int POSTSCRIPT_BYTES = 8;

    private final DuckDbOracle duckDb;
    private final Map<Path, TableChunks> tables = new HashMap<>();

    NeededChunks(DuckDbOracle duckDb)
    {
        this.duckDb = requireNonNull(duckDb, "duckDb is null");
    }

    /** Footers of every file of the table: read once per query, whichever columns it needs. */
    long footerBytes(Path tableDirectory)
    {
        return chunks(tableDirectory).footerBytes();
    }

    /** Compressed size of the named columns' chunks in all row groups of all files of the table. */
    long columnBytes(Path tableDirectory, Collection<String> columns)
    {
        TableChunks table = chunks(tableDirectory);
        long bytes = 0;
        for (String column : columns) {
            bytes += table.columnBytes().getOrDefault(column.toLowerCase(Locale.ROOT), 0L);
        }
        return bytes;
    }

    /**
     * Each row group of each file of the table: where it starts (its first column chunk, dictionary page
     * included, as Trawl's split planner reads it) and the compressed size of each column's chunk.
     */
    List<RowGroupChunks> rowGroups(Path tableDirectory)
    {
        List<Path> files = dataFiles(tableDirectory);
        if (files.isEmpty()) {
            return List.of();
        }
        String fileList = files.stream()
                .map(file -> "'" + file.toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        List<List<Object>> rows = duckDb.query("""
                SELECT file_name, row_group_id, path_in_schema, total_compressed_size,
                       CASE WHEN dictionary_page_offset > 0 AND dictionary_page_offset < data_page_offset THEN dictionary_page_offset ELSE data_page_offset END
                FROM parquet_metadata(%s) ORDER BY file_name, row_group_id, column_id""".formatted(fileList));
        Map<List<Object>, Long> starts = new LinkedHashMap<>();
        Map<List<Object>, Map<String, Long>> columnBytes = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            List<Object> rowGroup = List.of(row.get(0).toString(), row.get(1));
            starts.merge(rowGroup, ((Number) row.get(4)).longValue(), Math::min);
            columnBytes.computeIfAbsent(rowGroup, _ -> new HashMap<>())
                    .merge(row.get(2).toString().toLowerCase(Locale.ROOT), ((Number) row.get(3)).longValue(), Long::sum);
        }
        List<RowGroupChunks> rowGroups = new ArrayList<>();
        for (Map.Entry<List<Object>, Long> rowGroup : starts.entrySet()) {
            Path file = Path.of(rowGroup.getKey().getFirst().toString()).toAbsolutePath().normalize();
            rowGroups.add(new RowGroupChunks(file, rowGroup.getValue(), columnBytes.get(rowGroup.getKey())));
        }
        return List.copyOf(rowGroups);
    }

    /** One row group: the file, the offset of its first byte, and its column chunks' compressed sizes by lower-case column name. */
    record RowGroupChunks(Path file, long start, Map<String, Long> columnBytes)
    {
        RowGroupChunks
        {
            requireNonNull(file, "file is null");
            columnBytes = Map.copyOf(columnBytes);
        }

        long columnBytes(Collection<String> columns)
        {
            long bytes = 0;
            for (String column : columns) {
                bytes += columnBytes.getOrDefault(column.toLowerCase(Locale.ROOT), 0L);
            }
            return bytes;
        }
    }

    private TableChunks chunks(Path tableDirectory)
    {
        return tables.computeIfAbsent(tableDirectory.toAbsolutePath().normalize(), this::readChunks);
    }

    private TableChunks readChunks(Path tableDirectory)
    {
        List<Path> files = dataFiles(tableDirectory);
        long footers = 0;
        for (Path file : files) {
            footers += footerLength(file);
        }
        Map<String, Long> columnBytes = new HashMap<>();
        if (!files.isEmpty()) {
            String fileList = files.stream()
                    .map(file -> "'" + file.toString().replace("'", "''") + "'")
                    .collect(Collectors.joining(", ", "[", "]"));
            List<List<Object>> rows = duckDb.query("SELECT path_in_schema, sum(total_compressed_size) FROM parquet_metadata(%s) GROUP BY path_in_schema".formatted(fileList));
            for (List<Object> row : rows) {
                columnBytes.put(row.get(0).toString().toLowerCase(Locale.ROOT), ((Number) row.get(1)).longValue());
            }
        }
        return new TableChunks(footers, columnBytes);
    }

    /** Data files as Hive and Trawl see them: {@code _} and {@code .} files are not data. */
    static List<Path> dataFiles(Path tableDirectory)
    {
        try (Stream<Path> files = Files.list(tableDirectory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("_") && !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tableDirectory, e);
        }
    }

    static long footerLength(Path file)
    {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size < POSTSCRIPT_BYTES) {
                throw new IllegalStateException("not a Parquet file (%d bytes): %s".formatted(size, file));
            }
            ByteBuffer postscript = ByteBuffer.allocate(POSTSCRIPT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (postscript.hasRemaining()) {
                if (channel.read(postscript, size - POSTSCRIPT_BYTES + postscript.position()) < 0) {
                    throw new IllegalStateException("truncated Parquet file: " + file);
                }
            }
            int metadataLength = postscript.getInt(0);
            return Integer.toUnsignedLong(metadataLength) + POSTSCRIPT_BYTES;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the footer length of " + file, e);
        }
    }

    private record TableChunks(long footerBytes, Map<String, Long> columnBytes)
    {
        TableChunks
        {
            columnBytes = Map.copyOf(columnBytes);
        }
    }
}
