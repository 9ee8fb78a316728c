package io.trawl.api.service;

import io.trawl.api.embedded.BillingSettings;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.s3.S3Config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Everything {@code trawl serve} is configured with, read from the environment (the same variables the CLI reads,
 * so one shell configures both). Defaults run the embedded mode with nothing set.
 *
 * <table>
 * <tr><td>TRAWL_HOME</td><td>local state, default {@code ~/.trawl}</td></tr>
 * <tr><td>TRAWL_CATALOG</td><td>meta location (catalog, query history, work groups, usage), default the home directory</td></tr>
 * <tr><td>TRAWL_RESULTS</td><td>default output location for work groups that set none, default {@code <meta>/results/}</td></tr>
 * <tr><td>TRAWL_MAX_CONCURRENT_QUERIES</td><td>queries this instance runs at once, default 4</td></tr>
 * <tr><td>TRAWL_MAX_QUEUED_QUERIES</td><td>queries it holds QUEUED beyond those; more is {@code TooManyRequestsException}, default 200</td></tr>
 * <tr><td>TRAWL_QUERY_TIMEOUT</td><td>ISO-8601 duration or minutes, default 30 minutes (Athena's DML default)</td></tr>
 * <tr><td>TRAWL_HISTORY_DAYS</td><td>how long execution records are kept, default 45 (Athena's)</td></tr>
 * </table>
 * S3, worker and billing variables are the CLI's ({@link S3Config#fromEnvironment}, {@code TRAWL_WORKERS},
 * {@link BillingSettings#fromEnvironmentWithLimits}); access keys are the authenticator's.
 */
public record ServerSettings(
        Path home,
        S3Config s3,
        Optional<URI> catalogLocation,
        Optional<URI> resultsLocation,
        BillingSettings billing,
        int maxConcurrentQueries,
        int maxQueuedQueries,
        Duration queryTimeout,
        Duration historyRetention,
        String instanceId,
        Clock clock,
        Map<String, String> environment)
{
    public ServerSettings
    {
        requireNonNull(home, "home is null");
        requireNonNull(s3, "s3 is null");
        requireNonNull(catalogLocation, "catalogLocation is null");
        requireNonNull(resultsLocation, "resultsLocation is null");
        requireNonNull(billing, "billing is null");
        if (maxConcurrentQueries < 1 || maxQueuedQueries < 0) {
            throw new IllegalArgumentException("maxConcurrentQueries must be positive and maxQueuedQueries not negative");
        }
        requireNonNull(queryTimeout, "queryTimeout is null");
        requireNonNull(historyRetention, "historyRetention is null");
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(clock, "clock is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    /** Settings for a server over {@code home} with everything else at its default (tests change what they need). */
    public static ServerSettings defaults(Path home)
    {
        return new ServerSettings(home, S3Config.defaults(), Optional.empty(), Optional.empty(), BillingSettings.defaults(),
                4, 200, Duration.ofMinutes(30), Duration.ofDays(45), UUID.randomUUID().toString(), Clock.systemUTC(), Map.of());
    }

    public static ServerSettings fromEnvironment(Map<String, String> environment, Path userHome)
    {
        Path home = Optional.ofNullable(environment.get("TRAWL_HOME")).filter(value -> !value.isBlank()).map(Path::of).orElse(userHome.resolve(".trawl"));
        BillingSettings billing;
        try {
            billing = BillingSettings.fromEnvironmentWithLimits(environment);
        }
        catch (IllegalArgumentException e) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Invalid billing setting: " + e.getMessage(), e);
        }
        return new ServerSettings(
                home,
                S3Config.fromEnvironment(environment),
                location(environment, "TRAWL_CATALOG"),
                location(environment, "TRAWL_RESULTS"),
                billing,
                positive(environment, "TRAWL_MAX_CONCURRENT_QUERIES", 4),
                positive(environment, "TRAWL_MAX_QUEUED_QUERIES", 200),
                duration(environment, "TRAWL_QUERY_TIMEOUT", Duration.ofMinutes(30)),
                Duration.ofDays(positive(environment, "TRAWL_HISTORY_DAYS", 45)),
                UUID.randomUUID().toString(),
                Clock.systemUTC(),
                environment);
    }

    public ServerSettings withCatalogLocation(URI location)
    {
        return new ServerSettings(home, s3, Optional.of(location), resultsLocation, billing, maxConcurrentQueries, maxQueuedQueries, queryTimeout, historyRetention, instanceId, clock, environment);
    }

    public ServerSettings withS3(S3Config newS3)
    {
        return new ServerSettings(home, newS3, catalogLocation, resultsLocation, billing, maxConcurrentQueries, maxQueuedQueries, queryTimeout, historyRetention, instanceId, clock, environment);
    }

    public ServerSettings withBilling(BillingSettings newBilling)
    {
        return new ServerSettings(home, s3, catalogLocation, resultsLocation, newBilling, maxConcurrentQueries, maxQueuedQueries, queryTimeout, historyRetention, instanceId, clock, environment);
    }

    public ServerSettings withConcurrency(int newMaxConcurrentQueries, int newMaxQueuedQueries)
    {
        return new ServerSettings(home, s3, catalogLocation, resultsLocation, billing, newMaxConcurrentQueries, newMaxQueuedQueries, queryTimeout, historyRetention, instanceId, clock, environment);
    }

    public ServerSettings withQueryTimeout(Duration newQueryTimeout)
    {
        return new ServerSettings(home, s3, catalogLocation, resultsLocation, billing, maxConcurrentQueries, maxQueuedQueries, newQueryTimeout, historyRetention, instanceId, clock, environment);
    }

    public ServerSettings withEnvironment(Map<String, String> newEnvironment)
    {
        return new ServerSettings(home, s3, catalogLocation, resultsLocation, billing, maxConcurrentQueries, maxQueuedQueries, queryTimeout, historyRetention, instanceId, clock, newEnvironment);
    }

    private static Optional<URI> location(Map<String, String> environment, String name)
    {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        return Optional.of(URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/"));
    }

    private static int positive(Map<String, String> environment, String name, int defaultValue)
    {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        }
        catch (NumberFormatException _) {
            // reported below
        }
        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s must be a positive whole number, not '%s'".formatted(name, value));
    }

    private static Duration duration(Map<String, String> environment, String name, Duration defaultValue)
    {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return value.trim().toUpperCase(java.util.Locale.ROOT).startsWith("P") ? Duration.parse(value.trim()) : Duration.ofMinutes(Long.parseLong(value.trim()));
        }
        catch (RuntimeException e) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s must be minutes or an ISO-8601 duration (PT30M), not '%s'".formatted(name, value));
        }
    }
}
