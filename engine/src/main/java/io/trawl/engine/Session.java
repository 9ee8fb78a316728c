package io.trawl.engine;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** Who runs a statement and in which context. Immutable: {@code USE x} yields a new session. */
public record Session(String schema, String user)
{
    public static final String DEFAULT_SCHEMA = "default";

    public Session
    {
        schema = requireNonNull(schema, "schema is null").toLowerCase(Locale.ROOT);
        requireNonNull(user, "user is null");
    }

    public static Session defaults()
    {
        return new Session(DEFAULT_SCHEMA, System.getProperty("user.name", "trawl"));
    }

    public Session withSchema(String newSchema)
    {
        return new Session(newSchema, user);
    }
}
