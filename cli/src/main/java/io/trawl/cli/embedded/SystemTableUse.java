package io.trawl.cli.embedded;

import io.trawl.catalog.Table;
import io.trawl.engine.analyzer.SystemTables;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/** The system tables one statement resolved (by qualified name), so what it read of them is not billed. */
final class SystemTableUse
        implements SystemTables
{
    private final SystemTables delegate;
    private final Set<String> resolved = ConcurrentHashMap.newKeySet();

    SystemTableUse(SystemTables delegate)
    {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public Set<String> catalogs()
    {
        return delegate.catalogs();
    }

    @Override
    public Optional<Table> find(String catalog, String schema, String table)
    {
        Optional<Table> found = delegate.find(catalog, schema, table);
        found.ifPresent(definition -> resolved.add(definition.qualifiedName()));
        return found;
    }

    boolean any()
    {
        return !resolved.isEmpty();
    }

    /** The names scan tasks of these tables report ({@link io.trawl.engine.TaskStats#table()}). */
    Set<String> qualifiedNames()
    {
        return Set.copyOf(resolved);
    }
}
