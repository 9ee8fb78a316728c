package io.trawl.testing.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests set by hand, so usage records have known days. */
public final class TestClock
        extends Clock
{
    private final AtomicReference<Instant> now;

    public TestClock(Instant start)
    {
        this.now = new AtomicReference<>(start);
    }

    public void set(Instant instant)
    {
        now.set(instant);
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        throw new UnsupportedOperationException("a test clock stays in UTC");
    }

    @Override
    public Instant instant()
    {
        return now.get();
    }
}
