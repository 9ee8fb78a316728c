package io.trawl.api.athena;

import com.fasterxml.jackson.databind.JsonNode;
import io.trawl.api.athena.wire.QueryExecutionShapes;
import io.trawl.api.athena.wire.QueryExecutionShapes.BatchGetQueryExecutionRequest;
import io.trawl.api.athena.wire.QueryExecutionShapes.ListQueryExecutionsRequest;
import io.trawl.api.athena.wire.QueryExecutionShapes.QueryExecutionIdRequest;
import io.trawl.api.athena.wire.QueryExecutionShapes.StartQueryExecutionRequest;
import io.trawl.api.athena.wire.ResultSetShapes;
import io.trawl.api.athena.wire.ResultSetShapes.GetQueryResultsRequest;
import io.trawl.api.auth.Caller;
import io.trawl.api.protocol.AwsJson;
import io.trawl.api.protocol.AwsJsonService.Operation;
import io.trawl.api.protocol.AwsServiceException;
import io.trawl.api.query.ColumnInfo;
import io.trawl.api.query.QueryExecution;
import io.trawl.api.query.QueryHistory;
import io.trawl.api.query.QueryRequestException;
import io.trawl.api.query.QueryService;
import io.trawl.api.query.ResultFiles;
import io.trawl.api.query.StartRequest;
import io.trawl.api.workgroup.WorkGroup;
import io.trawl.engine.write.WriteLocations;
import io.trawl.error.TrawlException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * Athena's query-execution operations over the {@link QueryService}: StartQueryExecution, GetQueryExecution,
 * BatchGetQueryExecution, StopQueryExecution, ListQueryExecutions, GetQueryResults, GetQueryRuntimeStatistics.
 */
public final class QueryExecutionOperations
        implements AthenaService.OperationGroup
{
    static final int MAX_RESULTS_PER_PAGE = 1000;
    static final int MAX_LISTED = 50;
    static final int MAX_BATCH = 50;

    private final QueryService queries;

    public QueryExecutionOperations(QueryService queries)
    {
        this.queries = requireNonNull(queries, "queries is null");
    }

    @Override
    public Map<String, Operation> operations()
    {
        return Map.of(
                "StartQueryExecution", operation(StartQueryExecutionRequest.class, this::start),
                "GetQueryExecution", operation(QueryExecutionIdRequest.class, (request, caller) -> new QueryExecutionShapes.GetQueryExecutionResponse(wire(queries.find(requiredId(request.queryExecutionId()), caller)))),
                "BatchGetQueryExecution", operation(BatchGetQueryExecutionRequest.class, this::batchGet),
                "StopQueryExecution", operation(QueryExecutionIdRequest.class, (request, caller) -> {
                    queries.stop(requiredId(request.queryExecutionId()), caller);
                    return new QueryExecutionShapes.Empty();
                }),
                "ListQueryExecutions", operation(ListQueryExecutionsRequest.class, (request, _) -> list(request)),
                "GetQueryResults", operation(GetQueryResultsRequest.class, this::results),
                "GetQueryRuntimeStatistics", operation(QueryExecutionIdRequest.class, (request, caller) -> runtimeStatistics(queries.find(requiredId(request.queryExecutionId()), caller))));
    }

    /** Reads the input as {@code shape}, runs {@code handler}, and answers Athena's errors for what the query service refuses. */
    static <I> Operation operation(Class<I> shape, BiFunction<I, Caller, Object> handler)
    {
        return (JsonNode input, Caller caller) -> {
            try {
                return AwsJson.toTree(handler.apply(AwsJson.readInput(input, shape), caller));
            }
            catch (QueryRequestException e) {
                throw athenaError(e);
            }
            catch (TrawlException e) {
                throw AwsServiceException.internal(e.getMessage());
            }
        };
    }

    static AwsServiceException athenaError(QueryRequestException error)
    {
        return switch (error.reason()) {
            case TOO_MANY_REQUESTS -> new AwsServiceException("TooManyRequestsException", 400, error.getMessage(), Map.of("Reason", "CONCURRENT_QUERY_LIMIT_EXCEEDED"));
            case NOT_FOUND, INVALID, NOT_FINISHED, TOKEN_MISMATCH -> AwsServiceException.invalidRequest(error.getMessage());
            case ACCESS_DENIED -> new AwsServiceException("AccessDeniedException", 400, error.getMessage());
        };
    }

    private Object start(StartQueryExecutionRequest request, Caller caller)
    {
        if (request.queryString() == null) {
            throw AwsServiceException.invalidRequest("1 validation error detected: Value null at 'queryString' failed to satisfy constraint: Member must not be null");
        }
        if (request.clientRequestToken() != null && (request.clientRequestToken().length() < 32 || request.clientRequestToken().length() > 128)) {
            throw AwsServiceException.invalidRequest("ClientRequestToken must be between 32 and 128 characters");
        }
        Optional<QueryExecutionShapes.QueryExecutionContext> context = Optional.ofNullable(request.queryExecutionContext());
        QueryExecution.ResultReuse reuse = Optional.ofNullable(request.resultReuseConfiguration())
                .map(QueryExecutionShapes.ResultReuseConfiguration::resultReuseByAgeConfiguration)
                .filter(byAge -> Boolean.TRUE.equals(byAge.enabled()))
                .map(byAge -> new QueryExecution.ResultReuse(true, byAge.maxAgeInMinutes() == null ? 60 : byAge.maxAgeInMinutes()))
                .orElse(QueryExecution.ResultReuse.DISABLED);
        StartRequest start = new StartRequest(
                request.queryString(),
                context.map(QueryExecutionShapes.QueryExecutionContext::database),
                context.map(QueryExecutionShapes.QueryExecutionContext::catalog),
                Optional.ofNullable(request.workGroup()),
                Optional.ofNullable(request.resultConfiguration()).map(QueryExecutionShapes.ResultConfiguration::outputLocation).map(QueryExecutionOperations::location),
                Optional.ofNullable(request.executionParameters()).orElse(List.of()),
                Optional.ofNullable(request.clientRequestToken()),
                reuse);
        return new QueryExecutionShapes.StartQueryExecutionResponse(queries.start(start, caller).id());
    }

    private Object batchGet(BatchGetQueryExecutionRequest request, Caller caller)
    {
        List<String> ids = Optional.ofNullable(request.queryExecutionIds()).orElse(List.of());
        if (ids.isEmpty() || ids.size() > MAX_BATCH) {
            throw AwsServiceException.invalidRequest("QueryExecutionIds must hold between 1 and %d ids".formatted(MAX_BATCH));
        }
        List<QueryExecutionShapes.QueryExecution> found = new ArrayList<>();
        List<QueryExecutionShapes.UnprocessedQueryExecutionId> unprocessed = new ArrayList<>();
        for (String id : ids) {
            Optional<QueryExecution> execution = queries.findIfPresent(id);
            if (execution.isEmpty()) {
                unprocessed.add(new QueryExecutionShapes.UnprocessedQueryExecutionId(id, "INVALID_INPUT", "QueryExecution %s was not found".formatted(id)));
            }
            else if (!queries.maySee(execution.get(), caller)) {
                // another user's query, with access control on: refused per id, as a batch reports any failed entry
                unprocessed.add(new QueryExecutionShapes.UnprocessedQueryExecutionId(id, "AccessDeniedException",
                        "Access Denied: %s cannot see query %s, which %s ran".formatted(caller.principal(), id, execution.get().principal())));
            }
            else {
                found.add(wire(execution.get()));
            }
        }
        return new QueryExecutionShapes.BatchGetQueryExecutionResponse(found, unprocessed);
    }

    private Object list(ListQueryExecutionsRequest request)
    {
        int limit = request.maxResults() == null ? MAX_LISTED : request.maxResults();
        if (limit < 0 || limit > MAX_LISTED) {
            throw AwsServiceException.invalidRequest("MaxResults must be between 0 and %d".formatted(MAX_LISTED));
        }
        String workGroup = Optional.ofNullable(request.workGroup()).orElse(WorkGroup.PRIMARY);
        Optional<String> after = Optional.ofNullable(request.nextToken()).map(QueryExecutionOperations::decodeListToken);
        QueryHistory.Listing listing = queries.list(workGroup, after, limit == 0 ? MAX_LISTED : limit);
        return new QueryExecutionShapes.ListQueryExecutionsResponse(listing.ids(), listing.nextAfter().map(QueryExecutionOperations::encodeListToken).orElse(null));
    }

    private Object results(GetQueryResultsRequest request, Caller caller)
    {
        int maxResults = request.maxResults() == null ? MAX_RESULTS_PER_PAGE : request.maxResults();
        if (maxResults < 1 || maxResults > MAX_RESULTS_PER_PAGE) {
            throw AwsServiceException.invalidRequest("MaxResults must be between 1 and %d".formatted(MAX_RESULTS_PER_PAGE));
        }
        // results(...) refuses another user's query with its own words
        QueryExecution execution = queries.find(requiredId(request.queryExecutionId()));
        ResultFiles.ResultPage page = queries.results(execution.id(), Optional.ofNullable(request.nextToken()), maxResults, caller);
        List<ResultSetShapes.Row> rows = page.rows().stream()
                .map(values -> new ResultSetShapes.Row(values.stream().map(ResultSetShapes.Datum::new).toList()))
                .toList();
        List<ResultSetShapes.ColumnInfo> columns = page.columns().stream().map(QueryExecutionOperations::wire).toList();
        Long updateCount = execution.updateCount().isPresent() ? execution.updateCount().getAsLong() : 0L;
        return new ResultSetShapes.GetQueryResultsResponse(updateCount, new ResultSetShapes.ResultSet(rows, new ResultSetShapes.ResultSetMetadata(columns)), page.nextToken().orElse(null));
    }

    private static ResultSetShapes.ColumnInfo wire(ColumnInfo column)
    {
        return new ResultSetShapes.ColumnInfo("hive", "", "", column.name(), column.name(), column.type(), column.precision(), column.scale(), "UNKNOWN", column.caseSensitive());
    }

    /** A two-level stage tree: the coordinator's output stage over one scan stage per table read. */
    private static Object runtimeStatistics(QueryExecution execution)
    {
        QueryExecution.Statistics statistics = execution.statistics();
        String state = execution.state().terminal() ? (execution.state() == QueryExecution.State.SUCCEEDED ? "FINISHED" : "FAILED") : "RUNNING";
        List<ResultSetShapes.QueryStage> scans = new ArrayList<>();
        long stageId = 1;
        for (QueryExecution.StageStatistics scan : statistics.scans()) {
            ResultSetShapes.QueryStagePlanNode plan = new ResultSetShapes.QueryStagePlanNode("TableScan", scan.table(), List.of(), List.of());
            scans.add(new ResultSetShapes.QueryStage(stageId++, state, 0, scan.outputRows(), scan.inputBytes(), scan.outputRows(), scan.wallMillis(), plan, List.of()));
        }
        ResultSetShapes.QueryStagePlanNode output = new ResultSetShapes.QueryStagePlanNode("Output", "0",
                scans.stream().map(stage -> Long.toString(stage.stageId())).toList(), List.of());
        ResultSetShapes.QueryStage outputStage = new ResultSetShapes.QueryStage(0, state, statistics.outputBytes(), statistics.outputRows(),
                statistics.dataScannedBytes(), statistics.inputRows(), statistics.engineMillis(), output, scans);
        return new ResultSetShapes.GetQueryRuntimeStatisticsResponse(new ResultSetShapes.QueryRuntimeStatistics(
                new ResultSetShapes.QueryRuntimeStatisticsTimeline(statistics.queueMillis(), 0, statistics.planningMillis(), statistics.engineMillis(),
                        statistics.serviceProcessingMillis(), statistics.totalMillis()),
                new ResultSetShapes.QueryRuntimeStatisticsRows(statistics.inputRows(), statistics.dataScannedBytes(), statistics.outputBytes(), statistics.outputRows()),
                outputStage));
    }

    static QueryExecutionShapes.QueryExecution wire(QueryExecution execution)
    {
        QueryExecution.Statistics statistics = execution.statistics();
        QueryExecutionShapes.AthenaError error = execution.error()
                .map(found -> new QueryExecutionShapes.AthenaError(found.category(), found.type(), found.retryable(), found.message()))
                .orElse(null);
        QueryExecutionShapes.QueryExecutionStatus status = new QueryExecutionShapes.QueryExecutionStatus(
                execution.state().name(),
                execution.stateChangeReason().orElse(null),
                seconds(execution.submissionTime()),
                execution.completionTime().map(QueryExecutionOperations::seconds).orElse(null),
                error);
        QueryExecutionShapes.ResultReuseConfiguration reuse = new QueryExecutionShapes.ResultReuseConfiguration(
                new QueryExecutionShapes.ResultReuseByAgeConfiguration(execution.resultReuse().enabled(), execution.resultReuse().enabled() ? execution.resultReuse().maxAgeMinutes() : null));
        return new QueryExecutionShapes.QueryExecution(
                execution.id(),
                execution.query(),
                execution.statementType(),
                new QueryExecutionShapes.ResultConfiguration(execution.outputLocation().toString(), null, null, null),
                reuse,
                new QueryExecutionShapes.QueryExecutionContext(execution.database(), execution.catalog()),
                status,
                new QueryExecutionShapes.QueryExecutionStatistics(statistics.engineMillis(), statistics.dataScannedBytes(), manifestLocation(execution), statistics.totalMillis(),
                        statistics.queueMillis(), 0, statistics.planningMillis(), statistics.serviceProcessingMillis(),
                        new QueryExecutionShapes.ResultReuseInformation(execution.reusedFrom().isPresent())),
                execution.workGroup(),
                new QueryExecutionShapes.EngineVersion("AUTO", "Athena engine version 3"),
                execution.executionParameters().isEmpty() ? null : execution.executionParameters(),
                null);
    }

    /** Athena's DataManifestLocation: the list of files a write (CTAS, INSERT INTO, UNLOAD) produced. */
    private static String manifestLocation(QueryExecution execution)
    {
        if (execution.updateCount().isEmpty() || execution.state() != QueryExecution.State.SUCCEEDED) {
            return null;
        }
        String file = execution.outputLocation().toString();
        URI directory = URI.create(file.substring(0, file.lastIndexOf('/') + 1));
        return WriteLocations.underOutputLocation(directory, execution.id()).manifestLocation().map(URI::toString).orElse(null);
    }

    private static Double seconds(Instant instant)
    {
        return instant.toEpochMilli() / 1000.0;
    }

    private static String requiredId(String id)
    {
        if (id == null || id.isBlank()) {
            throw AwsServiceException.invalidRequest("1 validation error detected: Value null at 'queryExecutionId' failed to satisfy constraint: Member must not be null");
        }
        return id;
    }

    private static URI location(String location)
    {
        try {
            URI uri = URI.create(location.endsWith("/") ? location : location + "/");
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("no scheme");
            }
            return uri;
        }
        catch (IllegalArgumentException e) {
            throw AwsServiceException.invalidRequest("The output location %s is not a valid location (s3://bucket/prefix/)".formatted(location));
        }
    }

    private static String encodeListToken(String after)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("l1:" + after).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeListToken(String token)
    {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("l1:")) {
                return text.substring(3);
            }
        }
        catch (IllegalArgumentException _) {
            // reported below
        }
        throw AwsServiceException.invalidRequest("The NextToken is not valid");
    }
}
