package io.trawl.engine.plan;

import java.util.List;

/**
 * A logical plan node. Nodes are immutable; each declares the symbols it outputs, in order.
 * The tree is rewritten by the optimizer and turned into operators by the execution planner.
 */
public sealed interface PlanNode
        permits TableScanNode, FilterNode, ProjectNode, AggregationNode, JoinNode, SortNode, TopNNode, LimitNode,
        ValuesNode, UnionNode, SetOperationNode, WindowNode, EnforceSingleRowNode, OutputNode
{
    List<Symbol> outputs();

    List<PlanNode> sources();

    PlanNode replaceSources(List<PlanNode> newSources);
}
