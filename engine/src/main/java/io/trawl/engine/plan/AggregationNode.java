package io.trawl.engine.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * GROUP BY: outputs the grouping keys then the aggregates. No keys = global aggregation (one row).
 * A PARTIAL aggregation runs inside scan tasks over their own rows; the FINAL one above it combines the
 * partial results (sums of sums, sums of counts); SINGLE does it all in one place.
 */
public record AggregationNode(PlanNode source, List<Symbol> groupingKeys, List<Aggregate> aggregates, Step step)
        implements PlanNode
{
    public enum Step { SINGLE, PARTIAL, FINAL }

    public AggregationNode
    {
        groupingKeys = List.copyOf(groupingKeys);
        aggregates = List.copyOf(aggregates);
        java.util.Objects.requireNonNull(step, "step is null");
    }

    public AggregationNode(PlanNode source, List<Symbol> groupingKeys, List<Aggregate> aggregates)
    {
        this(source, groupingKeys, aggregates, Step.SINGLE);
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
        return new AggregationNode(newSources.getFirst(), groupingKeys, aggregates, step);
    }
}
