package io.trawl.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Window functions over one (PARTITION BY, ORDER BY) specification; outputs the input columns then one per function. */
public record WindowNode(PlanNode source, List<Symbol> partitionBy, List<Ordering> orderBy, List<Function> functions)
        implements PlanNode
{
    public WindowNode
    {
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
        functions = List.copyOf(functions);
    }

    public enum FrameUnit { ROWS, RANGE }

    public enum BoundType { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    public record Frame(FrameUnit unit, BoundType startType, Optional<Long> startOffset, BoundType endType, Optional<Long> endOffset)
    {
        public Frame
        {
            requireNonNull(unit, "unit is null");
            requireNonNull(startType, "startType is null");
            requireNonNull(endType, "endType is null");
        }
    }

    /** {@code name} is the lower-case function name (row_number, rank, sum, lag, ...). */
    public record Function(Symbol output, String name, List<Symbol> arguments, Frame frame, boolean hasOrderBy)
    {
        public Function
        {
            arguments = List.copyOf(arguments);
        }
    }

    @Override
    public List<Symbol> outputs()
    {
        List<Symbol> outputs = new ArrayList<>(source.outputs());
        functions.forEach(function -> outputs.add(function.output()));
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
        return new WindowNode(newSources.getFirst(), partitionBy, orderBy, functions);
    }
}
