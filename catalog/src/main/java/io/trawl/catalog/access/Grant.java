package io.trawl.catalog.access;

import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One privilege given to one principal on one object: a database ({@code table} empty), every table of a database
 * ({@code table} is {@value #ALL_TABLES}), a table or view, or one column of it. {@code grantOption} lets the
 * grantee grant the same privilege on to others (WITH GRANT OPTION).
 */
public record Grant(Principal grantee, Privilege privilege, String database, Optional<String> table, Optional<String> column, boolean grantOption, String grantor)
{
    public static final String ALL_TABLES = "*";

    public Grant
    {
        requireNonNull(grantee, "grantee is null");
        requireNonNull(privilege, "privilege is null");
        database = requireNonNull(database, "database is null").toLowerCase(Locale.ROOT);
        table = requireNonNull(table, "table is null").map(name -> name.toLowerCase(Locale.ROOT));
        column = requireNonNull(column, "column is null").map(name -> name.toLowerCase(Locale.ROOT));
        requireNonNull(grantor, "grantor is null");
        if (privilege.onDatabase() != table.isEmpty()) {
            throw new IllegalArgumentException(privilege + " cannot be granted on " + object(database, table, column));
        }
        if (column.isPresent() && (privilege != Privilege.SELECT || table.isEmpty() || table.get().equals(ALL_TABLES))) {
            throw new IllegalArgumentException("Only SELECT can be granted on columns of one table");
        }
    }

    /** The same grant, ignoring the option and who gave it: what REVOKE names. */
    public boolean sameObject(Grant other)
    {
        return grantee.equals(other.grantee) && privilege == other.privilege && database.equals(other.database)
                && table.equals(other.table) && column.equals(other.column);
    }

    /** Whether this grant covers {@code privilege} on the object (a table grant covers each of its columns). */
    public boolean covers(Privilege wanted, String wantedDatabase, Optional<String> wantedTable, Optional<String> wantedColumn)
    {
        if (privilege != wanted || !database.equals(wantedDatabase)) {
            return false;
        }
        if (table.isEmpty()) {
            return wantedTable.isEmpty();
        }
        if (wantedTable.isEmpty() || !(table.get().equals(ALL_TABLES) || table.equals(wantedTable))) {
            return false;
        }
        return column.isEmpty() || column.equals(wantedColumn);
    }

    public String object()
    {
        return object(database, table, column);
    }

    private static String object(String database, Optional<String> table, Optional<String> column)
    {
        if (table.isEmpty()) {
            return "schema " + database;
        }
        if (table.get().equals(ALL_TABLES)) {
            return "all tables in schema " + database;
        }
        return column.map(name -> "column " + name + " of ").orElse("") + "table " + database + "." + table.get();
    }
}
