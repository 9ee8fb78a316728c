package io.trawl.cli.output;

import java.io.PrintWriter;

/** JSON Lines, one object per row; see {@link OutputFormat#JSON}. */
final class JsonFormatter
{
    private JsonFormatter() {}

    static void print(ResultText result, PrintWriter out)
    {
        int columnCount = result.columns().size();
        boolean[] bare = new boolean[columnCount];
        String[] keys = new String[columnCount];
        for (int column = 0; column < columnCount; column++) {
            bare[column] = result.columns().get(column).kind().isBareJson();
            keys[column] = quote(result.columns().get(column).name());
        }
        StringBuilder line = new StringBuilder();
        result.forEachRow(row -> {
            line.setLength(0);
            line.append('{');
            for (int column = 0; column < columnCount; column++) {
                if (column > 0) {
                    line.append(',');
                }
                line.append(keys[column]).append(':');
                String value = row[column];
                if (value == null) {
                    line.append("null");
                }
                else if (bare[column] && isFinite(value)) {
                    line.append(value);
                }
                else {
                    line.append(quote(value));
                }
            }
            line.append('}');
            out.println(line);
        });
    }

    /** NaN and infinities have no JSON number form: they are written as strings, as Jackson does. */
    private static boolean isFinite(String value)
    {
        return !value.equals("NaN") && !value.endsWith("Infinity");
    }

    static String quote(String value)
    {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append("\\u%04x".formatted((int) c));
                    }
                    else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
