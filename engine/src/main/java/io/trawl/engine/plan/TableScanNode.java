package io.trawl.engine.plan;

import io.trawl.catalog.Table;
import io.trawl.engine.scan.ScanColumn;
import io.trino.spi.predicate.TupleDomain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /**
     * The columns the scan asks storage for: each output's table column, its ordinal among all the table's
     * columns (data columns, then partition keys; -1 for pseudo-columns such as {@code $path}) and type.
     */
    public List<ScanColumn> scanColumns()
    {
        List<String> tableColumns = table.allColumns().stream().map(column -> column.name().toLowerCase(Locale.ROOT)).toList();
        List<ScanColumn> columns = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            String name = columnNames.get(i);
            columns.add(new ScanColumn(name, tableColumns.indexOf(name.toLowerCase(Locale.ROOT)), outputs.get(i).type()));
        }
        return List.copyOf(columns);
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
