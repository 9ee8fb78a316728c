package io.trawl.api.athena.wire;

import java.util.List;
import java.util.Map;

/**
 * Athena's catalog-metadata shapes: ListDataCatalogs, GetDataCatalog, ListDatabases, GetDatabase,
 * ListTableMetadata, GetTableMetadata.
 */
public final class DataCatalogShapes
{
    private DataCatalogShapes() {}

    public record DataCatalogSummary(String catalogName, String type) {}

    public record DataCatalog(String name, String description, String type, Map<String, String> parameters) {}

    public record Database(String name, String description, Map<String, String> parameters) {}

    public record Column(String name, String type, String comment) {}

    public record TableMetadata(
            String name,
            Double createTime,
            Double lastAccessTime,
            String tableType,
            List<Column> columns,
            List<Column> partitionKeys,
            Map<String, String> parameters) {}

    public record ListDataCatalogsRequest(String nextToken, Integer maxResults, String workGroup) {}

    public record ListDataCatalogsResponse(List<DataCatalogSummary> dataCatalogsSummary, String nextToken) {}

    public record GetDataCatalogRequest(String name, String workGroup) {}

    public record GetDataCatalogResponse(DataCatalog dataCatalog) {}

    public record ListDatabasesRequest(String catalogName, String nextToken, Integer maxResults, String workGroup) {}

    public record ListDatabasesResponse(List<Database> databaseList, String nextToken) {}

    public record GetDatabaseRequest(String catalogName, String databaseName, String workGroup) {}

    public record GetDatabaseResponse(Database database) {}

    public record ListTableMetadataRequest(String catalogName, String databaseName, String expression, String nextToken, Integer maxResults, String workGroup) {}

    public record ListTableMetadataResponse(List<TableMetadata> tableMetadataList, String nextToken) {}

    public record GetTableMetadataRequest(String catalogName, String databaseName, String tableName, String workGroup) {}

    public record GetTableMetadataResponse(TableMetadata tableMetadata) {}
}
