package io.trawl.engine.plan;

import io.trawl.catalog.Table;
import io.trino.spi.predicate.TupleDomain;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads a table. {@code columnNames.get(i)} is the table column that produces {@code outputs.get(i)}.
 * {@code domain} is a pushed-down hint the reader may use to skip data; filters stay in the plan.
 */
public record TableScanNode(Table table, List<Symbol> outputs, List<String> columnNames, TupleDomain<String> domain)
        implements PlanNode
{
    public TableScanNode
    {
        requireNonNull(table, "table is null");
        outputs = List.copyOf(outputs);
        columnNames = List.copyOf(columnNames);
        requireNonNull(domain, "domain is null");
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
