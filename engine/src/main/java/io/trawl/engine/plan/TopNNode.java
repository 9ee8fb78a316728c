package io.trawl.engine.plan;

import java.util.List;

public record TopNNode(PlanNode source, long count, List<Ordering> orderings)
        implements PlanNode
{
    public TopNNode
    {
        orderings = List.copyOf(orderings);
    }

    @Override
    public List<Symbol> outputs()
    {
        return source.outputs();
    }

    @Override
    public List<PlanNode> sources()
    {
        return List.of(source);
    }

    @Override
    public PlanNode replaceSources(List<PlanNode> newSources)
    {
        return new TopNNode(newSources.getFirst(), count, orderings);
    }
}
