package io.trawl.billing;

import static java.util.Objects.requireNonNull;

/**
 * Athena's charging rules as one pure function from (statement type, outcome, bytes scanned) to a {@link Charge}:
 * <ul>
 *   <li>statements that read data ({@link StatementType#readsData()}: queries, DML, EXPLAIN ANALYZE) are billed;
 *       DDL, partition statements, EXPLAIN and utility statements are free;</li>
 *   <li>a billed statement that {@link QueryOutcome#SUCCEEDED} or was {@link QueryOutcome#CANCELLED} (by the user
 *       or the bytes-scanned cutoff) pays for the bytes it read, rounded up to the megabyte with the 10 MB minimum;</li>
 *   <li>{@link QueryOutcome#FAILED} and {@link QueryOutcome#TIMED_OUT} statements are free.</li>
 * </ul>
 */
public final class ChargingRules
{
    private ChargingRules() {}

    public static Charge charge(StatementType type, QueryOutcome outcome, long bytesScanned, PricingPolicy policy)
    {
        requireNonNull(policy, "policy is null");
        if (bytesScanned < 0) {
            throw new IllegalArgumentException("bytesScanned is negative: " + bytesScanned);
        }
        if (!billable(type, outcome)) {
            return Charge.free(bytesScanned, policy);
        }
        return new Charge(bytesScanned, policy.billedBytes(bytesScanned).bytes(), policy.cost(bytesScanned), policy);
    }

    public static boolean billable(StatementType type, QueryOutcome outcome)
    {
        requireNonNull(type, "type is null");
        requireNonNull(outcome, "outcome is null");
        return type.readsData() && (outcome == QueryOutcome.SUCCEEDED || outcome == QueryOutcome.CANCELLED);
    }
}
