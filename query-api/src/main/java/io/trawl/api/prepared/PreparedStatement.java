package io.trawl.api.prepared;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A prepared statement as Athena keeps one: named within its work group (the same name may mean different SQL in
 * two work groups), its SQL with {@code ?} where EXECUTE supplies values, and when it last changed.
 */
public record PreparedStatement(String workGroup, String name, String queryStatement, Optional<String> description, Instant lastModifiedTime)
{
    public PreparedStatement
    {
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(name, "name is null");
        requireNonNull(queryStatement, "queryStatement is null");
        requireNonNull(description, "description is null");
        requireNonNull(lastModifiedTime, "lastModifiedTime is null");
    }
}
