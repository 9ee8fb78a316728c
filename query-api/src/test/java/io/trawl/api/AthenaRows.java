package io.trawl.api;

import io.trawl.engine.ResultColumn;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads results the way an Athena client does (every value a string, types in ColumnInfo) and turns them back into
 * typed Java values, so they can be compared with the DuckDB oracle's rows.
 */
public final class AthenaRows
{
    private AthenaRows() {}

    /** Polls GetQueryExecution until the query is in a terminal state, for at most two minutes. */
    public static QueryExecution awaitTerminal(AthenaClient athena, String queryId)
    {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            QueryExecution execution = athena.getQueryExecution(request -> request.queryExecutionId(queryId)).queryExecution();
            QueryExecutionState state = execution.status().state();
            if (state == QueryExecutionState.SUCCEEDED || state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                return execution;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("query %s still %s after two minutes".formatted(queryId, state));
            }
            sleep(20);
        }
    }

    /** Runs {@code sql} to completion and returns its execution, which must have succeeded. */
    public static QueryExecution run(AthenaClient athena, String database, String sql)
    {
        String id = athena.startQueryExecution(request -> request.queryString(sql).queryExecutionContext(context -> context.database(database))).queryExecutionId();
        QueryExecution execution = awaitTerminal(athena, id);
        if (execution.status().state() != QueryExecutionState.SUCCEEDED) {
            throw new AssertionError("%s ended %s: %s".formatted(sql, execution.status().state(), execution.status().stateChangeReason()));
        }
        return execution;
    }

    /** Every page of the result through the SDK's paginator: the columns, and the rows after the header row. */
    public static Result fetch(AthenaClient athena, String queryId)
    {
        List<ColumnInfo> columns = null;
        List<List<String>> rows = new ArrayList<>();
        int pages = 0;
        for (GetQueryResultsResponse page : athena.getQueryResultsPaginator(request -> request.queryExecutionId(queryId))) {
            pages++;
            if (columns == null) {
                columns = page.resultSet().resultSetMetadata().columnInfo();
            }
            for (Row row : page.resultSet().rows()) {
                rows.add(row.data().stream().map(Datum::varCharValue).toList());
            }
        }
        return new Result(columns, rows, pages);
    }

    public record Result(List<ColumnInfo> columns, List<List<String>> rowsWithHeader, int pages)
    {
        public List<String> header()
        {
            return rowsWithHeader.getFirst();
        }

        public List<List<String>> dataRows()
        {
            return rowsWithHeader.subList(1, rowsWithHeader.size());
        }

        public List<ResultColumn> resultColumns()
        {
            return columns.stream().map(column -> new ResultColumn(column.name(), type(column))).toList();
        }

        /** Data rows as the Java values the oracle comparison uses. */
        public List<List<Object>> typedRows()
        {
            List<ResultColumn> resultColumns = resultColumns();
            List<List<Object>> typed = new ArrayList<>();
            for (List<String> row : dataRows()) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    values.add(value(resultColumns.get(i).type(), row.get(i)));
                }
                typed.add(values);
            }
            return typed;
        }
    }

    static Type type(ColumnInfo column)
    {
        return switch (column.type()) {
            case "bigint", "integer", "smallint", "tinyint" -> BigintType.BIGINT;
            case "double", "float" -> DoubleType.DOUBLE;
            case "decimal" -> DecimalType.createDecimalType(column.precision(), column.scale());
            case "date" -> DateType.DATE;
            case "boolean" -> BooleanType.BOOLEAN;
            default -> VarcharType.VARCHAR;
        };
    }

    private static Object value(Type type, String text)
    {
        if (text == null) {
            return null;
        }
        return switch (type) {
            case BigintType _ -> Long.parseLong(text);
            case DoubleType _ -> Double.parseDouble(text);
            case DecimalType decimal -> new BigDecimal(text).setScale(decimal.getScale());
            case DateType _ -> LocalDate.parse(text);
            case BooleanType _ -> Boolean.parseBoolean(text);
            default -> text;
        };
    }

    private static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
