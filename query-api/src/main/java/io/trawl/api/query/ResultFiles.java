package io.trawl.api.query;

import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.result.ValueFormatter;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.ObjectStore;
import io.trino.spi.Page;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A query's result files at its output location, written as Athena writes them and read back a page at a time:
 * <ul>
 * <li>{@code <id>.csv} for queries: a header row of column names, then one line per row, every value in double quotes
 *     with quotes doubled, SQL NULL as an empty unquoted field (so NULL and the empty string stay apart);
 * <li>{@code <id>.txt} for DDL and utility statements: one line per row, values separated by tabs;
 * <li>{@code <file>.metadata} beside either: the columns with Athena's types (JSON; Athena's own is a binary
 *     encoding no client reads directly).
 * </ul>
 * A page token is the byte offset the next page starts at, so paging through a large result reads each byte once.
 */
public final class ResultFiles
{
    private static final int READ_CHUNK = 1 << 20;

    private final ObjectStore store;

    public ResultFiles(ObjectStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    /** What was written: rows and bytes of the data file. */
    public record Written(long rows, long bytes) {}

    /** One page of rows (every value text, null for SQL NULL) and the token of the next page, if any. */
    public record ResultPage(List<ColumnInfo> columns, List<List<String>> rows, Optional<String> nextToken) {}

    public static URI dataFile(URI outputLocation, String queryId, boolean tabular)
    {
        String base = outputLocation.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + queryId + (tabular ? ".csv" : ".txt"));
    }

    public static boolean isCsv(URI file)
    {
        return file.getPath().endsWith(".csv");
    }

    public Written write(URI file, QueryResult result)
    {
        List<ResultColumn> columns = result.columns();
        boolean csv = isCsv(file);
        List<ColumnInfo> infos = csv ? columns.stream().map(column -> ColumnInfo.of(column.name(), column.type())).toList()
                : List.of(ColumnInfo.text(columns.isEmpty() ? "result" : columns.getFirst().name()));
        long rows = 0;
        CountingOutputStream counted;
        try (CountingOutputStream out = new CountingOutputStream(new BufferedOutputStream(store.create(file), 1 << 16))) {
            counted = out;
            if (csv) {
                writeCsvLine(out, columns.stream().map(ResultColumn::name).toArray(String[]::new));
            }
            String[] row = new String[columns.size()];
            for (Page page : result.pages()) {
                for (int position = 0; position < page.getPositionCount(); position++) {
                    for (int channel = 0; channel < row.length; channel++) {
                        row[channel] = ValueFormatter.format(columns.get(channel).type(), page.getBlock(channel), position);
                    }
                    if (csv) {
                        writeCsvLine(out, row);
                    }
                    else {
                        writeTextLine(out, row);
                    }
                    rows++;
                }
            }
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot write the query's result to %s: %s".formatted(file, e.getMessage()), e);
        }
        writeMetadata(file, infos, rows);
        return new Written(rows, counted.count);
    }

    public List<ColumnInfo> readColumns(URI file)
    {
        URI metadata = URI.create(file + ".metadata");
        try {
            long size = store.stat(metadata).size();
            byte[] content = store.readRange(metadata, 0, Math.toIntExact(size));
            return QueryHistory.JSON.readValue(content, Metadata.class).columns();
        }
        catch (IOException | RuntimeException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read the result metadata %s: %s".formatted(metadata, e.getMessage()), e);
        }
    }

    /**
     * Reads up to {@code maxRows} rows from {@code token}'s position (the start when empty). The CSV's header row is
     * returned as the first row of the first page, as Athena returns it.
     */
    public ResultPage read(URI file, Optional<String> token, int maxRows)
    {
        List<ColumnInfo> columns = readColumns(file);
        long offset = token.map(ResultFiles::decodeToken).orElse(0L);
        long size;
        try {
            size = store.stat(file).size();
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read the query's result %s: %s".formatted(file, e.getMessage()), e);
        }
        if (offset < 0 || offset > size) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "The NextToken is not valid for this query's result");
        }
        RecordReader reader = new RecordReader(store, file, offset, size, isCsv(file));
        List<List<String>> rows = new ArrayList<>();
        try {
            while (rows.size() < maxRows) {
                Optional<List<String>> row = reader.next();
                if (row.isEmpty()) {
                    break;
                }
                rows.add(row.get());
            }
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read the query's result %s: %s".formatted(file, e.getMessage()), e);
        }
        long next = reader.position();
        return new ResultPage(columns, rows, next < size ? Optional.of(encodeToken(next)) : Optional.empty());
    }

    private void writeMetadata(URI file, List<ColumnInfo> columns, long rows)
    {
        URI metadata = URI.create(file + ".metadata");
        try (OutputStream out = store.create(metadata)) {
            out.write(QueryHistory.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Metadata(1, columns, rows)));
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot write the result metadata %s: %s".formatted(metadata, e.getMessage()), e);
        }
    }

    record Metadata(int version, List<ColumnInfo> columns, long rows) {}

    private static void writeCsvLine(OutputStream out, String[] values)
            throws IOException
    {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = values[i];
            if (value != null) {
                out.write('"');
                out.write(value.replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8));
                out.write('"');
            }
        }
        out.write('\n');
    }

    private static void writeTextLine(OutputStream out, String[] values)
            throws IOException
    {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            if (values[i] != null) {
                out.write(values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write('\n');
    }

    private static String encodeToken(long offset)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("r1:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeToken(String token)
    {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("r1:")) {
                return Long.parseLong(text.substring(3));
            }
        }
        catch (IllegalArgumentException _) {
            // reported below
        }
        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "The NextToken is not valid for this query's result");
    }

    private static final class CountingOutputStream
            extends java.io.FilterOutputStream
    {
        private long count;

        CountingOutputStream(OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(int b)
                throws IOException
        {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            out.write(bytes, offset, length);
            count += length;
        }
    }

    /** Reads records of our own CSV or text files from a byte offset, through ranged reads of 1 MB. */
    private static final class RecordReader
    {
        private final ObjectStore store;
        private final URI file;
        private final long size;
        private final boolean csv;
        private byte[] buffer = new byte[0];
        private long bufferStart;
        private int index;

        RecordReader(ObjectStore store, URI file, long offset, long size, boolean csv)
        {
            this.store = store;
            this.file = file;
            this.size = size;
            this.csv = csv;
            this.bufferStart = offset;
        }

        long position()
        {
            return bufferStart + index;
        }

        private int read()
                throws IOException
        {
            if (index == buffer.length) {
                long start = bufferStart + index;
                if (start >= size) {
                    return -1;
                }
                int length = (int) Math.min(READ_CHUNK, size - start);
                buffer = store.readRange(file, start, length);
                bufferStart = start;
                index = 0;
            }
            return buffer[index++] & 0xFF;
        }

        Optional<List<String>> next()
                throws IOException
        {
            int first = read();
            if (first == -1) {
                return Optional.empty();
            }
            index--;
            return Optional.of(csv ? csvRecord() : List.of(textLine()));
        }

        private String textLine()
                throws IOException
        {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = read(); b != -1 && b != '\n'; b = read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        private List<String> csvRecord()
                throws IOException
        {
            List<String> values = new ArrayList<>();
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            boolean quoted = false;
            while (true) {
                int b = read();
                if (b == '"') {
                    quoted = true;
                    while (true) {
                        int c = read();
                        if (c == -1) {
                            throw new IOException("unterminated quoted field at byte " + position());
                        }
                        if (c == '"') {
                            int d = read();
                            if (d == '"') {
                                field.write('"');
                                continue;
                            }
                            b = d;
                            break;
                        }
                        field.write(c);
                    }
                }
                if (b == ',' || b == '\n' || b == -1) {
                    values.add(quoted ? field.toString(StandardCharsets.UTF_8) : null);
                    field.reset();
                    quoted = false;
                    if (b != ',') {
                        return values;
                    }
                }
                else {
                    throw new IOException("malformed result file at byte " + position());
                }
            }
        }
    }
}
