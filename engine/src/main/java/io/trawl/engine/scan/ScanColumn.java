package io.trawl.engine.scan;

import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/**
 * A column a scan must produce: its name in the table, its ordinal among the table's data columns
 * (text formats address fields by position), and the Trino type the engine expects.
 */
public record ScanColumn(String name, int ordinal, Type type)
{
    public ScanColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
