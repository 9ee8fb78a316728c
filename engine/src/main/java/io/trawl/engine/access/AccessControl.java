package io.trawl.engine.access;

import io.trawl.catalog.access.AccessModel;
import io.trawl.catalog.access.AccessStore;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The access model an engine enforces, or none: {@link #DISABLED} lets every user do everything (the default, and
 * how Trawl behaves without administrators configured). Each statement reads one {@link #snapshot()} and checks
 * every object against it, so a grant changing mid-statement never half-applies.
 */
public final class AccessControl
{
    public static final AccessControl DISABLED = new AccessControl(Optional.empty());

    private final Optional<AccessStore> store;
    private final Optional<io.trawl.catalog.access.AuditLog> audit;
    private final List<String> allowedLocations;

    private AccessControl(Optional<AccessStore> store)
    {
        this(store, Optional.empty(), List.of());
    }

    private AccessControl(Optional<AccessStore> store, Optional<io.trawl.catalog.access.AuditLog> audit, List<String> allowedLocations)
    {
        this.store = requireNonNull(store, "store is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.allowedLocations = List.copyOf(requireNonNull(allowedLocations, "allowedLocations is null"));
    }

    /**
     * The same control, with table locations and write destinations restricted to under {@code prefixes} (such as
     * {@code s3://bucket/prefix/} or {@code file:///dir/}) while it is enforcing; no prefixes restricts nothing.
     */
    public AccessControl withAllowedLocations(List<String> prefixes)
    {
        return new AccessControl(store, audit, prefixes.stream().map(prefix -> canonical(prefix, "Allowed location")).toList());
    }

    /**
     * Refuses a table LOCATION or a write destination outside the allowed prefixes, when access control is on and
     * locations are restricted: so a user cannot lay a table over, or write into, another tenant's data.
     */
    public void requireAllowedLocation(String location)
    {
        if (store.isEmpty() || allowedLocations.isEmpty()) {
            return;
        }
        String wanted = canonical(location, "Location");
        check(allowedLocations.stream().anyMatch(wanted::startsWith), () -> "Location '%s' is outside the locations this deployment allows".formatted(location));
    }

    /** {@code scheme://authority/path/} with S3's scheme aliases as s3, the path normalized (no {@code ..}), ending with '/'. */
    private static String canonical(String location, String what)
    {
        URI uri;
        try {
            uri = new URI(location.strip()).normalize();
        }
        catch (URISyntaxException e) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "%s '%s' is not a valid URI: %s".formatted(what, location, e.getReason()), e);
        }
        if (uri.getScheme() == null || uri.getPath() == null || uri.getPath().contains("..")) {
            throw new TrawlException(ErrorCode.INVALID_LOCATION, "%s '%s' must be an absolute URI such as s3://bucket/path/ or file:///path/".formatted(what, location));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("s3a") || scheme.equals("s3n")) {
            scheme = "s3";
        }
        String path = uri.getPath().startsWith("/") ? uri.getPath() : "/" + uri.getPath();
        return scheme + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority()) + (path.endsWith("/") ? path : path + "/");
    }

    public static AccessControl enforcing(AccessStore store)
    {
        return new AccessControl(Optional.of(store));
    }

    /** Enforcing {@code store}, with an audit event for every statement in {@code audit}. */
    public static AccessControl enforcing(AccessStore store, io.trawl.catalog.access.AuditLog audit)
    {
        return new AccessControl(Optional.of(store), Optional.of(audit), List.of());
    }

    public Optional<io.trawl.catalog.access.AuditLog> audit()
    {
        return audit;
    }

    public boolean enabled()
    {
        return store.isPresent();
    }

    /** The model every check of one statement reads; empty when access control is off. */
    public Optional<AccessModel> snapshot()
    {
        return store.map(AccessStore::model);
    }

    public AccessStore store()
    {
        return store.orElseThrow(() -> new TrawlException(ErrorCode.NOT_SUPPORTED,
                "Access control is not enabled in this Trawl (configure its administrators with TRAWL_ADMINS)"));
    }

    /**
     * Removes the grants and row filters of a table that was just dropped, when access control is on: a new table of
     * the same name starts with none. Called after the catalog dropped the table, so a failed drop keeps them.
     */
    public void forgetTable(String database, String table)
    {
        forget(model -> model.forgetTable(database, table));
    }

    /** Removes every grant and row filter in a database that was just dropped, when access control is on. */
    public void forgetDatabase(String database)
    {
        forget(model -> model.forgetDatabase(database));
    }

    /** Applies a removal of grants, writing the model only when it removes something (most drops have no grants). */
    private void forget(java.util.function.UnaryOperator<AccessModel> removal)
    {
        store.ifPresent(access -> {
            AccessModel model = access.model();
            if (!removal.apply(model).equals(model)) {
                access.update(removal);
            }
        });
    }

    /** Requires {@code privilege} on the table (or, with {@code table} empty, the database) of the user, when access control is on. */
    public static void require(Optional<AccessModel> access, String user, io.trawl.catalog.access.Privilege privilege, String database, Optional<String> table, String action)
    {
        access.ifPresent(model -> check(model.allows(user, privilege, database, table, Optional.empty()),
                () -> action + " " + database + table.map(name -> "." + name).orElse("")));
    }

    /** Requires an administrator, when access control is on. */
    public static void requireAdministrator(Optional<AccessModel> access, String user, String action)
    {
        access.ifPresent(model -> check(model.isAdministrator(user), () -> action));
    }

    /** Throws ACCESS_DENIED with Trino's wording unless {@code allowed}. */
    public static void check(boolean allowed, Supplier<String> what)
    {
        if (!allowed) {
            throw denied(what.get());
        }
    }

    public static TrawlException denied(String what)
    {
        return new TrawlException(ErrorCode.ACCESS_DENIED, "Access Denied: " + what);
    }

    public static String columns(Collection<String> names)
    {
        return "[" + String.join(", ", names) + "]";
    }
}
