package io.trawl.engine.plan;

import java.util.List;

public record ProjectNode(PlanNode source, List<Assignment> assignments)
        implements PlanNode
{
    public ProjectNode
    {
        assignments = List.copyOf(assignments);
    }

    @Override
    public List<Symbol> outputs()
    {
        return assignments.stream().map(Assignment::symbol).toList();
    }

    @Override
    public List<PlanNode> sources()
    {
        return List.of(source);
    }

    @Override
    public PlanNode replaceSources(List<PlanNode> newSources)
    {
        return new ProjectNode(newSources.getFirst(), assignments);
    }
}
