package io.trawl.engine.plan;

import java.util.List;

public record SortNode(PlanNode source, List<Ordering> orderings)
        implements PlanNode
{
    public SortNode
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
        return new SortNode(newSources.getFirst(), orderings);
    }
}
