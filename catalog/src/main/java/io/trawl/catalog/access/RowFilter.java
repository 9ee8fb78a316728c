package io.trawl.catalog.access;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A named row filter and column mask on one table (Lake Formation's data cells filter): a principal granted it
 * without a SELECT grant on the table sees only the rows {@code predicate} (SQL over the table's columns) holds for,
 * and only {@code columns} (empty: every column). Several filters of one principal on a table add up: the union of
 * their rows and of their columns.
 */
public record RowFilter(String name, String database, String table, Optional<List<String>> columns, String predicate, Set<Principal> grantees, String owner)
{
    public RowFilter
    {
        name = requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
        database = requireNonNull(database, "database is null").toLowerCase(Locale.ROOT);
        table = requireNonNull(table, "table is null").toLowerCase(Locale.ROOT);
        columns = requireNonNull(columns, "columns is null").map(names -> names.stream().map(column -> column.toLowerCase(Locale.ROOT)).distinct().toList());
        requireNonNull(predicate, "predicate is null");
        grantees = Set.copyOf(requireNonNull(grantees, "grantees is null"));
        requireNonNull(owner, "owner is null");
    }

    public boolean on(String wantedDatabase, String wantedTable)
    {
        return database.equals(wantedDatabase.toLowerCase(Locale.ROOT)) && table.equals(wantedTable.toLowerCase(Locale.ROOT));
    }

    public boolean allowsColumn(String column)
    {
        return columns.map(names -> names.contains(column.toLowerCase(Locale.ROOT))).orElse(true);
    }

    public RowFilter withGrantees(Set<Principal> changed)
    {
        return new RowFilter(name, database, table, columns, predicate, changed, owner);
    }

    public String object()
    {
        return "row filter %s on table %s.%s".formatted(name, database, table);
    }
}
