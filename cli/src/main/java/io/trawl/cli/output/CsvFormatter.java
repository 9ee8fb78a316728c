package io.trawl.cli.output;

import java.io.PrintWriter;

/** RFC 4180 CSV with a header line; see {@link OutputFormat#CSV}. */
final class CsvFormatter
{
    private CsvFormatter() {}

    static void print(ResultText result, PrintWriter out)
    {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < result.columns().size(); column++) {
            if (column > 0) {
                line.append(',');
            }
            appendField(line, result.columns().get(column).name());
        }
        out.println(line);
        result.forEachRow(row -> {
            line.setLength(0);
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    line.append(',');
                }
                if (row[column] != null) {
                    appendField(line, row[column]);
                }
            }
            out.println(line);
        });
    }

    /** Quotes a field when it is empty (to tell it from NULL) or holds a comma, quote, CR or LF. */
    private static void appendField(StringBuilder line, String value)
    {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
