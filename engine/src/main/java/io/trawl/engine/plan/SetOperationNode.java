package io.trawl.engine.plan;

import java.util.List;

/** INTERSECT / EXCEPT [ALL] of two inputs, mapped positionally onto {@code outputs}. */
public record SetOperationNode(Kind kind, boolean distinct, List<PlanNode> sources, List<Symbol> outputs, List<List<Symbol>> inputs)
        implements PlanNode
{
    public enum Kind { INTERSECT, EXCEPT }

    public SetOperationNode
    {
        sources = List.copyOf(sources);
        outputs = List.copyOf(outputs);
        inputs = inputs.stream().map(List::copyOf).toList();
    }

    @Override
    public PlanNode replaceSources(List<PlanNode> newSources)
    {
        return new SetOperationNode(kind, distinct, newSources, outputs, inputs);
    }
}
