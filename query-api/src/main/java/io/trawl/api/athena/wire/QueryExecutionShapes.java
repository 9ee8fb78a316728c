package io.trawl.api.athena.wire;

import java.util.List;

/**
 * Athena's query-execution shapes (API version 2017-05-18), members as the API reference names them. Absent members
 * are null and left out of the JSON.
 */
public final class QueryExecutionShapes
{
    private QueryExecutionShapes() {}

    public record QueryExecutionContext(String database, String catalog) {}

    public record ResultConfiguration(String outputLocation, Object encryptionConfiguration, String expectedBucketOwner, Object aclConfiguration) {}

    public record ResultReuseByAgeConfiguration(Boolean enabled, Integer maxAgeInMinutes) {}

    public record ResultReuseConfiguration(ResultReuseByAgeConfiguration resultReuseByAgeConfiguration) {}

    public record StartQueryExecutionRequest(
            String queryString,
            String clientRequestToken,
            QueryExecutionContext queryExecutionContext,
            ResultConfiguration resultConfiguration,
            String workGroup,
            List<String> executionParameters,
            ResultReuseConfiguration resultReuseConfiguration) {}

    public record StartQueryExecutionResponse(String queryExecutionId) {}

    public record QueryExecutionIdRequest(String queryExecutionId) {}

    public record BatchGetQueryExecutionRequest(List<String> queryExecutionIds) {}

    public record AthenaError(Integer errorCategory, Integer errorType, Boolean retryable, String errorMessage) {}

    public record QueryExecutionStatus(String state, String stateChangeReason, Double submissionDateTime, Double completionDateTime, AthenaError athenaError) {}

    public record ResultReuseInformation(boolean reusedPreviousResult) {}

    public record QueryExecutionStatistics(
            long engineExecutionTimeInMillis,
            long dataScannedInBytes,
            String dataManifestLocation,
            long totalExecutionTimeInMillis,
            long queryQueueTimeInMillis,
            long servicePreProcessingTimeInMillis,
            long queryPlanningTimeInMillis,
            long serviceProcessingTimeInMillis,
            ResultReuseInformation resultReuseInformation) {}

    public record EngineVersion(String selectedEngineVersion, String effectiveEngineVersion) {}

    public record QueryExecution(
            String queryExecutionId,
            String query,
            String statementType,
            ResultConfiguration resultConfiguration,
            ResultReuseConfiguration resultReuseConfiguration,
            QueryExecutionContext queryExecutionContext,
            QueryExecutionStatus status,
            QueryExecutionStatistics statistics,
            String workGroup,
            EngineVersion engineVersion,
            List<String> executionParameters,
            String substatementType) {}

    public record GetQueryExecutionResponse(QueryExecution queryExecution) {}

    public record UnprocessedQueryExecutionId(String queryExecutionId, String errorCode, String errorMessage) {}

    public record BatchGetQueryExecutionResponse(List<QueryExecution> queryExecutions, List<UnprocessedQueryExecutionId> unprocessedQueryExecutionIds) {}

    public record ListQueryExecutionsRequest(Integer maxResults, String nextToken, String workGroup) {}

    public record ListQueryExecutionsResponse(List<String> queryExecutionIds, String nextToken) {}

    public record Empty() {}
}
