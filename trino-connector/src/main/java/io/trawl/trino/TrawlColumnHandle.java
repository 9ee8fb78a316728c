package io.trawl.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trawl.engine.scan.ScanColumn;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/**
 * A column of a Trawl table as it travels from the coordinator to workers: what Trawl's scan SPI calls a
 * {@link ScanColumn}. {@code ordinal} counts data columns then partition keys; pseudo-columns ({@code $path},
 * {@code $file_size}, {@code $file_modified_time}) have -1 and are hidden, as in Athena.
 */
public record TrawlColumnHandle(@JsonProperty String name, @JsonProperty int ordinal, @JsonProperty Type type, @JsonProperty boolean hidden)
        implements ColumnHandle
{
    @JsonCreator
    public TrawlColumnHandle
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public ScanColumn scanColumn()
    {
        return new ScanColumn(name, ordinal, type);
    }

    public ColumnMetadata metadata()
    {
        return ColumnMetadata.builder().setName(name).setType(type).setHidden(hidden).build();
    }
}
