package io.trawl.engine.optimizer;

import io.trawl.engine.plan.PlanNode;

/** One rewrite of the logical plan. Each can be switched off by name; none may change a query's answer. */
public interface PlanOptimizer
{
    PlanNode optimize(PlanNode plan);

    default String name()
    {
        return getClass().getSimpleName();
    }
}
