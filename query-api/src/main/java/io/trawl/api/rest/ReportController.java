package io.trawl.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.trawl.api.auth.Caller;
import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.api.report.Report;
import io.trawl.api.report.ReportDefinition;
import io.trawl.api.report.ReportException;
import io.trawl.api.report.ReportService;
import io.trawl.api.service.TrawlService;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Scheduled reports over REST, signed and answered like {@code /v1/queries}: {@code POST /v1/reports} (the caller
 * owns it), {@code GET /v1/reports[/{name}]}, {@code DELETE /v1/reports/{name}}, {@code POST /v1/reports/{name}/runs}
 * (run now: 202 with the run, its query queued), {@code GET /v1/reports/{name}/runs[/{id}]} (the history, newest
 * first).
 */
@Controller("/v1/reports")
public final class ReportController
{
    private static final int MAX_RUNS = 1000;

    private final ReportService reports;
    private final EmbeddedTrawl embedded;
    private final RestCalls calls;

    public ReportController(TrawlService trawl)
    {
        requireNonNull(trawl, "trawl is null");
        this.reports = trawl.reports();
        this.embedded = trawl.trawl();
        this.calls = new RestCalls(trawl.authenticator());
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> create(HttpRequest<?> request, @Body @Nullable byte[] body)
    {
        return calls.handle(request, body, caller -> {
            RestShapes.CreateReport create = RestCalls.read(body, RestShapes.CreateReport.class, "report");
            ReportDefinition definition = ReportShapes.definition(create);
            // a report writes its output where its owner says: a write destination like UNLOAD's
            embedded.accessControl().requireAllowedLocation(definition.destination());
            Report report = reports.create(definition, caller.principal());
            return RestCalls.created(shape(report), "/v1/reports/" + report.name());
        });
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> list(HttpRequest<?> request)
    {
        return calls.handle(request, null, caller -> RestCalls.ok(new RestShapes.ReportList(reports.list().stream()
                .filter(report -> embedded.mayReadResultsOf(caller.principal(), report.owner()))
                .map(this::shape)
                .toList())));
    }

    @Get(uri = "/{name}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> get(HttpRequest<?> request, @PathVariable String name)
    {
        return calls.handle(request, null, caller -> RestCalls.ok(shape(owned(name, caller))));
    }

    @Delete(uri = "/{name}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String name)
    {
        return calls.handle(request, null, caller -> {
            owned(name, caller);
            return RestCalls.ok(shape(reports.delete(name)));
        });
    }

    @Post(uri = "/{name}/runs", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> runNow(HttpRequest<?> request, @PathVariable String name, @Body @Nullable byte[] body)
    {
        return calls.handle(request, body, caller -> {
            owned(name, caller);
            ReportService.StartedRun started = reports.runNow(name);
            return HttpResponse.status(HttpStatus.ACCEPTED)
                    .body(RestCalls.json(ReportShapes.run(started.run())))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Location", "/v1/reports/%s/runs/%s".formatted(name, started.run().id()));
        });
    }

    @Get(uri = "/{name}/runs", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> history(HttpRequest<?> request, @PathVariable String name, @Nullable @QueryValue Integer maxResults)
    {
        return calls.handle(request, null, caller -> {
            owned(name, caller);
            int limit = maxResults == null ? 100 : maxResults;
            if (limit < 1 || limit > MAX_RUNS) {
                throw new ReportException(ReportException.Reason.INVALID, "maxResults must be between 1 and %d".formatted(MAX_RUNS));
            }
            List<RestShapes.ReportRun> runs = reports.history(name, limit).stream().map(ReportShapes::run).toList();
            return RestCalls.ok(new RestShapes.ReportRunList(runs));
        });
    }

    @Get(uri = "/{name}/runs/{id}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<?> run(HttpRequest<?> request, @PathVariable String name, @PathVariable String id)
    {
        return calls.handle(request, null, caller -> {
            owned(name, caller);
            return RestCalls.ok(ReportShapes.run(reports.run(name, id)));
        });
    }

    /**
     * The report, when {@code caller} may see it: with access control on, a report (its SQL, runs and outputs) is its
     * owner's and administrators', as a query is; it runs with its owner's grants.
     */
    private Report owned(String name, Caller caller)
    {
        Report report = reports.find(name);
        if (!embedded.mayReadResultsOf(caller.principal(), report.owner())) {
            throw new ReportException(ReportException.Reason.ACCESS_DENIED, "Access Denied: %s cannot see report %s, which belongs to %s".formatted(caller.principal(), name, report.owner()));
        }
        return report;
    }

    private RestShapes.Report shape(Report report)
    {
        return ReportShapes.report(report, reports.nextOccurrence(report));
    }
}
