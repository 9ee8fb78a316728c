package io.trawl.engine.ddl;

import io.airlift.slice.Slices;
import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.trino.spi.type.VarcharType.VARCHAR;

/** A metadata result: named VARCHAR columns and rows of text, as SHOW and DESCRIBE return them. */
public final class TextResult
{
    private final List<String> columnNames;
    private final List<List<String>> rows = new ArrayList<>();

    public TextResult(String... columnNames)
    {
        this.columnNames = List.of(columnNames);
    }

    public TextResult addRow(String... values)
    {
        if (values.length != columnNames.size()) {
            throw new IllegalArgumentException("Expected " + columnNames.size() + " values, got " + values.length);
        }
        rows.add(List.of(values));
        return this;
    }

    public QueryResult toResult(Session session)
    {
        List<ResultColumn> columns = columnNames.stream().map(name -> new ResultColumn(name, VARCHAR)).toList();
        if (rows.isEmpty()) {
            return new QueryResult(StatementKind.DDL, columns, List.of(), 0, session);
        }
        List<Type> types = Collections.nCopies(columnNames.size(), VARCHAR);
        PageBuilder builder = new PageBuilder(types);
        for (List<String> row : rows) {
            builder.declarePosition();
            for (int column = 0; column < row.size(); column++) {
                BlockBuilder block = builder.getBlockBuilder(column);
                VARCHAR.writeSlice(block, Slices.utf8Slice(row.get(column)));
            }
        }
        Page page = builder.build();
        return new QueryResult(StatementKind.DDL, columns, List.of(page), 0, session);
    }

    public static QueryResult empty(Session session)
    {
        return new QueryResult(StatementKind.DDL, List.of(), List.of(), 0, session);
    }
}
