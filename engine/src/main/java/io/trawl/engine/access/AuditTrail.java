package io.trawl.engine.access;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one statement read, collected while it is planned for its audit event. The engine binds one to
 * {@link #CURRENT} around a statement; the planner, which sees every table and column a statement reads (however
 * many times it plans), adds to whichever is bound. A scoped value rather than a parameter because a statement
 * is planned from many paths (queries, EXPLAIN, writes, views) that all take only the session.
 */
public final class AuditTrail
{
    public static final ScopedValue<AuditTrail> CURRENT = ScopedValue.newInstance();

    private final Set<String> tables = new TreeSet<>();
    private final Set<String> columns = new TreeSet<>();

    /** Records a table read, and when {@code column} is not null one of its columns, on the bound trail if any. */
    public static void read(String table, String column)
    {
        if (CURRENT.isBound()) {
            AuditTrail trail = CURRENT.get();
            synchronized (trail) {
                trail.tables.add(table);
                if (column != null) {
                    trail.columns.add(table + "." + column);
                }
            }
        }
    }

    public synchronized List<String> tables()
    {
        return List.copyOf(tables);
    }

    public synchronized List<String> columns()
    {
        return List.copyOf(columns);
    }
}
