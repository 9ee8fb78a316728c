package io.trawl.api.rest;

import io.trawl.api.report.Report;
import io.trawl.api.report.ReportDefinition;
import io.trawl.api.report.ReportRun;
import io.trawl.api.report.ReportException;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reports between the REST API's shapes and the report service's, one way for the API and for the CLI's embedded
 * mode, so {@code trawl reports} prints the same whether it runs in-process or against a server.
 */
public final class ReportShapes
{
    private ReportShapes() {}

    public static ReportDefinition definition(RestShapes.CreateReport request)
    {
        if (request.name() == null || request.name().isBlank()) {
            throw invalid("A report needs a 'name'");
        }
        if (request.sql() == null || request.sql().isBlank()) {
            throw invalid("A report needs the SQL of its query in 'sql'");
        }
        if (request.schedule() == null || request.schedule().isBlank()) {
            throw invalid("A report needs a 'schedule': cron(minutes hours day-of-month month day-of-week year) or rate(value unit)");
        }
        if (request.output() == null || request.output().destination() == null || request.output().destination().isBlank()) {
            throw invalid("A report needs an 'output' with a 'destination' folder, e.g. s3://bucket/reports/{yyyy}/{MM}/{dd}/");
        }
        RestShapes.OutputSpec output = request.output();
        Optional<RestShapes.CatchUpSpec> catchUp = Optional.ofNullable(request.catchUp());
        return new ReportDefinition(
                request.name(),
                request.sql(),
                Optional.ofNullable(request.database()),
                Optional.ofNullable(request.workGroup()),
                request.schedule(),
                Optional.ofNullable(request.timeZone()),
                Optional.ofNullable(output.format()),
                output.destination(),
                Optional.ofNullable(output.retentionDays()),
                Optional.ofNullable(request.notification()).map(RestShapes.NotificationSpec::webhookUrl),
                catchUp.map(RestShapes.CatchUpSpec::policy),
                catchUp.map(RestShapes.CatchUpSpec::limit),
                Optional.ofNullable(request.enabled()));
    }

    public static RestShapes.Report report(Report report, Optional<Instant> nextOccurrence)
    {
        return new RestShapes.Report(
                report.name(),
                report.sql(),
                report.database(),
                report.workGroup(),
                report.schedule().expression(),
                report.schedule().zone().getId(),
                new RestShapes.OutputSpec(report.output().format().name(), report.output().destination(), report.output().retentionDays()),
                new RestShapes.NotificationSpec(report.webhook().map(URI::toString).orElse(null)),
                new RestShapes.CatchUpSpec(report.catchUp().policy().toString(), report.catchUp().limit()),
                report.enabled(),
                report.owner(),
                report.createdAt().toString(),
                nextOccurrence.map(Instant::toString).orElse(null),
                Map.of("self", "/v1/reports/" + report.name(), "runs", "/v1/reports/" + report.name() + "/runs"));
    }

    public static RestShapes.ReportRun run(ReportRun run)
    {
        return new RestShapes.ReportRun(
                run.report(),
                run.id(),
                run.occurrence().toString(),
                run.trigger().name(),
                run.state().name(),
                run.queryId().orElse(null),
                run.reason().orElse(null),
                run.note().orElse(null),
                run.outputs().stream().map(URI::toString).toList(),
                run.claimedBy(),
                run.claimedAt().toString(),
                run.completedAt().map(Instant::toString).orElse(null),
                run.notification().orElse(null),
                run.queryId().isPresent()
                        ? Map.of("self", "/v1/reports/%s/runs/%s".formatted(run.report(), run.id()), "query", "/v1/queries/" + run.queryId().get())
                        : Map.of("self", "/v1/reports/%s/runs/%s".formatted(run.report(), run.id())));
    }

    private static ReportException invalid(String message)
    {
        return new ReportException(ReportException.Reason.INVALID, message);
    }
}
