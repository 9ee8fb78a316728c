package io.trawl.engine.optimizer;

import io.trawl.engine.analyzer.Estimates;
import io.trawl.engine.plan.PlanNode;

import java.util.List;
import java.util.Set;

/** The optimizer passes in order; any can be disabled by name (for tests that compare answers with and without it). */
public final class Optimizer
{
    private final List<PlanOptimizer> passes;
    private final Set<String> disabled;

    public Optimizer(Estimates estimates, Set<String> disabled)
    {
        this.passes = List.of(new MergeLimitWithSort(), new PushPredicateIntoScan(), new PruneColumns(), new SplitAggregation(estimates));
        this.disabled = Set.copyOf(disabled);
    }

    public static List<String> passNames()
    {
        return List.of("MergeLimitWithSort", "PushPredicateIntoScan", "PruneColumns", "SplitAggregation");
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
