package io.trawl.engine.scan;

import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;

import java.util.List;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * Athena's hidden columns, available on every table in SELECT and WHERE but not expanded by {@code *}:
 * the object a row came from, its size and its modification time. A WHERE on them prunes files.
 */
public enum PseudoColumns
{
    PATH("$path", VARCHAR),
    FILE_SIZE("$file_size", BIGINT),
    FILE_MODIFIED_TIME("$file_modified_time", TimestampType.TIMESTAMP_MILLIS);

    private final String columnName;
    private final Type type;

    PseudoColumns(String columnName, Type type)
    {
        this.columnName = columnName;
        this.type = type;
    }

    public String columnName()
    {
        return columnName;
    }

    public Type type()
    {
        return type;
    }

    public static Optional<PseudoColumns> byName(String name)
    {
        for (PseudoColumns column : values()) {
            if (column.columnName.equals(name)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    public static List<PseudoColumns> all()
    {
        return List.of(values());
    }
}
