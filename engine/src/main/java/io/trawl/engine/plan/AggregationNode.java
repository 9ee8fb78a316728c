package io.trawl.engine.plan;

import java.util.ArrayList;
import java.util.List;

/** GROUP BY: outputs the grouping keys then the aggregates. No keys = global aggregation (one row). */
public record AggregationNode(PlanNode source, List<Symbol> groupingKeys, List<Aggregate> aggregates)
        implements PlanNode
{
    public AggregationNode
    {
        groupingKeys = List.copyOf(groupingKeys);
        aggregates = List.copyOf(aggregates);
    }

    @Override
    public List<Symbol> outputs()
    {
        List<Symbol> outputs = new ArrayList<>(groupingKeys);
        aggregates.forEach(aggregate -> outputs.add(aggregate.output()));
        return outputs;
    }

    @Override
    public List<PlanNode> sources()
    {
        return List.of(source);
    }

    @Override
    public PlanNode replaceSources(List<PlanNode> newSources)
    {
        return new AggregationNode(newSources.getFirst(), groupingKeys, aggregates);
    }
}
