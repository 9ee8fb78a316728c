package io.trawl.cli;

import io.trawl.billing.Charge;
import io.trawl.engine.QueryResult;

import static java.util.Objects.requireNonNull;

/**
 * One statement as it ran: its id, its result, and what it was charged (free for DDL and for statements that read
 * only system tables; the same charge the usage ledger recorded for billed ones).
 */
public record StatementRun(String queryId, QueryResult result, Charge charge)
{
    public StatementRun
    {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(result, "result is null");
        requireNonNull(charge, "charge is null");
    }
}
