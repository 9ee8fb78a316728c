package io.trawl.catalog.access;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** A role given to a user, a group or another role: the grantee holds every privilege the role holds. */
public record RoleGrant(String role, Principal grantee, boolean adminOption)
{
    public RoleGrant
    {
        role = requireNonNull(role, "role is null").toLowerCase(Locale.ROOT);
        requireNonNull(grantee, "grantee is null");
    }
}
