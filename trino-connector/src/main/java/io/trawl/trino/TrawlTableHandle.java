package io.trawl.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trawl.catalog.Table;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A Trawl table in a Trino query: its catalog definition as read once on the coordinator (shipped as JSON, so a
 * worker never reads the catalog) and the predicate Trino pushed into the scan ({@code applyFilter}). The scan
 * uses the predicate to prune partitions, files and Parquet row groups only; Trino applies the whole filter
 * again, so pushdown changes the bytes read, never the answer.
 */
public record TrawlTableHandle(
        @JsonProperty String schemaName,
        @JsonProperty String tableName,
        @JsonProperty String tableJson,
        @JsonProperty TupleDomain<TrawlColumnHandle> constraint)
        implements ConnectorTableHandle
{
    @JsonCreator
    public TrawlTableHandle
    {
        requireNonNull(schemaName, "schemaName is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(tableJson, "tableJson is null");
        requireNonNull(constraint, "constraint is null");
    }

    public static TrawlTableHandle of(Table table)
    {
        return new TrawlTableHandle(table.databaseName(), table.name(), TableJson.write(table), TupleDomain.all());
    }

    public Table table()
    {
        return TableJson.read(tableJson);
    }

    public SchemaTableName schemaTableName()
    {
        return new SchemaTableName(schemaName, tableName);
    }

    public TrawlTableHandle withConstraint(TupleDomain<TrawlColumnHandle> newConstraint)
    {
        return new TrawlTableHandle(schemaName, tableName, tableJson, newConstraint);
    }

    /** The predicate in the shape Trawl's scan SPI takes: domains keyed by column name. */
    public TupleDomain<String> predicate()
    {
        return constraint.transformKeys(TrawlColumnHandle::name);
    }

    static TupleDomain<TrawlColumnHandle> trawlColumns(TupleDomain<ColumnHandle> domain)
    {
        return domain.transformKeys(TrawlColumnHandle.class::cast);
    }

    @Override
    public String toString()
    {
        return schemaName + "." + tableName + constraint.getDomains().map(Map::keySet).map(columns -> " constraint on " + columns).orElse(" (none)");
    }
}
