package io.trawl.engine.plan;

import java.util.List;

/** UNION ALL: {@code inputs.get(s).get(i)} of source s feeds {@code outputs.get(i)}. */
public record UnionNode(List<PlanNode> sources, List<Symbol> outputs, List<List<Symbol>> inputs)
        implements PlanNode
{
    public UnionNode
    {
        sources = List.copyOf(sources);
        outputs = List.copyOf(outputs);
        inputs = inputs.stream().map(List::copyOf).toList();
    }

    @Override
    public PlanNode replaceSources(List<PlanNode> newSources)
    {
        return new UnionNode(newSources, outputs, inputs);
    }
}
