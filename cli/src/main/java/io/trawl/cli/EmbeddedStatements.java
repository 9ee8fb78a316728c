package io.trawl.cli;

import io.trawl.api.embedded.StatementRun;
import io.trawl.api.embedded.StatementRunner;
import io.trawl.cli.output.ResultText;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Statements run by the engine in this process, billed and recorded in the usage ledger as it runs them. */
record EmbeddedStatements(StatementRunner trawl)
        implements StatementTarget
{
    EmbeddedStatements
    {
        requireNonNull(trawl, "trawl is null");
    }

    @Override
    public StatementOutcome run(String sql, Session session)
    {
        long start = System.nanoTime();
        StatementRun run = trawl.run(sql, session);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        QueryResult result = run.result();
        Optional<ResultText> rows = result.columns().isEmpty() ? Optional.empty() : Optional.of(ResultText.of(result));
        return new StatementOutcome(result.session(), rows, elapsedMillis, result.bytesScanned(), result.rowCount(), run.charge());
    }
}
