package io.trawl.engine.access;

import io.trawl.catalog.access.AccessModel;
import io.trawl.catalog.access.AccessStore;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.Collection;
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

    private AccessControl(Optional<AccessStore> store)
    {
        this(store, Optional.empty());
    }

    private AccessControl(Optional<AccessStore> store, Optional<io.trawl.catalog.access.AuditLog> audit)
    {
        this.store = requireNonNull(store, "store is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    public static AccessControl enforcing(AccessStore store)
    {
        return new AccessControl(Optional.of(store));
    }

    /** Enforcing {@code store}, with an audit event for every statement in {@code audit}. */
    public static AccessControl enforcing(AccessStore store, io.trawl.catalog.access.AuditLog audit)
    {
        return new AccessControl(Optional.of(store), Optional.of(audit));
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
