package io.trawl.engine.plan;

import io.trawl.engine.expression.RowExpression;

import java.util.List;

public record FilterNode(PlanNode source, RowExpression predicate)
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
        return new FilterNode(newSources.getFirst(), predicate);
    }
}
