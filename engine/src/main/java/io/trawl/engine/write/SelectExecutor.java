package io.trawl.engine.write;

import io.trawl.engine.QueryControl;
import io.trawl.engine.Session;
import io.trawl.engine.TaskStats;
import io.trawl.engine.plan.OutputNode;
import io.trino.spi.Page;
import io.trino.sql.tree.Query;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * How a write plans and runs its SELECT: the engine's own planner, optimizer and executor, so a write reads (and is
 * metered and cancelled) exactly as the same query would be. The write puts its own projection (casts to the target's
 * types, NULLs for columns an INSERT leaves out) between planning and optimizing.
 */
public interface SelectExecutor
{
    /** The analyzed plan of the query, not yet optimized. */
    OutputNode plan(Query query, Session session);

    /**
     * Optimizes and runs the plan under {@code control}, handing each non-empty page of its output, in the plan's
     * output order, to {@code sink} as it is produced.
     *
     * @return what ran: the scan tasks' statistics and the system tables read
     */
    Execution execute(OutputNode plan, QueryControl control, Consumer<Page> sink);

    /** The scan tasks a plan ran and the system tables (three-part names) it read, as a query's result reports them. */
    record Execution(List<TaskStats> tasks, Set<String> systemTablesRead)
    {
        public Execution
        {
            tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
            systemTablesRead = Set.copyOf(requireNonNull(systemTablesRead, "systemTablesRead is null"));
        }
    }
}
