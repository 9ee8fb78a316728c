package io.trawl.api.athena;

import io.trawl.api.service.ServerSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Server settings whose clock stands still, so that the times an operation stamps can be asserted exactly. */
final class FixedClockSettings
{
    static final Instant NOW = Instant.parse("2026-12-01T10:15:30.250Z");

    private FixedClockSettings() {}

    static ServerSettings at(Path home)
    {
        ServerSettings defaults = ServerSettings.defaults(home);
        return new ServerSettings(defaults.home(), defaults.s3(), defaults.catalogLocation(), defaults.resultsLocation(), defaults.billing(),
                defaults.maxConcurrentQueries(), defaults.maxQueuedQueries(), defaults.queryTimeout(), defaults.historyRetention(),
                defaults.instanceId(), Clock.fixed(NOW, ZoneOffset.UTC), defaults.environment());
    }
}
