package io.trawl.catalog.access;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Every principal and grant of a deployment, as one immutable value. Changes return a new model and refuse bad
 * input before anything changes (unknown principals, revoking what was never granted, cyclic role grants), so a
 * store can swap the whole model with one conditional write. Administrators hold every privilege.
 *
 * <p>Users exist when created or named administrator; groups hold users and nothing else (no nesting); roles can be
 * given to users, groups and other roles.
 */
public record AccessModel(int format, Set<String> administrators, Set<String> users, Map<String, Set<String>> groups, Set<String> roles,
        List<RoleGrant> roleGrants, List<Grant> grants, List<RowFilter> rowFilters)
{
    public static final int FORMAT = 1;

    public AccessModel
    {
        administrators = Set.copyOf(new TreeSet<>(lower(requireNonNull(administrators, "administrators is null"))));
        users = Set.copyOf(lower(requireNonNull(users, "users is null")));
        Map<String, Set<String>> copy = new TreeMap<>();
        requireNonNull(groups, "groups is null").forEach((group, members) -> copy.put(group.toLowerCase(Locale.ROOT), Set.copyOf(lower(members))));
        groups = Map.copyOf(copy);
        roles = Set.copyOf(lower(requireNonNull(roles, "roles is null")));
        roleGrants = List.copyOf(requireNonNull(roleGrants, "roleGrants is null"));
        grants = List.copyOf(requireNonNull(grants, "grants is null"));
        // models stored before row filters existed have none
        rowFilters = rowFilters == null ? List.of() : List.copyOf(rowFilters);
    }

    public static AccessModel empty(Set<String> administrators)
    {
        return new AccessModel(FORMAT, administrators, Set.of(), Map.of(), Set.of(), List.of(), List.of(), List.of());
    }

    public boolean isAdministrator(String user)
    {
        return administrators.contains(user.toLowerCase(Locale.ROOT));
    }

    public boolean exists(Principal principal)
    {
        return switch (principal.kind()) {
            case USER -> users.contains(principal.name()) || administrators.contains(principal.name());
            case GROUP -> groups.containsKey(principal.name());
            case ROLE -> roles.contains(principal.name());
        };
    }

    /** The user, its groups and every role they hold, directly or through other roles. */
    public Set<Principal> principalsOf(String user)
    {
        Set<Principal> principals = new LinkedHashSet<>();
        principals.add(Principal.user(user));
        groups.forEach((group, members) -> {
            if (members.contains(user.toLowerCase(Locale.ROOT))) {
                principals.add(Principal.group(group));
            }
        });
        Deque<Principal> pending = new ArrayDeque<>(principals);
        while (!pending.isEmpty()) {
            Principal holder = pending.pop();
            for (RoleGrant grant : roleGrants) {
                Principal role = Principal.role(grant.role());
                if (grant.grantee().equals(holder) && principals.add(role)) {
                    pending.push(role);
                }
            }
        }
        return principals;
    }

    /** Whether {@code user} holds {@code privilege} on the object (a table grant covers its columns; a database-wide table grant covers its tables). */
    public boolean allows(String user, Privilege privilege, String database, Optional<String> table, Optional<String> column)
    {
        return isAdministrator(user) || holds(user, grant -> grant.covers(privilege, database.toLowerCase(Locale.ROOT),
                table.map(name -> name.toLowerCase(Locale.ROOT)), column.map(name -> name.toLowerCase(Locale.ROOT))));
    }

    /** Whether {@code user} holds some SELECT on the table: on all of it or on at least one of its columns. */
    public boolean allowsSomeSelect(String user, String database, String table)
    {
        String db = database.toLowerCase(Locale.ROOT);
        String name = table.toLowerCase(Locale.ROOT);
        return isAdministrator(user) || holds(user, grant -> grant.privilege() == Privilege.SELECT && grant.database().equals(db)
                && grant.table().filter(granted -> granted.equals(name) || granted.equals(Grant.ALL_TABLES)).isPresent());
    }

    /** Whether {@code user} holds any grant in the database (USAGE, any privilege on it or its tables, a row filter): what lets it see the database. */
    public boolean seesDatabase(String user, String database)
    {
        String db = database.toLowerCase(Locale.ROOT);
        if (isAdministrator(user) || holds(user, grant -> grant.database().equals(db))) {
            return true;
        }
        Set<Principal> principals = principalsOf(user);
        return rowFilters.stream().anyMatch(filter -> filter.database().equals(db) && filter.grantees().stream().anyMatch(principals::contains));
    }

    /**
     * The row filters through which {@code user} reads the table: those granted to it, its groups or roles, when it
     * holds no SELECT grant on the table or any of its columns (a plain grant reads every row, and no filter
     * applies). Empty for administrators and for users who read the table through grants, or not at all.
     */
    public List<RowFilter> rowFiltersOf(String user, String database, String table)
    {
        if (allowsSomeSelect(user, database, table)) {
            return List.of();
        }
        Set<Principal> principals = principalsOf(user);
        return rowFilters.stream()
                .filter(filter -> filter.on(database, table) && filter.grantees().stream().anyMatch(principals::contains))
                .toList();
    }

    /** Whether {@code user} reads some of the table: through a SELECT grant on it or a column, or through row filters. */
    public boolean readsSome(String user, String database, String table)
    {
        return allowsSomeSelect(user, database, table) || !rowFiltersOf(user, database, table).isEmpty();
    }

    /** Whether {@code user} reads the column: through a SELECT grant covering it, or through a row filter letting it through. */
    public boolean readsColumn(String user, String database, String table, String column)
    {
        return allows(user, Privilege.SELECT, database, Optional.of(table), Optional.of(column))
                || rowFiltersOf(user, database, table).stream().anyMatch(filter -> filter.allowsColumn(column));
    }

    /**
     * Whether {@code user} may list the table's partitions: partition values and locations are data (a row filter on
     * {@code region = 'EU'} must not tell its reader which other regions exist), so listing them needs a plain SELECT
     * grant covering every partition key; reading through row filters alone is not enough.
     */
    public boolean seesPartitions(String user, String database, String table, List<String> partitionKeys)
    {
        return isAdministrator(user) || allowsSomeSelect(user, database, table)
                && partitionKeys.stream().allMatch(key -> allows(user, Privilege.SELECT, database, Optional.of(table), Optional.of(key)));
    }

    /**
     * The model without the table's grants and row filters: what dropping the table leaves, so that a new table of
     * the same name starts with no grants (as Lake Formation drops a table's permissions with the table) and a row
     * filter written for the old table's columns never applies to the new one. Database-wide grants
     * ({@code ON ALL TABLES IN SCHEMA}) stay: they name the database, not the table.
     */
    public AccessModel forgetTable(String database, String table)
    {
        String db = database.toLowerCase(Locale.ROOT);
        Optional<String> name = Optional.of(table.toLowerCase(Locale.ROOT));
        return new AccessModel(format, administrators, users, groups, roles, roleGrants,
                grants.stream().filter(grant -> !(grant.database().equals(db) && grant.table().equals(name))).toList(),
                rowFilters.stream().filter(filter -> !filter.on(db, name.get())).toList());
    }

    /** The model without any grant or row filter in the database: what dropping the database leaves. */
    public AccessModel forgetDatabase(String database)
    {
        String db = database.toLowerCase(Locale.ROOT);
        return new AccessModel(format, administrators, users, groups, roles, roleGrants,
                grants.stream().filter(grant -> !grant.database().equals(db)).toList(),
                rowFilters.stream().filter(filter -> !filter.database().equals(db)).toList());
    }

    public Optional<RowFilter> findRowFilter(String name, String database, String table)
    {
        return rowFilters.stream().filter(filter -> filter.name().equals(name.toLowerCase(Locale.ROOT)) && filter.on(database, table)).findFirst();
    }

    public AccessModel createRowFilter(RowFilter filter)
    {
        if (findRowFilter(filter.name(), filter.database(), filter.table()).isPresent()) {
            throw invalid("Row filter '%s' already exists on table %s.%s".formatted(filter.name(), filter.database(), filter.table()));
        }
        filter.grantees().forEach(this::requireExists);
        List<RowFilter> changed = new ArrayList<>(rowFilters);
        changed.add(filter);
        return new AccessModel(format, administrators, users, groups, roles, roleGrants, grants, changed);
    }

    public AccessModel dropRowFilter(String name, String database, String table)
    {
        RowFilter existing = requireRowFilter(name, database, table);
        return new AccessModel(format, administrators, users, groups, roles, roleGrants, grants,
                rowFilters.stream().filter(filter -> filter != existing).toList());
    }

    /** Grants SELECT through the row filter to {@code grantee}, or with {@code grant} false takes it back (refused when never granted). */
    public AccessModel grantRowFilter(String name, String database, String table, Principal grantee, boolean grant)
    {
        RowFilter existing = requireRowFilter(name, database, table);
        requireExists(grantee);
        if (!grant && !existing.grantees().contains(grantee)) {
            throw invalid("%s was never granted SELECT on %s".formatted(describe(grantee), existing.object()));
        }
        RowFilter changed = existing.withGrantees(grant ? with(existing.grantees(), grantee) : without(existing.grantees(), grantee));
        return new AccessModel(format, administrators, users, groups, roles, roleGrants, grants,
                rowFilters.stream().map(filter -> filter == existing ? changed : filter).toList());
    }

    private RowFilter requireRowFilter(String name, String database, String table)
    {
        return findRowFilter(name, database, table)
                .orElseThrow(() -> invalid("Row filter '%s' does not exist on table %s.%s".formatted(name.toLowerCase(Locale.ROOT), database.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))));
    }

    private static <T> Set<T> with(Set<T> values, T value)
    {
        Set<T> changed = new HashSet<>(values);
        changed.add(value);
        return changed;
    }

    private static <T> Set<T> without(Set<T> values, T value)
    {
        Set<T> changed = new HashSet<>(values);
        changed.remove(value);
        return changed;
    }

    private boolean holds(String user, Predicate<Grant> matches)
    {
        Set<Principal> principals = principalsOf(user);
        return grants.stream().anyMatch(grant -> principals.contains(grant.grantee()) && matches.test(grant));
    }

    // ---------------------------------------------------------------- changes

    public AccessModel createPrincipal(Principal principal)
    {
        if (exists(principal)) {
            throw invalid("%s already exists".formatted(describe(principal)));
        }
        return switch (principal.kind()) {
            case USER -> new AccessModel(format, administrators, plus(users, principal.name()), groups, roles, roleGrants, grants, rowFilters);
            case GROUP -> {
                Map<String, Set<String>> changed = new TreeMap<>(groups);
                changed.put(principal.name(), Set.of());
                yield new AccessModel(format, administrators, users, changed, roles, roleGrants, grants, rowFilters);
            }
            case ROLE -> new AccessModel(format, administrators, users, groups, plus(roles, principal.name()), roleGrants, grants, rowFilters);
        };
    }

    /** Drops the principal with every grant it holds and every role grant that names it. */
    public AccessModel dropPrincipal(Principal principal)
    {
        requireExists(principal);
        if (principal.kind() == Principal.Kind.USER && administrators.contains(principal.name())) {
            throw invalid("User '%s' is an administrator and cannot be dropped".formatted(principal.name()));
        }
        Set<String> newUsers = new HashSet<>(users);
        Map<String, Set<String>> newGroups = new TreeMap<>(groups);
        Set<String> newRoles = new HashSet<>(roles);
        switch (principal.kind()) {
            case USER -> {
                newUsers.remove(principal.name());
                newGroups.replaceAll((group, members) -> minus(members, principal.name()));
            }
            case GROUP -> newGroups.remove(principal.name());
            case ROLE -> newRoles.remove(principal.name());
        }
        List<RoleGrant> newRoleGrants = roleGrants.stream()
                .filter(grant -> !grant.grantee().equals(principal) && !(principal.kind() == Principal.Kind.ROLE && grant.role().equals(principal.name())))
                .toList();
        List<Grant> newGrants = grants.stream().filter(grant -> !grant.grantee().equals(principal)).toList();
        List<RowFilter> newRowFilters = rowFilters.stream().map(filter -> filter.withGrantees(without(filter.grantees(), principal))).toList();
        return new AccessModel(format, administrators, newUsers, newGroups, newRoles, newRoleGrants, newGrants, newRowFilters);
    }

    public AccessModel addToGroup(String group, String user)
    {
        requireExists(Principal.group(group));
        requireExists(Principal.user(user));
        Map<String, Set<String>> changed = new TreeMap<>(groups);
        changed.put(group.toLowerCase(Locale.ROOT), plus(groups.get(group.toLowerCase(Locale.ROOT)), user));
        return new AccessModel(format, administrators, users, changed, roles, roleGrants, grants, rowFilters);
    }

    public AccessModel removeFromGroup(String group, String user)
    {
        requireExists(Principal.group(group));
        Set<String> members = groups.get(group.toLowerCase(Locale.ROOT));
        if (!members.contains(user.toLowerCase(Locale.ROOT))) {
            throw invalid("User '%s' is not a member of group '%s'".formatted(user, group));
        }
        Map<String, Set<String>> changed = new TreeMap<>(groups);
        changed.put(group.toLowerCase(Locale.ROOT), minus(members, user));
        return new AccessModel(format, administrators, users, changed, roles, roleGrants, grants, rowFilters);
    }

    /** Gives {@code grant}; giving it again only widens its grant option. */
    public AccessModel grant(Grant grant)
    {
        requireExists(grant.grantee());
        List<Grant> changed = new ArrayList<>();
        boolean grantOption = grant.grantOption();
        for (Grant existing : grants) {
            if (existing.sameObject(grant)) {
                grantOption |= existing.grantOption();
            }
            else {
                changed.add(existing);
            }
        }
        changed.add(new Grant(grant.grantee(), grant.privilege(), grant.database(), grant.table(), grant.column(), grantOption, grant.grantor()));
        return new AccessModel(format, administrators, users, groups, roles, roleGrants, changed, rowFilters);
    }

    /** Takes back a grant on exactly that object; revoking what was never granted is refused. */
    public AccessModel revoke(Grant grant)
    {
        requireExists(grant.grantee());
        List<Grant> changed = grants.stream().filter(existing -> !existing.sameObject(grant)).toList();
        if (changed.size() == grants.size()) {
            throw invalid("%s was never granted %s on %s".formatted(describe(grant.grantee()), grant.privilege(), grant.object()));
        }
        return new AccessModel(format, administrators, users, groups, roles, roleGrants, changed, rowFilters);
    }

    /** Whether {@code user} may grant {@code grant} to others: an administrator, or a holder of the same privilege WITH GRANT OPTION. */
    public boolean canGrant(String user, Grant grant)
    {
        return isAdministrator(user) || holds(user, held -> held.grantOption()
                && held.covers(grant.privilege(), grant.database(), grant.table().filter(name -> !name.equals(Grant.ALL_TABLES)), grant.column())
                && (grant.table().isEmpty() || !grant.table().get().equals(Grant.ALL_TABLES) || held.table().equals(grant.table())));
    }

    public AccessModel grantRole(RoleGrant roleGrant)
    {
        requireExists(Principal.role(roleGrant.role()));
        requireExists(roleGrant.grantee());
        Principal role = Principal.role(roleGrant.role());
        if (roleGrant.grantee().equals(role) || reachableRoles(roleGrant.grantee(), role)) {
            throw invalid("Granting role '%s' to %s would make a cycle of roles".formatted(roleGrant.role(), describe(roleGrant.grantee())));
        }
        List<RoleGrant> changed = new ArrayList<>(roleGrants.stream()
                .filter(existing -> !(existing.role().equals(roleGrant.role()) && existing.grantee().equals(roleGrant.grantee()))).toList());
        changed.add(roleGrant);
        return new AccessModel(format, administrators, users, groups, roles, changed, grants, rowFilters);
    }

    public AccessModel revokeRole(String role, Principal grantee)
    {
        requireExists(Principal.role(role));
        requireExists(grantee);
        List<RoleGrant> changed = roleGrants.stream()
                .filter(existing -> !(existing.role().equals(role.toLowerCase(Locale.ROOT)) && existing.grantee().equals(grantee))).toList();
        if (changed.size() == roleGrants.size()) {
            throw invalid("Role '%s' was never granted to %s".formatted(role, describe(grantee)));
        }
        return new AccessModel(format, administrators, users, groups, roles, changed, grants, rowFilters);
    }

    /** Whether {@code start} is held, directly or through other roles, by role {@code holder}: granting start to holder would close a cycle. */
    private boolean reachableRoles(Principal holder, Principal start)
    {
        if (holder.kind() != Principal.Kind.ROLE) {
            return false;
        }
        // walk from the role being granted down to the roles it holds; reaching the grantee means a cycle
        Deque<Principal> pending = new ArrayDeque<>(List.of(start));
        Set<Principal> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Principal current = pending.pop();
            if (current.equals(holder)) {
                return true;
            }
            if (seen.add(current)) {
                roleGrants.stream().filter(grant -> grant.grantee().equals(current)).forEach(grant -> pending.push(Principal.role(grant.role())));
            }
        }
        return false;
    }

    private void requireExists(Principal principal)
    {
        if (!exists(principal)) {
            throw invalid("%s does not exist".formatted(describe(principal)));
        }
    }

    private static String describe(Principal principal)
    {
        String kind = principal.kind().name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " '" + principal.name() + "'";
    }

    private static TrawlException invalid(String message)
    {
        return new TrawlException(ErrorCode.INVALID_ARGUMENT, message);
    }

    private static Set<String> lower(Set<String> names)
    {
        Set<String> lowered = new HashSet<>();
        names.forEach(name -> lowered.add(name.toLowerCase(Locale.ROOT)));
        return lowered;
    }

    private static Set<String> plus(Set<String> names, String name)
    {
        Set<String> changed = new HashSet<>(names);
        changed.add(name.toLowerCase(Locale.ROOT));
        return changed;
    }

    private static Set<String> minus(Set<String> names, String name)
    {
        Set<String> changed = new HashSet<>(names);
        changed.remove(name.toLowerCase(Locale.ROOT));
        return changed;
    }
}
