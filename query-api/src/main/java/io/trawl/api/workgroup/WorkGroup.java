package io.trawl.api.workgroup;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * A work group as Athena defines one: a name, whether it accepts queries, and the configuration its queries run
 * under — where results go (and whether that overrides what a client asks for), the bytes-scanned cutoff per
 * query, which cancels a query the moment it reads more, and the settings Athena keeps and reports back
 * (CloudWatch metrics, requester-pays buckets, the engine version asked for).
 */
public record WorkGroup(
        String name,
        State state,
        String description,
        Instant creationTime,
        Optional<URI> outputLocation,
        boolean enforceWorkGroupConfiguration,
        OptionalLong bytesScannedCutoffPerQuery,
        Map<String, String> tags,
        boolean publishCloudWatchMetricsEnabled,
        boolean requesterPaysEnabled,
        String selectedEngineVersion)
{
    /** The work group every account has, which cannot be deleted (Athena's {@code primary}). */
    public static final String PRIMARY = "primary";

    /**
     * Athena's minimum cutoff, 10,000,000 bytes: the API reference's valid range for
     * {@code WorkGroupConfiguration.BytesScannedCutoffPerQuery} ("Minimum value of 10000000"), which is what
     * CreateWorkGroup and UpdateWorkGroup enforce (the console speaks of 10 MB).
     */
    public static final long MINIMUM_CUTOFF_BYTES = 10_000_000L;

    /** What a work group runs on unless it asks for a version: Athena's {@code AUTO}. */
    public static final String AUTO_ENGINE_VERSION = "AUTO";

    /** The one engine Trawl has, named as Athena names the engine it emulates. */
    public static final String EFFECTIVE_ENGINE_VERSION = "Athena engine version 3";

    public enum State { ENABLED, DISABLED }

    public WorkGroup
    {
        requireNonNull(name, "name is null");
        requireNonNull(state, "state is null");
        description = description == null ? "" : description;
        requireNonNull(creationTime, "creationTime is null");
        requireNonNull(outputLocation, "outputLocation is null");
        requireNonNull(bytesScannedCutoffPerQuery, "bytesScannedCutoffPerQuery is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        requireNonNull(selectedEngineVersion, "selectedEngineVersion is null");
    }

    /** A work group with Athena's defaults for the settings that only Athena's API reports. */
    public WorkGroup(
            String name,
            State state,
            String description,
            Instant creationTime,
            Optional<URI> outputLocation,
            boolean enforceWorkGroupConfiguration,
            OptionalLong bytesScannedCutoffPerQuery,
            Map<String, String> tags)
    {
        this(name, state, description, creationTime, outputLocation, enforceWorkGroupConfiguration, bytesScannedCutoffPerQuery, tags, false, false, AUTO_ENGINE_VERSION);
    }

    public static WorkGroup primary(Instant creationTime)
    {
        return new WorkGroup(PRIMARY, State.ENABLED, "", creationTime, Optional.empty(), false, OptionalLong.empty(), Map.of());
    }

    public boolean enabled()
    {
        return state == State.ENABLED;
    }

    public WorkGroup withState(State newState)
    {
        return new WorkGroup(name, newState, description, creationTime, outputLocation, enforceWorkGroupConfiguration, bytesScannedCutoffPerQuery, tags, publishCloudWatchMetricsEnabled, requesterPaysEnabled, selectedEngineVersion);
    }

    public WorkGroup withDescription(String newDescription)
    {
        return new WorkGroup(name, state, newDescription, creationTime, outputLocation, enforceWorkGroupConfiguration, bytesScannedCutoffPerQuery, tags, publishCloudWatchMetricsEnabled, requesterPaysEnabled, selectedEngineVersion);
    }

    public WorkGroup withOutputLocation(Optional<URI> newOutputLocation)
    {
        return new WorkGroup(name, state, description, creationTime, newOutputLocation, enforceWorkGroupConfiguration, bytesScannedCutoffPerQuery, tags, publishCloudWatchMetricsEnabled, requesterPaysEnabled, selectedEngineVersion);
    }

    public WorkGroup withEnforceWorkGroupConfiguration(boolean enforce)
    {
        return new WorkGroup(name, state, description, creationTime, outputLocation, enforce, bytesScannedCutoffPerQuery, tags, publishCloudWatchMetricsEnabled, requesterPaysEnabled, selectedEngineVersion);
    }

    public WorkGroup withBytesScannedCutoffPerQuery(OptionalLong cutoff)
    {
        return new WorkGroup(name, state, description, creationTime, outputLocation, enforceWorkGroupConfiguration, cutoff, tags, publishCloudWatchMetricsEnabled, requesterPaysEnabled, selectedEngineVersion);
    }

    public WorkGroup withPublishCloudWatchMetricsEnabled(boolean enabled)
    {
        return new WorkGroup(name, state, description, creationTime, outputLocation, enforceWorkGroupConfiguration, bytesScannedCutoffPerQuery, tags, enabled, requesterPaysEnabled, selectedEngineVersion);
    }

    public WorkGroup withRequesterPaysEnabled(boolean enabled)
    {
        return new WorkGroup(name, state, description, creationTime, outputLocation, enforceWorkGroupConfiguration, bytesScannedCutoffPerQuery, tags, publishCloudWatchMetricsEnabled, enabled, selectedEngineVersion);
    }

    public WorkGroup withSelectedEngineVersion(String version)
    {
        return new WorkGroup(name, state, description, creationTime, outputLocation, enforceWorkGroupConfiguration, bytesScannedCutoffPerQuery, tags, publishCloudWatchMetricsEnabled, requesterPaysEnabled, version);
    }
}
