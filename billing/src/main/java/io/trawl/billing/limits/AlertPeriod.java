package io.trawl.billing.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The calendar windows (UTC) a usage alert sums a work group's data scanned over. */
public enum AlertPeriod
{
    HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    AlertPeriod(ChronoUnit unit)
    {
        this.unit = unit;
    }

    /** The start of the window {@code instant} falls in. */
    public Instant windowStart(Instant instant)
    {
        return instant.truncatedTo(unit);
    }

    public Duration length()
    {
        return unit.getDuration();
    }
}
