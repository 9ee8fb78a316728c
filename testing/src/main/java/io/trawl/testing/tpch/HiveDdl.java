package io.trawl.testing.tpch;

import io.trawl.catalog.Column;
import io.trawl.testing.CsvDialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the column list and the text format out of a Hive {@code CREATE EXTERNAL TABLE name (col type, ...)
 * ...} statement. The oracle takes its CSV column types and dialect from the DDL text itself, not from
 * Trawl's catalog, so that something Trawl's DDL handling gets wrong shows up as a difference instead of
 * being shared by both sides.
 */
final class HiveDdl
{
    private static final Pattern FIELDS_TERMINATED_BY = Pattern.compile("(?i)FIELDS\\s+TERMINATED\\s+BY\\s+'([^']*)'");
    private static final Pattern ESCAPED_BY = Pattern.compile("(?i)ESCAPED\\s+BY\\s+'([^']*)'");
    private static final Pattern HEADER_LINES = Pattern.compile("(?i)'skip\\.header\\.line\\.count'\\s*=\\s*'(\\d+)'");
    private static final Pattern SEPARATOR_CHAR = Pattern.compile("'separatorChar'\\s*=\\s*'([^']+)'");
    private static final Pattern QUOTE_CHAR = Pattern.compile("'quoteChar'\\s*=\\s*'([^']+)'");
    private static final Pattern ESCAPE_CHAR = Pattern.compile("'escapeChar'\\s*=\\s*'([^']+)'");

    private HiveDdl() {}

    static List<Column> columns(String createTableSql)
    {
        int open = createTableSql.indexOf('(');
        if (open < 0) {
            throw new IllegalArgumentException("no column list in: " + createTableSql);
        }
        List<Column> columns = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int index = open + 1; index < createTableSql.length(); index++) {
            char character = createTableSql.charAt(index);
            if (character == '(' || character == '<') {
                depth++;
            }
            else if ((character == ')' || character == '>') && depth > 0) {
                depth--;
            }
            else if (character == ',' && depth == 0) {
                columns.add(parseColumn(createTableSql.substring(start, index)));
                start = index + 1;
            }
            else if (character == ')') {
                columns.add(parseColumn(createTableSql.substring(start, index)));
                return List.copyOf(columns);
            }
        }
        throw new IllegalArgumentException("unterminated column list in: " + createTableSql);
    }

    /**
     * LazySimpleSerDe's {@code FIELDS TERMINATED BY} (Hive's default is \001; no quoting), or OpenCSVSerde's
     * {@code separatorChar}, {@code quoteChar} and {@code escapeChar} (defaults: comma, double quote,
     * backslash); header lines from {@code skip.header.line.count}.
     */
    static CsvDialect csvDialect(String createTableSql)
    {
        int headerLines = find(HEADER_LINES, createTableSql).map(Integer::parseInt).orElse(0);
        if (createTableSql.contains("OpenCSVSerde")) {
            return new CsvDialect(
                    find(SEPARATOR_CHAR, createTableSql).map(HiveDdl::unescape).orElse(','),
                    Optional.of(find(QUOTE_CHAR, createTableSql).map(HiveDdl::unescape).orElse('"')),
                    Optional.of(find(ESCAPE_CHAR, createTableSql).map(HiveDdl::unescape).orElse('\\')),
                    headerLines);
        }
        if (find(ESCAPED_BY, createTableSql).isPresent()) {
            throw new IllegalArgumentException("DuckDB cannot read LazySimpleSerDe escapes (ESCAPED BY) outside quotes: " + createTableSql);
        }
        return new CsvDialect(
                find(FIELDS_TERMINATED_BY, createTableSql).map(HiveDdl::unescape).orElse((char) 1),
                Optional.empty(),
                Optional.empty(),
                headerLines);
    }

    private static Optional<String> find(Pattern pattern, String text)
    {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Hive spells control characters as a backslash and {@code t}, or a backslash and octal digits. */
    private static char unescape(String literal)
    {
        if (literal.length() > 1 && literal.charAt(0) == '\\') {
            String escaped = literal.substring(1);
            if (escaped.equals("t")) {
                return '\t';
            }
            if (escaped.chars().allMatch(Character::isDigit)) {
                return (char) Integer.parseInt(escaped, 8);
            }
            return escaped.charAt(0);
        }
        return literal.charAt(0);
    }

    private static Column parseColumn(String definition)
    {
        String text = definition.strip();
        int space = indexOfWhitespace(text);
        if (space < 0) {
            throw new IllegalArgumentException("column without a type: " + definition);
        }
        String name = text.substring(0, space).replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
        String type = text.substring(space).strip();
        int comment = type.toLowerCase(Locale.ROOT).indexOf(" comment ");
        if (comment >= 0) {
            type = type.substring(0, comment).strip();
        }
        return new Column(name, type.toLowerCase(Locale.ROOT));
    }

    private static int indexOfWhitespace(String text)
    {
        for (int index = 0; index < text.length(); index++) {
            if (Character.isWhitespace(text.charAt(index))) {
                return index;
            }
        }
        return -1;
    }
}
