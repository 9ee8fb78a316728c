package io.trawl.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.trawl.api.auth.Caller;
import io.trawl.api.query.QueryExecution;
import io.trawl.api.query.QueryHistory;
import io.trawl.api.query.QueryRequestException;
import io.trawl.api.query.QueryService;
import io.trawl.api.query.ResultFiles;
import io.trawl.api.query.StartRequest;
import io.trawl.api.service.TrawlService;
import io.trawl.api.workgroup.WorkGroup;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import static java.util.Objects.requireNonNull;

/**
 * The plain REST API over the same query lifecycle as Athena's protocol, for curl and scripts:
 * {@code POST /v1/queries}, {@code GET /v1/queries[/{id}[/results]]}, {@code DELETE /v1/queries/{id}}. Requests are
 * signed with SigV4 like every other ({@code curl --aws-sigv4 "aws:amz:us-east-1:athena" --user KEY:SECRET});
 * errors are RFC 9457 problem documents. {@code Accept: text/csv} on the results streams the whole CSV file as
 * Athena wrote it, the fast path Athena's paged API lacks.
 */
@Controller("/v1/queries")
public final class QueryController
{
    private static final int MAX_PAGE = 1000;

    private final QueryService queries;
    private final RestCalls calls;
    private final TrawlService trawl;

    public QueryController(TrawlService trawl)
    {
        this.trawl = requireNonNull(trawl, "trawl is null");
        this.queries = trawl.queries();
        this.calls = new RestCalls(trawl.authenticator());
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> submit(HttpRequest<?> request, @Body @Nullable byte[] body)
    {
        return handle(request, body, caller -> {
            RestShapes.SubmitQuery submit = read(body);
            if (submit.sql() == null || submit.sql().isBlank()) {
                throw new QueryRequestException(QueryRequestException.Reason.INVALID, "The request needs the SQL to run in 'sql'");
            }
            StartRequest start = new StartRequest(submit.sql(),
                    Optional.ofNullable(submit.database()).or(() -> Optional.ofNullable(submit.schema())),
                    Optional.empty(),
                    Optional.ofNullable(submit.workGroup()),
                    Optional.ofNullable(submit.outputLocation()).map(location -> URI.create(location.endsWith("/") ? location : location + "/")),
                    Optional.ofNullable(submit.parameters()).orElse(List.of()),
                    Optional.ofNullable(submit.clientRequestToken()),
                    QueryExecution.ResultReuse.DISABLED);
            QueryExecution execution = queries.start(start, caller);
            return RestCalls.created(query(execution), "/v1/queries/" + execution.id());
        });
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String workGroup, @Nullable @QueryValue String nextToken, @Nullable @QueryValue Integer maxResults)
    {
        return handle(request, null, caller -> {
            int limit = maxResults == null ? 50 : maxResults;
            if (limit < 1 || limit > 50) {
                throw new QueryRequestException(QueryRequestException.Reason.INVALID, "maxResults must be between 1 and 50");
            }
            QueryHistory.Listing listing = queries.list(workGroup == null ? WorkGroup.PRIMARY : workGroup, Optional.ofNullable(nextToken).map(QueryController::decode), limit);
            List<RestShapes.Query> found = new ArrayList<>();
            for (String id : listing.ids()) {
                // with access control on, other users' queries are left out: a page can then hold fewer than maxResults
                queries.findIfPresent(id).filter(execution -> queries.maySee(execution, caller)).ifPresent(execution -> found.add(query(execution)));
            }
            return ok(new RestShapes.QueryList(found, listing.nextAfter().map(QueryController::encode).orElse(null)));
        });
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> get(HttpRequest<?> request, @PathVariable String id)
    {
        return handle(request, null, caller -> ok(query(queries.find(id, caller))));
    }

    @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> cancel(HttpRequest<?> request, @PathVariable String id)
    {
        return handle(request, null, caller -> ok(query(queries.stop(id, caller))));
    }

    @Get(uri = "/{id}/results", produces = {MediaType.APPLICATION_JSON, "text/csv"})
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> results(HttpRequest<?> request, @PathVariable String id, @Nullable @Header("Accept") String accept,
            @Nullable @QueryValue String nextToken, @Nullable @QueryValue Integer maxResults)
    {
        return handle(request, null, caller -> {
            if (accept != null && accept.contains("text/csv")) {
                return csv(id, caller);
            }
            int limit = maxResults == null ? MAX_PAGE : maxResults;
            if (limit < 1 || limit > MAX_PAGE) {
                throw new QueryRequestException(QueryRequestException.Reason.INVALID, "maxResults must be between 1 and %d".formatted(MAX_PAGE));
            }
            QueryExecution execution = queries.find(id);
            boolean csvFile = ResultFiles.isCsv(execution.outputLocation());
            // the CSV's header row is not data: JSON pages carry the names in 'columns'
            Optional<String> token = Optional.ofNullable(nextToken);
            ResultFiles.ResultPage page = queries.results(id, token, token.isEmpty() && csvFile ? limit + 1 : limit, caller);
            List<List<String>> rows = token.isEmpty() && csvFile && !page.rows().isEmpty() ? page.rows().subList(1, page.rows().size()) : page.rows();
            List<RestShapes.Column> columns = page.columns().stream().map(column -> new RestShapes.Column(column.name(), column.type(), column.precision(), column.scale())).toList();
            return ok(new RestShapes.ResultPage(columns, rows, page.nextToken().orElse(null)));
        });
    }

    /** The whole result file, streamed as stored (header row first). */
    private HttpResponse<?> csv(String id, Caller caller)
    {
        QueryExecution execution = queries.find(id);
        queries.results(id, Optional.empty(), 1, caller);
        if (!ResultFiles.isCsv(execution.outputLocation())) {
            throw new QueryRequestException(QueryRequestException.Reason.INVALID, "Query %s is a %s statement; its result is text, not CSV".formatted(id, execution.statementType()));
        }
        try {
            InputStream content = new ObjectStoreInputStream(trawl.trawl().store(), execution.outputLocation());
            return HttpResponse.ok(content).contentType(MediaType.of("text/csv"))
                    .header("Content-Disposition", "attachment; filename=\"%s.csv\"".formatted(id));
        }
        catch (IOException e) {
            throw new TrawlException(io.trawl.error.ErrorCode.STORAGE_ERROR, "Cannot read the result of %s: %s".formatted(id, e.getMessage()), e);
        }
    }

    private HttpResponse<?> handle(HttpRequest<?> request, byte[] body, RestCalls.Handler handler)
    {
        return calls.handle(request, body, handler);
    }

    private RestShapes.Query query(QueryExecution execution)
    {
        QueryExecution.Statistics statistics = execution.statistics();
        return new RestShapes.Query(
                execution.id(),
                execution.state().name(),
                execution.stateChangeReason().orElse(null),
                execution.error().map(error -> new RestShapes.Error(error.category(), error.type(), error.retryable(), error.message())).orElse(null),
                execution.statementType(),
                execution.query(),
                execution.workGroup(),
                execution.database(),
                execution.principal(),
                execution.submissionTime().toString(),
                execution.completionTime().map(Object::toString).orElse(null),
                execution.outputLocation().toString(),
                execution.updateCount().isPresent() ? execution.updateCount().getAsLong() : null,
                new RestShapes.Statistics(statistics.dataScannedBytes(), statistics.queueMillis(), statistics.engineMillis(), statistics.totalMillis(),
                        statistics.outputRows(), statistics.outputBytes(), execution.reusedFrom().isPresent()),
                queries.progress(execution)
                        .map(progress -> new RestShapes.Progress(progress.bytesScanned(), progress.splitsCompleted(), progress.splitsPlanned(), progress.estimatedCost(), progress.currency())).orElse(null),
                execution.billing().map(billing -> new RestShapes.Billing(billing.billedBytes(), billing.cost(), billing.currency())).orElse(null),
                Map.of("self", "/v1/queries/" + execution.id(), "results", "/v1/queries/" + execution.id() + "/results"));
    }

    private static RestShapes.SubmitQuery read(byte[] body)
    {
        return RestCalls.read(body, RestShapes.SubmitQuery.class, "query request");
    }

    private static HttpResponse<?> ok(Object body)
    {
        return RestCalls.ok(body);
    }

    private static String encode(String after)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token)
    {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw new QueryRequestException(QueryRequestException.Reason.INVALID, "The nextToken is not valid");
        }
    }
}
