package io.trawl.catalog.access;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** Who a grant is given to: a user, a group of users (no nesting) or a role (roles can hold roles). */
public record Principal(Kind kind, String name)
{
    public enum Kind { USER, GROUP, ROLE }

    public Principal
    {
        requireNonNull(kind, "kind is null");
        // principal names compare like Trino's identifiers, case-insensitively
        name = requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
    }

    public static Principal user(String name)
    {
        return new Principal(Kind.USER, name);
    }

    public static Principal group(String name)
    {
        return new Principal(Kind.GROUP, name);
    }

    public static Principal role(String name)
    {
        return new Principal(Kind.ROLE, name);
    }

    @Override
    public String toString()
    {
        return kind + " " + name;
    }
}
