package io.trawl.api.athena.wire;

import java.util.List;

/** Athena's named-query shapes: CreateNamedQuery, GetNamedQuery, BatchGetNamedQuery, ListNamedQueries, UpdateNamedQuery, DeleteNamedQuery. */
public final class NamedQueryShapes
{
    private NamedQueryShapes() {}

    public record NamedQuery(String name, String description, String database, String queryString, String namedQueryId, String workGroup) {}

    public record UnprocessedNamedQueryId(String namedQueryId, String errorCode, String errorMessage) {}

    public record CreateNamedQueryRequest(String name, String description, String database, String queryString, String clientRequestToken, String workGroup) {}

    public record CreateNamedQueryResponse(String namedQueryId) {}

    public record GetNamedQueryRequest(String namedQueryId) {}

    public record GetNamedQueryResponse(NamedQuery namedQuery) {}

    public record BatchGetNamedQueryRequest(List<String> namedQueryIds) {}

    public record BatchGetNamedQueryResponse(List<NamedQuery> namedQueries, List<UnprocessedNamedQueryId> unprocessedNamedQueryIds) {}

    public record ListNamedQueriesRequest(String nextToken, Integer maxResults, String workGroup) {}

    public record ListNamedQueriesResponse(List<String> namedQueryIds, String nextToken) {}

    public record UpdateNamedQueryRequest(String namedQueryId, String name, String description, String queryString) {}

    public record DeleteNamedQueryRequest(String namedQueryId) {}
}
