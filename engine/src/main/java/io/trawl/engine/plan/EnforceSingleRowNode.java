package io.trawl.engine.plan;

import java.util.List;

/** A scalar subquery: zero rows become one row of NULLs; more than one row is an error. */
public record EnforceSingleRowNode(PlanNode source)
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
        return new EnforceSingleRowNode(newSources.getFirst());
    }
}
