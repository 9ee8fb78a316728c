package io.trawl.billing.limits;

import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * What a work group's queries may use: Athena's {@code BytesScannedCutoffPerQuery} (a query that passes it is
 * cancelled, and billed for what it read) and its usage alerts.
 */
public record WorkGroupLimits(OptionalLong bytesScannedCutoffPerQuery, List<UsageAlert> alerts)
{
    public WorkGroupLimits
    {
        requireNonNull(bytesScannedCutoffPerQuery, "bytesScannedCutoffPerQuery is null");
        alerts = List.copyOf(requireNonNull(alerts, "alerts is null"));
        bytesScannedCutoffPerQuery.ifPresent(cutoff -> {
            if (cutoff <= 0) {
                throw new IllegalArgumentException("bytes-scanned cutoff must be positive: " + cutoff);
            }
        });
    }

    public static WorkGroupLimits none()
    {
        return new WorkGroupLimits(OptionalLong.empty(), List.of());
    }
}
