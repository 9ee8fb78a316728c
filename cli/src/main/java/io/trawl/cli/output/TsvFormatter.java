package io.trawl.cli.output;

import java.io.PrintWriter;

/** Tab-separated values with a header line; see {@link OutputFormat#TSV}. */
final class TsvFormatter
{
    private TsvFormatter() {}

    static void print(ResultText result, PrintWriter out)
    {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < result.columns().size(); column++) {
            if (column > 0) {
                line.append('\t');
            }
            appendEscaped(line, result.columns().get(column).name());
        }
        out.println(line);
        result.forEachRow(row -> {
            line.setLength(0);
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    line.append('\t');
                }
                if (row[column] != null) {
                    appendEscaped(line, row[column]);
                }
            }
            out.println(line);
        });
    }

    private static void appendEscaped(StringBuilder line, String value)
    {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\\' -> line.append("\\\\");
                default -> line.append(c);
            }
        }
    }
}
