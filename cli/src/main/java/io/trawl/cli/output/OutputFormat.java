package io.trawl.cli.output;

import io.trawl.engine.QueryResult;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * How {@code trawl query} prints a statement's rows. Every format renders values with
 * {@link io.trawl.engine.result.ValueFormatter}, so the text of a value is the same in all of them.
 */
public enum OutputFormat
{
    /** Aligned columns as Trino's CLI prints them: numbers right-aligned, NULL shown as {@code NULL}, a row count. */
    TABLE,
    /** RFC 4180: a header line, then one line per row; fields quoted only when needed; NULL is an empty unquoted field, the empty string is {@code ""}. */
    CSV,
    /** A header line, then tab-separated rows; tab, newline, carriage return and backslash escaped as {@code \t \n \r \\}; NULL is an empty field. */
    TSV,
    /** JSON Lines: one object per row keyed by column name; bigint/integer/double/boolean as JSON values, decimals and everything else as strings (exact, as Trino's client returns them), NULL as null. */
    JSON;

    public void print(QueryResult result, PrintWriter out)
    {
        print(ResultText.of(result), out);
    }

    public void print(ResultText text, PrintWriter out)
    {
        switch (this) {
            case TABLE -> TableFormatter.print(text, out);
            case CSV -> CsvFormatter.print(text, out);
            case TSV -> TsvFormatter.print(text, out);
            case JSON -> JsonFormatter.print(text, out);
        }
        out.flush();
    }

    /** Lower case, as users type it after {@code --format}. */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
