package io.trawl.scan.crawl;

import io.trawl.scan.crawl.FileSchema.TextLayout;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Columns of delimited text from sampled lines. The delimiter is the candidate ({@code ,} {@code |} tab
 * {@code ;}) that splits every sampled line into the same number (at least two) of fields, the most fields
 * winning; a file no candidate splits consistently is one column. The first line is a header when its fields
 * are all non-empty, distinct, and not numbers, booleans or dates, and either some column below it has a
 * non-string type or the header's values appear nowhere below it (Glue's CSV classifier rules). Without a
 * header, columns are named {@code col0}, {@code col1}, ... as Glue names them. Fields in double quotes make
 * the file OpenCSVSerde's, whose columns are all strings (as in Athena).
 */
final class DelimitedText
{
    private static final char[] CANDIDATES = {',', '|', '\t', ';'};

    private DelimitedText() {}

    static FileSchema infer(List<String> lines)
    {
        char delimiter = detectDelimiter(lines);
        boolean quoted = isQuoted(lines, delimiter);
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines) {
            rows.add(split(line, delimiter, quoted));
        }
        boolean header = hasHeader(rows);
        List<List<String>> data = header ? rows.subList(1, rows.size()) : rows;
        int width = 0;
        for (List<String> row : rows) {
            width = Math.max(width, row.size());
        }
        List<String> names = header ? columnNames(rows.getFirst(), width) : defaultNames(width);
        Map<String, Type> columns = new LinkedHashMap<>();
        for (int column = 0; column < width; column++) {
            Type type = quoted ? VarcharType.VARCHAR : columnType(data, column);
            columns.put(names.get(column), type);
        }
        return new FileSchema(DataFormat.DELIMITED, columns, Optional.of(new TextLayout(delimiter, header, quoted)));
    }

    private static char detectDelimiter(List<String> lines)
    {
        char best = ',';
        int bestFields = 1;
        for (char candidate : CANDIDATES) {
            int fields = -1;
            boolean consistent = true;
            for (String line : lines) {
                int count = split(line, candidate, true).size();
                if (fields == -1) {
                    fields = count;
                }
                else if (fields != count) {
                    consistent = false;
                    break;
                }
            }
            if (consistent && fields > bestFields) {
                best = candidate;
                bestFields = fields;
            }
        }
        return best;
    }

    private static boolean isQuoted(List<String> lines, char delimiter)
    {
        for (String line : lines) {
            for (String field : split(line, delimiter, false)) {
                if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Splits a line; with {@code quoted}, delimiters inside double quotes do not split and the quotes are removed. */
    static List<String> split(String line, char delimiter, boolean quoted)
    {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"') {
                if (inQuotes && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                }
                else {
                    inQuotes = !inQuotes;
                }
            }
            else if (c == delimiter && !inQuotes) {
                fields.add(field.toString());
                field.setLength(0);
            }
            else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static boolean hasHeader(List<List<String>> rows)
    {
        if (rows.size() < 2) {
            return false;
        }
        List<String> first = rows.getFirst();
        Set<String> distinct = new HashSet<>();
        for (String field : first) {
            if (field.isBlank() || !distinct.add(field.strip()) || !(TextValues.typeOf(field.strip()) instanceof VarcharType)) {
                return false;
            }
        }
        List<List<String>> data = rows.subList(1, rows.size());
        for (int column = 0; column < first.size(); column++) {
            Type type = columnType(data, column);
            if (type != null && !(type instanceof VarcharType)) {
                return true;
            }
        }
        for (List<String> row : data) {
            for (String field : row) {
                if (distinct.contains(field.strip())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Type columnType(List<List<String>> rows, int column)
    {
        Type type = null;
        for (List<String> row : rows) {
            if (column < row.size()) {
                type = TypeWidening.widen(type, TextValues.typeOf(row.get(column)));
            }
        }
        return type;
    }

    private static List<String> columnNames(List<String> header, int width)
    {
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int column = 0; column < width; column++) {
            String name = column < header.size() ? Names.columnName(header.get(column)) : "col" + column;
            if (name.isEmpty() || !used.add(name)) {
                name = "col" + column;
                used.add(name);
            }
            names.add(name);
        }
        return names;
    }

    private static List<String> defaultNames(int width)
    {
        List<String> names = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            names.add("col" + column);
        }
        return names;
    }
}
