package io.trawl.cli;

import io.trawl.api.embedded.StatementRunner;
import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.BlockBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * A hand-written fake of Trawl for CLI tests: answers known statements with canned results and records
 * what it ran, with which session. Unknown statements fail as the engine would, with a TrawlException.
 */
final class ScriptedTrawl
        implements StatementRunner
{
    record Call(String sql, Session session) {}

    private final Map<String, Function<Session, QueryResult>> answers = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();

    ScriptedTrawl answer(String sql, Function<Session, QueryResult> answer)
    {
        answers.put(sql, answer);
        return this;
    }

    ScriptedTrawl answerRows(String sql, String column, String... values)
    {
        return answer(sql, session -> varcharResult(session, column, values));
    }

    List<Call> calls()
    {
        return List.copyOf(calls);
    }

    List<String> statementsRun()
    {
        return calls.stream().map(Call::sql).toList();
    }

    @Override
    public QueryResult execute(String sql, Session session)
    {
        calls.add(new Call(sql, session));
        Function<Session, QueryResult> answer = answers.get(sql);
        if (answer == null) {
            throw new TrawlException(ErrorCode.SYNTAX_ERROR, "line 1:1: mismatched input '%s'".formatted(sql));
        }
        return answer.apply(session);
    }

    static QueryResult varcharResult(Session session, String column, String... values)
    {
        BlockBuilder builder = VARCHAR.createBlockBuilder(null, values.length);
        for (String value : values) {
            VARCHAR.writeSlice(builder, utf8Slice(value));
        }
        return new QueryResult(StatementKind.QUERY, List.of(new ResultColumn(column, VARCHAR)), List.of(new Page(builder.build())), 0, session);
    }

    static QueryResult bigintResult(Session session, long bytesScanned, String column, long... values)
    {
        BlockBuilder builder = BIGINT.createBlockBuilder(null, values.length);
        for (long value : values) {
            BIGINT.writeLong(builder, value);
        }
        return new QueryResult(StatementKind.QUERY, List.of(new ResultColumn(column, BIGINT)), List.of(new Page(builder.build())), bytesScanned, session);
    }

    static QueryResult ddlResult(Session session)
    {
        return new QueryResult(StatementKind.DDL, List.of(), List.of(), 0, session);
    }
}
