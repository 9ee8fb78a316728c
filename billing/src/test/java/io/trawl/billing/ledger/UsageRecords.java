package io.trawl.billing.ledger;

import io.trawl.billing.ChargingRules;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.StatementType;

import java.time.Instant;

/** Usage records for tests. */
final class UsageRecords
{
    private UsageRecords() {}

    static UsageRecord record(String queryId, String start, long bytesScanned)
    {
        Instant startTime = Instant.parse(start);
        return UsageRecord.of(queryId, "primary", "alice", StatementType.QUERY, QueryOutcome.SUCCEEDED,
                ChargingRules.charge(StatementType.QUERY, QueryOutcome.SUCCEEDED, bytesScanned, PricingPolicy.defaults()),
                startTime, startTime.plusMillis(1234));
    }
}
