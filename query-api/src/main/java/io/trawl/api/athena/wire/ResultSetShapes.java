package io.trawl.api.athena.wire;

import java.util.List;

/** Athena's GetQueryResults and GetQueryRuntimeStatistics shapes. */
public final class ResultSetShapes
{
    private ResultSetShapes() {}

    public record GetQueryResultsRequest(String queryExecutionId, String nextToken, Integer maxResults) {}

    /** One value; SQL NULL is a Datum without VarCharValue. */
    public record Datum(String varCharValue) {}

    public record Row(List<Datum> data) {}

    public record ColumnInfo(
            String catalogName,
            String schemaName,
            String tableName,
            String name,
            String label,
            String type,
            int precision,
            int scale,
            String nullable,
            boolean caseSensitive) {}

    public record ResultSetMetadata(List<ColumnInfo> columnInfo) {}

    public record ResultSet(List<Row> rows, ResultSetMetadata resultSetMetadata) {}

    public record GetQueryResultsResponse(Long updateCount, ResultSet resultSet, String nextToken) {}

    public record QueryRuntimeStatisticsTimeline(
            long queryQueueTimeInMillis,
            long servicePreProcessingTimeInMillis,
            long queryPlanningTimeInMillis,
            long engineExecutionTimeInMillis,
            long serviceProcessingTimeInMillis,
            long totalExecutionTimeInMillis) {}

    public record QueryRuntimeStatisticsRows(long inputRows, long inputBytes, long outputBytes, long outputRows) {}

    public record QueryStagePlanNode(String name, String identifier, List<String> remoteSources, List<QueryStagePlanNode> children) {}

    public record QueryStage(
            long stageId,
            String state,
            long outputBytes,
            long outputRows,
            long inputBytes,
            long inputRows,
            long executionTime,
            QueryStagePlanNode queryStagePlan,
            List<QueryStage> subStages) {}

    public record QueryRuntimeStatistics(QueryRuntimeStatisticsTimeline timeline, QueryRuntimeStatisticsRows rows, QueryStage outputStage) {}

    public record GetQueryRuntimeStatisticsResponse(QueryRuntimeStatistics queryRuntimeStatistics) {}
}
