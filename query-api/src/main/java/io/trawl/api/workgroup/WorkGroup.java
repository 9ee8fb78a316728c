package io.trawl.api.workgroup;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * A work group as Athena defines one: a name, whether it accepts queries, and the configuration its queries run
 * under — where results go (and whether that overrides what a client asks for), and the bytes-scanned cutoff per
 * query, which cancels a query the moment it reads more.
 */
public record WorkGroup(
        String name,
        State state,
        String description,
        Instant creationTime,
        Optional<URI> outputLocation,
        boolean enforceWorkGroupConfiguration,
        OptionalLong bytesScannedCutoffPerQuery,
        Map<String, String> tags)
{
    /** The work group every account has, which cannot be deleted (Athena's {@code primary}). */
    public static final String PRIMARY = "primary";

    /** Athena's minimum cutoff: 10 MB. */
    public static final long MINIMUM_CUTOFF_BYTES = 10L * 1024 * 1024;

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
    }

    public static WorkGroup primary(Instant creationTime)
    {
        return new WorkGroup(PRIMARY, State.ENABLED, "", creationTime, Optional.empty(), false, OptionalLong.empty(), Map.of());
    }

    public boolean enabled()
    {
        return state == State.ENABLED;
    }
}
