package io.trawl.cli.output;

import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.result.ValueFormatter;
import io.trino.spi.Page;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A result's rows as text (null for SQL NULL), what all output formats start from. Rows are rendered
 * one at a time, so the streaming formats (CSV, TSV, JSON) never hold more than one row of text.
 */
record ResultText(List<ResultColumn> columns, List<Page> pages)
{
    ResultText
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        pages = List.copyOf(requireNonNull(pages, "pages is null"));
    }

    static ResultText of(QueryResult result)
    {
        return new ResultText(result.columns(), result.pages());
    }

    /** Calls {@code action} with each row in order; the array is reused, copy it to keep it. */
    void forEachRow(Consumer<String[]> action)
    {
        String[] row = new String[columns.size()];
        for (Page page : pages) {
            for (int position = 0; position < page.getPositionCount(); position++) {
                for (int channel = 0; channel < row.length; channel++) {
                    row[channel] = ValueFormatter.format(columns.get(channel).type(), page.getBlock(channel), position);
                }
                action.accept(row);
            }
        }
    }

    List<String[]> allRows()
    {
        List<String[]> rows = new ArrayList<>();
        forEachRow(row -> rows.add(row.clone()));
        return rows;
    }

    static boolean isNumeric(Type type)
    {
        return type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType
                || type instanceof DecimalType || type instanceof DoubleType || type instanceof RealType;
    }
}
