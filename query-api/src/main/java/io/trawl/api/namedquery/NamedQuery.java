package io.trawl.api.namedquery;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A saved query as Athena keeps one: an id Athena chose, the work group it belongs to, a name and description for
 * people, the database it runs in, and its SQL. {@code clientRequestToken} is the token it was created with, kept so
 * that a retried CreateNamedQuery finds it again.
 */
public record NamedQuery(String id, String workGroup, String name, Optional<String> description, String database, String queryString, Optional<String> clientRequestToken)
{
    public NamedQuery
    {
        requireNonNull(id, "id is null");
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(database, "database is null");
        requireNonNull(queryString, "queryString is null");
        requireNonNull(clientRequestToken, "clientRequestToken is null");
    }

    /** Whether a CreateNamedQuery asking for {@code other} asks for this query (the token decides which one). */
    public boolean sameRequestAs(NamedQuery other)
    {
        return workGroup.equals(other.workGroup)
                && name.equals(other.name)
                && description.equals(other.description)
                && database.equals(other.database)
                && queryString.equals(other.queryString);
    }
}
