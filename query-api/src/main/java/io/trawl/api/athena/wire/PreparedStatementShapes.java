package io.trawl.api.athena.wire;

import java.util.List;

/**
 * Athena's prepared-statement shapes: CreatePreparedStatement, GetPreparedStatement, BatchGetPreparedStatement,
 * ListPreparedStatements, UpdatePreparedStatement, DeletePreparedStatement.
 */
public final class PreparedStatementShapes
{
    private PreparedStatementShapes() {}

    public record PreparedStatement(String statementName, String queryStatement, String workGroupName, String description, Double lastModifiedTime) {}

    public record PreparedStatementSummary(String statementName, Double lastModifiedTime) {}

    public record UnprocessedPreparedStatementName(String statementName, String errorCode, String errorMessage) {}

    public record CreatePreparedStatementRequest(String statementName, String workGroup, String queryStatement, String description) {}

    public record GetPreparedStatementRequest(String statementName, String workGroup) {}

    public record GetPreparedStatementResponse(PreparedStatement preparedStatement) {}

    public record BatchGetPreparedStatementRequest(List<String> preparedStatementNames, String workGroup) {}

    public record BatchGetPreparedStatementResponse(List<PreparedStatement> preparedStatements, List<UnprocessedPreparedStatementName> unprocessedPreparedStatementNames) {}

    public record ListPreparedStatementsRequest(String workGroup, String nextToken, Integer maxResults) {}

    public record ListPreparedStatementsResponse(List<PreparedStatementSummary> preparedStatements, String nextToken) {}

    public record UpdatePreparedStatementRequest(String statementName, String workGroup, String queryStatement, String description) {}

    public record DeletePreparedStatementRequest(String statementName, String workGroup) {}
}
