package io.trawl.engine.optimizer;

import io.trawl.engine.plan.LimitNode;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.SortNode;
import io.trawl.engine.plan.TopNNode;

/** ORDER BY ... LIMIT n becomes a top-N: a bounded heap instead of sorting every row. */
public final class MergeLimitWithSort
        implements PlanOptimizer
{
    @Override
    public PlanNode optimize(PlanNode plan)
    {
        return Rewrites.bottomUp(plan, node -> {
            if (node instanceof LimitNode limit && limit.source() instanceof SortNode sort && limit.count() != Long.MAX_VALUE
                    && limit.count() + limit.offset() < 1_000_000) {
                TopNNode topN = new TopNNode(sort.source(), limit.count() + limit.offset(), sort.orderings());
                return limit.offset() == 0 ? topN : new LimitNode(topN, limit.offset(), limit.count());
            }
            return node;
        });
    }
}
