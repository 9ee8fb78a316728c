package io.trawl.cli.output;

import io.trawl.engine.ResultColumn;
import io.trawl.engine.result.ValueFormatter;
import io.trino.spi.Page;

import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** The embedded engine's result: values rendered from the Pages as they are read. */
record PageText(List<ResultColumn> resultColumns, List<Page> pages)
        implements ResultText
{
    PageText
    {
        resultColumns = List.copyOf(requireNonNull(resultColumns, "resultColumns is null"));
        pages = List.copyOf(requireNonNull(pages, "pages is null"));
    }

    @Override
    public List<OutputColumn> columns()
    {
        return resultColumns.stream().map(column -> new OutputColumn(column.name(), ValueKind.of(column.type()))).toList();
    }

    @Override
    public void forEachRow(Consumer<String[]> action)
    {
        String[] row = new String[resultColumns.size()];
        for (Page page : pages) {
            for (int position = 0; position < page.getPositionCount(); position++) {
                for (int channel = 0; channel < row.length; channel++) {
                    row[channel] = ValueFormatter.format(resultColumns.get(channel).type(), page.getBlock(channel), position);
                }
                action.accept(row);
            }
        }
    }
}
