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

import static java.util.Objects.requireNonNull;

/**
 * A result with every value already rendered to text (null for SQL NULL): what all output formats
 * start from.
 */
record ResultText(List<ResultColumn> columns, List<String[]> rows)
{
    ResultText
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }

    static ResultText of(QueryResult result)
    {
        List<ResultColumn> columns = result.columns();
        List<String[]> rows = new ArrayList<>();
        for (Page page : result.pages()) {
            for (int position = 0; position < page.getPositionCount(); position++) {
                String[] row = new String[columns.size()];
                for (int channel = 0; channel < columns.size(); channel++) {
                    row[channel] = ValueFormatter.format(columns.get(channel).type(), page.getBlock(channel), position);
                }
                rows.add(row);
            }
        }
        return new ResultText(columns, rows);
    }

    static boolean isNumeric(Type type)
    {
        return type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType
                || type instanceof DecimalType || type instanceof DoubleType || type instanceof RealType;
    }
}
