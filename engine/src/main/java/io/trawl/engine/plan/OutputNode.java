package io.trawl.engine.plan;

import java.util.List;

/** The root: the columns the user sees, with their labels. */
public record OutputNode(PlanNode source, List<String> names, List<Symbol> outputs)
        implements PlanNode
{
    public OutputNode
    {
        names = List.copyOf(names);
        outputs = List.copyOf(outputs);
    }

    @Override
    public List<PlanNode> sources()
    {
        return List.of(source);
    }

    @Override
    public PlanNode replaceSources(List<PlanNode> newSources)
    {
        return new OutputNode(newSources.getFirst(), names, outputs);
    }
}
