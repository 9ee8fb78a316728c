package io.trawl.api.glue.wire;

import io.trawl.api.glue.wire.GlueShapes.Database;
import io.trawl.api.glue.wire.GlueShapes.DatabaseInput;
import io.trawl.api.glue.wire.GlueShapes.Partition;
import io.trawl.api.glue.wire.GlueShapes.PartitionError;
import io.trawl.api.glue.wire.GlueShapes.PartitionInput;
import io.trawl.api.glue.wire.GlueShapes.PartitionValueList;
import io.trawl.api.glue.wire.GlueShapes.Segment;
import io.trawl.api.glue.wire.GlueShapes.Table;
import io.trawl.api.glue.wire.GlueShapes.TableInput;

import java.util.List;

/**
 * The request and response of each Glue operation Trawl answers, named as in Glue's API reference. CatalogId is
 * accepted everywhere and ignored: an instance serves one catalog.
 */
public final class GlueOperations
{
    private GlueOperations() {}

    public record CreateDatabaseRequest(String catalogId, DatabaseInput databaseInput) {}

    public record GetDatabaseRequest(String catalogId, String name) {}

    public record GetDatabaseResponse(Database database) {}

    public record GetDatabasesRequest(String catalogId, String nextToken, Integer maxResults) {}

    public record GetDatabasesResponse(List<Database> databaseList, String nextToken) {}

    public record DeleteDatabaseRequest(String catalogId, String name) {}

    public record CreateTableRequest(String catalogId, String databaseName, TableInput tableInput) {}

    public record GetTableRequest(String catalogId, String databaseName, String name) {}

    public record GetTableResponse(Table table) {}

    public record GetTablesRequest(String catalogId, String databaseName, String expression, String nextToken, Integer maxResults) {}

    public record GetTablesResponse(List<Table> tableList, String nextToken) {}

    /** VersionId, when given, must be the stored version (else ConcurrentModificationException). */
    public record UpdateTableRequest(String catalogId, String databaseName, TableInput tableInput, String versionId) {}

    public record DeleteTableRequest(String catalogId, String databaseName, String name) {}

    public record CreatePartitionRequest(String catalogId, String databaseName, String tableName, PartitionInput partitionInput) {}

    public record BatchCreatePartitionRequest(String catalogId, String databaseName, String tableName, List<PartitionInput> partitionInputList) {}

    public record BatchCreatePartitionResponse(List<PartitionError> errors) {}

    public record GetPartitionRequest(String catalogId, String databaseName, String tableName, List<String> partitionValues) {}

    public record GetPartitionResponse(Partition partition) {}

    public record GetPartitionsRequest(
            String catalogId,
            String databaseName,
            String tableName,
            String expression,
            String nextToken,
            Segment segment,
            Integer maxResults,
            Boolean excludeColumnSchema) {}

    public record GetPartitionsResponse(List<Partition> partitions, String nextToken) {}

    public record DeletePartitionRequest(String catalogId, String databaseName, String tableName, List<String> partitionValues) {}

    public record BatchDeletePartitionRequest(String catalogId, String databaseName, String tableName, List<PartitionValueList> partitionsToDelete) {}

    public record BatchDeletePartitionResponse(List<PartitionError> errors) {}

    public record BatchGetPartitionRequest(String catalogId, String databaseName, String tableName, List<PartitionValueList> partitionsToGet) {}

    public record BatchGetPartitionResponse(List<Partition> partitions, List<PartitionValueList> unprocessedKeys) {}
}
