package io.trawl.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Trino CLI's aligned table:
 * <pre>
 *  name  | total
 * -------+-------
 *  alpha |    10
 *  beta  | NULL
 * (2 rows)
 * </pre>
 * Headers are centred, numbers right-aligned, everything else left-aligned; trailing blanks are trimmed.
 * Tabs and line breaks inside values are shown as {@code \t}, {@code \n}, {@code \r} so every row stays
 * on one line (Trino's CLI wraps such values instead).
 */
final class TableFormatter
{
    private static final String NULL_TEXT = "NULL";

    private TableFormatter() {}

    static void print(ResultText result, PrintWriter out)
    {
        int columnCount = result.columns().size();
        // widths depend on every value, so the table (meant for people, not bulk export) is held in full
        List<String[]> rows = new ArrayList<>();
        result.forEachRow(row -> rows.add(row.clone()));
        int[] widths = new int[columnCount];
        boolean[] numeric = new boolean[columnCount];
        for (int column = 0; column < columnCount; column++) {
            widths[column] = width(result.columns().get(column).name());
            numeric[column] = result.columns().get(column).kind().isNumeric();
        }
        for (String[] row : rows) {
            for (int column = 0; column < columnCount; column++) {
                widths[column] = Math.max(widths[column], width(display(row[column])));
            }
        }

        StringBuilder line = new StringBuilder();
        for (int column = 0; column < columnCount; column++) {
            line.append(column == 0 ? " " : " | ");
            line.append(center(result.columns().get(column).name(), widths[column]));
        }
        printTrimmed(out, line);

        line.setLength(0);
        for (int column = 0; column < columnCount; column++) {
            if (column > 0) {
                line.append('+');
            }
            line.repeat('-', widths[column] + 2);
        }
        out.println(line);

        for (String[] row : rows) {
            line.setLength(0);
            for (int column = 0; column < columnCount; column++) {
                line.append(column == 0 ? " " : " | ");
                String value = display(row[column]);
                int padding = widths[column] - width(value);
                if (numeric[column]) {
                    line.repeat(' ', padding).append(value);
                }
                else {
                    line.append(value).repeat(' ', padding);
                }
            }
            printTrimmed(out, line);
        }
        out.println(rowCount(rows));
    }

    private static String rowCount(List<String[]> rows)
    {
        return rows.size() == 1 ? "(1 row)" : "(" + rows.size() + " rows)";
    }

    private static String display(String value)
    {
        if (value == null) {
            return NULL_TEXT;
        }
        if (value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Width in characters as a terminal shows them (code points; combining and wide characters not special-cased). */
    private static int width(String text)
    {
        return text.codePointCount(0, text.length());
    }

    private static String center(String text, int width)
    {
        int padding = width - width(text);
        int left = padding / 2;
        return " ".repeat(left) + text + " ".repeat(padding - left);
    }

    private static void printTrimmed(PrintWriter out, StringBuilder line)
    {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.println(line.substring(0, end));
    }
}
