package io.trawl.cli.output;

import io.trawl.engine.QueryResult;

import java.util.List;
import java.util.function.Consumer;

/**
 * A statement's rows as text (null for SQL NULL), what every output format prints: the embedded engine's Pages
 * rendered by {@link io.trawl.engine.result.ValueFormatter}, or the rows a Trawl API sends, which its result files
 * hold rendered by the same formatter. Rows are produced one at a time, so the streaming formats (CSV, TSV, JSON)
 * never hold more than one row of text.
 */
public interface ResultText
{
    List<OutputColumn> columns();

    /** Calls {@code action} with each row in order; the array is reused, copy it to keep it. Rows can be read once. */
    void forEachRow(Consumer<String[]> action);

    static ResultText of(QueryResult result)
    {
        return new PageText(result.columns(), result.pages());
    }
}
