package io.trawl.api.athena;

import io.trawl.api.service.ServerSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Server settings whose clock stands still, so that the times an operation stamps can be asserted exactly. It stands
 * at the moment the tests start, not at a constant, because the server checks that a request's signature time is
 * within 15 minutes of its clock, as AWS does.
 */
final class FixedClockSettings
{
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private FixedClockSettings() {}

    static ServerSettings at(Path home)
    {
        ServerSettings defaults = ServerSettings.defaults(home);
        return new ServerSettings(defaults.home(), defaults.s3(), defaults.catalogLocation(), defaults.resultsLocation(), defaults.billing(),
                defaults.maxConcurrentQueries(), defaults.maxQueuedQueries(), defaults.queryTimeout(), defaults.historyRetention(),
                defaults.instanceId(), Clock.fixed(NOW, ZoneOffset.UTC), defaults.environment());
    }
}
