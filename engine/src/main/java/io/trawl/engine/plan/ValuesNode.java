package io.trawl.engine.plan;

import io.trawl.engine.expression.RowExpression;

import java.util.List;

/** Literal rows; every expression is constant (folded) or evaluated once at execution. */
public record ValuesNode(List<Symbol> outputs, List<List<RowExpression>> rows)
        implements PlanNode
{
    public ValuesNode
    {
        outputs = List.copyOf(outputs);
        rows = rows.stream().map(List::copyOf).toList();
    }

    @Override
    public List<PlanNode> sources()
    {
        return List.of();
    }

    @Override
    public PlanNode replaceSources(List<PlanNode> newSources)
    {
        return this;
    }
}
