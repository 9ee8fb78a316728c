package io.trawl.api.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The plain REST API's JSON shapes (camelCase), documented in {@code /openapi.yaml}. */
public final class RestShapes
{
    private RestShapes() {}

    public record SubmitQuery(String sql, String schema, String database, String workGroup, List<String> parameters, String clientRequestToken, String outputLocation) {}

    public record Error(int category, int type, boolean retryable, String message) {}

    public record Statistics(long bytesScanned, long queueMillis, long engineMillis, long totalMillis, long outputRows, long outputBytes, boolean reusedPreviousResult) {}

    public record Billing(long billedBytes, BigDecimal cost, String currency) {}

    public record Progress(long bytesScanned, long splitsCompleted, long splitsPlanned, BigDecimal estimatedCost, String currency) {}

    public record Query(
            String id,
            String state,
            String stateChangeReason,
            Error error,
            String statementType,
            String sql,
            String workGroup,
            String database,
            String principal,
            String submittedAt,
            String completedAt,
            String outputLocation,
            Long updateCount,
            Statistics statistics,
            Progress progress,
            Billing billing,
            Map<String, String> links) {}

    public record QueryList(List<Query> queries, String nextToken) {}

    public record Column(String name, String type, int precision, int scale) {}

    public record ResultPage(List<Column> columns, List<List<String>> rows, String nextToken) {}

    /** RFC 9457 problem details. */
    public record Problem(String type, String title, int status, String detail) {}
}
