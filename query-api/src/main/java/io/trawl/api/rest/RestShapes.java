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

    /** A report's output: format CSV, PARQUET or JSON; a destination folder with {yyyy} {MM} {dd} {HH} {mm}; days its outputs are kept. */
    public record OutputSpec(String format, String destination, Integer retentionDays) {}

    /** Whom a failed run is told: a webhook POSTed a JSON body. */
    public record NotificationSpec(String webhookUrl) {}

    /** What runs after downtime: latest (default), all (at most limit), none. */
    public record CatchUpSpec(String policy, Integer limit) {}

    /** {@code POST /v1/reports}: a report as the caller defines it (the caller owns it). */
    public record CreateReport(
            String name,
            String sql,
            String database,
            String workGroup,
            String schedule,
            String timeZone,
            OutputSpec output,
            NotificationSpec notification,
            CatchUpSpec catchUp,
            Boolean enabled) {}

    public record Report(
            String name,
            String sql,
            String database,
            String workGroup,
            String schedule,
            String timeZone,
            OutputSpec output,
            NotificationSpec notification,
            CatchUpSpec catchUp,
            boolean enabled,
            String owner,
            String createdAt,
            String nextOccurrence,
            Map<String, String> links) {}

    public record ReportList(List<Report> reports) {}

    /** One run of a report: scheduled (its id is the occurrence in epoch seconds) or started by hand. */
    public record ReportRun(
            String report,
            String id,
            String occurrence,
            String trigger,
            String state,
            String queryId,
            String reason,
            String note,
            List<String> outputs,
            String claimedBy,
            String claimedAt,
            String completedAt,
            String notification,
            Map<String, String> links) {}

    public record ReportRunList(List<ReportRun> runs) {}

    /** RFC 9457 problem details. */
    public record Problem(String type, String title, int status, String detail) {}
}
