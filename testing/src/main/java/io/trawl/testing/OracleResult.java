package io.trawl.testing;

import io.trawl.engine.ResultColumn;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** DuckDB's answer: columns typed as the equivalent Trino types, and rows as plain Java values (nulls allowed). */
public record OracleResult(List<ResultColumn> columns, List<List<Object>> rows)
{
    public OracleResult
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }
}
