package io.trawl.engine.optimizer;

import io.trawl.engine.plan.PlanNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Bottom-up application of a node rewrite to a whole plan. */
final class Rewrites
{
    private Rewrites() {}

    static PlanNode bottomUp(PlanNode node, UnaryOperator<PlanNode> rewrite)
    {
        List<PlanNode> sources = new ArrayList<>();
        boolean changed = false;
        for (PlanNode source : node.sources()) {
            PlanNode rewritten = bottomUp(source, rewrite);
            changed |= rewritten != source;
            sources.add(rewritten);
        }
        PlanNode current = changed ? node.replaceSources(sources) : node;
        return rewrite.apply(current);
    }
}
