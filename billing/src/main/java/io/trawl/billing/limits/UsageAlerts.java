package io.trawl.billing.limits;

import io.trawl.billing.ledger.LedgerStorage;
import io.trawl.billing.ledger.UsageDates;
import io.trawl.billing.ledger.UsageLedger;
import io.trawl.billing.ledger.UsageRecord;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Work-group data usage alerts, evaluated from the usage ledger after each billed query (never during one: alerts
 * do not cancel running queries). An alert fires at most once per window, across every process sharing the meta
 * location: firing is a create-if-absent of {@code alerts/<work group>/<alert>/<window start>.json} in the state
 * storage, and disabling a work group a create-if-absent of {@code workgroups/<work group>/disabled.txt}.
 */
public final class UsageAlerts
{
    private final UsageLedger ledger;
    private final LedgerStorage state;

    /**
     * @param state where fired alerts and disabled work groups are recorded ({@code <meta>/limits/})
     */
    public UsageAlerts(UsageLedger ledger, LedgerStorage state)
    {
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.state = requireNonNull(state, "state is null");
    }

    /** Why the work group takes no queries, if an alert disabled it. */
    public Optional<String> disabledReason(String workGroup)
            throws IOException
    {
        return state.read(disabledKey(workGroup)).map(bytes -> new String(bytes, UTF_8));
    }

    /**
     * The work group's alerts that fire now: those whose window holding {@code now} has reached its threshold and
     * that have not fired in that window before (here or in another process).
     */
    public List<FiredAlert> check(String workGroup, WorkGroupLimits limits, Instant now)
            throws IOException
    {
        List<FiredAlert> fired = new ArrayList<>();
        for (UsageAlert alert : limits.alerts()) {
            Instant windowStart = alert.period().windowStart(now);
            long bytes = bytesScanned(workGroup, windowStart, windowStart.plus(alert.period().length()));
            if (bytes < alert.thresholdBytes()) {
                continue;
            }
            FiredAlert firing = new FiredAlert(workGroup, alert, windowStart, bytes, now);
            if (!state.createIfAbsent("alerts/%s/%s/%d.json".formatted(workGroup, alert.name(), windowStart.getEpochSecond()), firing.toJson().getBytes(UTF_8))) {
                continue;
            }
            if (alert.disableWorkGroup()) {
                state.createIfAbsent(disabledKey(workGroup), firing.message().getBytes(UTF_8));
            }
            fired.add(firing);
        }
        return List.copyOf(fired);
    }

    /** What the work group's queries that started in [start, end) scanned, by the ledger. */
    private long bytesScanned(String workGroup, Instant start, Instant end)
            throws IOException
    {
        LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(end.minusNanos(1), ZoneOffset.UTC);
        long bytes = 0;
        for (UsageRecord record : ledger.read(UsageDates.between(first, last))) {
            if (record.workGroup().equals(workGroup) && !record.startTime().isBefore(start) && record.startTime().isBefore(end)) {
                bytes += record.bytesScanned();
            }
        }
        return bytes;
    }

    private static String disabledKey(String workGroup)
    {
        return "workgroups/%s/disabled.txt".formatted(workGroup);
    }
}
