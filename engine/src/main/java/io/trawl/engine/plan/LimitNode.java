package io.trawl.engine.plan;

import java.util.List;

/** OFFSET / LIMIT; {@code count} is Long.MAX_VALUE for OFFSET alone. */
public record LimitNode(PlanNode source, long offset, long count)
        implements PlanNode
{
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
        return new LimitNode(newSources.getFirst(), offset, count);
    }
}
