package io.trawl.engine.optimizer;

import io.trawl.engine.plan.PlanNode;

import java.util.List;
import java.util.Set;

/** The optimizer passes in order; any can be disabled by name (for tests that compare answers with and without it). */
public final class Optimizer
{
    private final List<PlanOptimizer> passes = List.of(new MergeLimitWithSort(), new PushPredicateIntoScan(), new PruneColumns());
    private final Set<String> disabled;

    public Optimizer(Set<String> disabled)
    {
        this.disabled = Set.copyOf(disabled);
    }

    public PlanNode optimize(PlanNode plan)
    {
        PlanNode current = plan;
        for (PlanOptimizer pass : passes) {
            if (!disabled.contains(pass.name())) {
                current = pass.optimize(current);
            }
        }
        return current;
    }
}
