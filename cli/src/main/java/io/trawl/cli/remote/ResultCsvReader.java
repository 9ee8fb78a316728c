package io.trawl.cli.remote;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a result CSV as Trawl (and Athena) write it: every value in double quotes with quotes doubled, line breaks
 * inside quotes kept, SQL NULL as an empty unquoted field, records ending with {@code \n}.
 */
final class ResultCsvReader
        implements Closeable
{
    private final BufferedReader in;

    ResultCsvReader(InputStream csv)
    {
        this.in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The next record's values (null for NULL), or empty at the end of the file. */
    Optional<List<String>> next()
            throws IOException
    {
        int c = in.read();
        if (c == -1) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            boolean quoted = c == '"';
            if (quoted) {
                c = readQuoted(field);
            }
            if (c == ',' || c == '\n' || c == -1) {
                values.add(quoted ? field.toString() : null);
                field.setLength(0);
                if (c != ',') {
                    return Optional.of(values);
                }
                c = in.read();
                continue;
            }
            throw new IOException("malformed result CSV: unexpected character '%s' after field %d".formatted(Character.toString(c), values.size() + 1));
        }
    }

    /** Reads a quoted value's content after its opening quote; answers the character after the closing quote. */
    private int readQuoted(StringBuilder field)
            throws IOException
    {
        while (true) {
            int c = in.read();
            if (c == -1) {
                throw new IOException("malformed result CSV: a quoted value is not closed");
            }
            if (c == '"') {
                int next = in.read();
                if (next != '"') {
                    return next;
                }
            }
            field.append((char) c);
        }
    }

    @Override
    public void close()
            throws IOException
    {
        in.close();
    }
}
