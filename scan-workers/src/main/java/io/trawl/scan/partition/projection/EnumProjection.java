package io.trawl.scan.partition.projection;

import io.trino.spi.predicate.Domain;

import java.util.List;

/**
 * {@code projection.<col>.type = enum}: the values of {@code projection.<col>.values}, a comma-separated list in
 * which white space is part of the values (as Athena documents).
 */
record EnumProjection(List<String> values)
        implements ColumnProjection
{
    EnumProjection
    {
        values = List.copyOf(values);
    }

    static EnumProjection parse(ProjectionProperties properties, String column)
    {
        String list = properties.required(column, "values");
        List<String> values = List.of(list.split(",", -1));
        if (values.stream().anyMatch(String::isEmpty)) {
            throw properties.invalid(column, "values", list, "a comma-separated list of non-empty values");
        }
        return new EnumProjection(values);
    }

    @Override
    public List<ProjectedValue> values(Domain domain, long limit)
    {
        return values.stream().map(ProjectedValue::of).toList();
    }
}
