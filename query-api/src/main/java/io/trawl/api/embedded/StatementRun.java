package io.trawl.api.embedded;

import io.trawl.billing.Charge;
import io.trawl.billing.ChargingRules;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.api.embedded.StatementTypes;
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

    /**
     * What a statement that succeeded is charged, by Athena's rules at {@code policy}, for the lake bytes it read:
     * what its system tables' scan tasks read is not billed, and a statement that read system tables and nothing of
     * the lake is free.
     */
    public static Charge charge(String sql, QueryResult result, PricingPolicy policy)
    {
        long systemBytes = result.tasks().stream()
                .filter(task -> result.systemTablesRead().contains(task.table()))
                .mapToLong(io.trawl.engine.TaskStats::bytesScanned)
                .sum();
        long lakeBytes = result.bytesScanned() - systemBytes;
        if (!result.systemTablesRead().isEmpty() && lakeBytes == 0) {
            return Charge.free(0, policy);
        }
        return ChargingRules.charge(StatementTypes.of(sql, result.kind()), QueryOutcome.SUCCEEDED, lakeBytes, policy);
    }
}
