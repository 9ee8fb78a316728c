package io.trawl.engine.analyzer;

import io.trawl.engine.plan.PlanNode;

import static java.util.Objects.requireNonNull;

/** A planned relation and the fields through which enclosing query blocks see its columns. */
record RelationPlan(PlanNode root, Scope scope)
{
    RelationPlan
    {
        requireNonNull(root, "root is null");
        requireNonNull(scope, "scope is null");
    }
}
