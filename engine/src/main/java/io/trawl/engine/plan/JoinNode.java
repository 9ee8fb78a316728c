package io.trawl.engine.plan;

import io.trawl.engine.expression.RowExpression;
import io.trawl.engine.operator.JoinType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A join. The right side is the build side of the hash join. Output: left outputs then right outputs,
 * except SEMI / ANTI / NULL_AWARE_ANTI, which output only the left side, and RIGHT_SEMI / RIGHT_ANTI,
 * which output only the right side.
 */
public record JoinNode(JoinType type, PlanNode left, PlanNode right, List<EquiClause> criteria, Optional<RowExpression> filter)
        implements PlanNode
{
    public JoinNode
    {
        criteria = List.copyOf(criteria);
    }

    public record EquiClause(Symbol left, Symbol right) {}

    public boolean outputsRight()
    {
        return type.outputsBuild();
    }

    public boolean outputsLeft()
    {
        return type.outputsProbe();
    }

    @Override
    public List<Symbol> outputs()
    {
        List<Symbol> outputs = new ArrayList<>();
        if (outputsLeft()) {
            outputs.addAll(left.outputs());
        }
        if (outputsRight()) {
            outputs.addAll(right.outputs());
        }
        return outputs;
    }

    @Override
    public List<PlanNode> sources()
    {
        return List.of(left, right);
    }

    @Override
    public PlanNode replaceSources(List<PlanNode> newSources)
    {
        return new JoinNode(type, newSources.get(0), newSources.get(1), criteria, filter);
    }
}
