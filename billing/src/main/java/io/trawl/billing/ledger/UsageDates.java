package io.trawl.billing.ledger;

import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which days of usage to read, both ends inclusive and optional. Days are the records' {@link UsageRecord#usageDate()}
 * (UTC day the query started).
 */
public record UsageDates(Optional<LocalDate> since, Optional<LocalDate> until)
{
    public UsageDates
    {
        requireNonNull(since, "since is null");
        requireNonNull(until, "until is null");
        if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
            throw new IllegalArgumentException("until %s is before since %s".formatted(until.get(), since.get()));
        }
    }

    public static UsageDates all()
    {
        return new UsageDates(Optional.empty(), Optional.empty());
    }

    public static UsageDates between(LocalDate since, LocalDate until)
    {
        return new UsageDates(Optional.of(since), Optional.of(until));
    }

    public boolean contains(LocalDate day)
    {
        return since.map(first -> !day.isBefore(first)).orElse(true) && until.map(last -> !day.isAfter(last)).orElse(true);
    }
}
