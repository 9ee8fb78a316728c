package io.trawl.api.query;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * A running query's progress: bytes read so far, splits read of those planned so far (scans plan theirs as they start,
 * so the total can grow), and what the bytes so far would be billed.
 */
public record QueryProgress(long bytesScanned, long splitsCompleted, long splitsPlanned, BigDecimal estimatedCost, String currency)
{
    public QueryProgress
    {
        requireNonNull(estimatedCost, "estimatedCost is null");
        requireNonNull(currency, "currency is null");
    }
}
