package io.trawl.cli;

import io.trawl.billing.Charge;
import io.trawl.cli.output.ResultText;
import io.trawl.engine.Session;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One statement as {@code trawl query} reports it, wherever it ran: the session for the statements after it
 * ({@code USE} changes it), its rows (none for statements without columns: DDL, {@code USE}), and what
 * {@code --timing} and the cost summary show.
 *
 * @param bytesScanned everything the statement read, billed or not (the usage ledger's tables are free)
 */
record StatementOutcome(Session session, Optional<ResultText> rows, long elapsedMillis, long bytesScanned, long rowCount, Charge charge)
{
    StatementOutcome
    {
        requireNonNull(session, "session is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(charge, "charge is null");
    }
}
