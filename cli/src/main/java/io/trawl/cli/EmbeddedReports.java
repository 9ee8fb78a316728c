package io.trawl.cli;

import io.trawl.api.report.ReportService;
import io.trawl.api.rest.ReportShapes;
import io.trawl.api.rest.RestShapes;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Reports in this machine's Trawl: the same service {@code trawl serve} runs, over the same home, catalog and meta
 * store (the same variables configure both), opened for one command. Reports created here are run by a
 * {@code trawl serve} over the same meta store; {@code run} runs one here, as the user, and waits for it.
 */
final class EmbeddedReports
        implements ReportTarget
{
    private final TrawlService service;
    private final ReportService reports;
    private final String principal;

    private EmbeddedReports(TrawlService service, String principal)
    {
        this.service = requireNonNull(service, "service is null");
        this.reports = service.reports();
        this.principal = requireNonNull(principal, "principal is null");
    }

    static EmbeddedReports open(CliContext context, CommonOptions common)
    {
        // --home wins over $TRAWL_HOME, as in every other command
        Map<String, String> environment = new HashMap<>(context.environment());
        environment.put(CommonOptions.HOME_VARIABLE, common.resolveHome(context).toString());
        ServerSettings settings = ServerSettings.fromEnvironment(environment, context.userHome()).withS3(common.resolveS3(context.environment()));
        return new EmbeddedReports(TrawlService.create(settings), System.getProperty("user.name", "trawl"));
    }

    @Override
    public RestShapes.Report create(RestShapes.CreateReport report)
    {
        return shape(reports.create(ReportShapes.definition(report), principal));
    }

    @Override
    public List<RestShapes.Report> list()
    {
        return reports.list().stream().map(this::shape).toList();
    }

    @Override
    public RestShapes.Report show(String name)
    {
        return shape(reports.find(name));
    }

    @Override
    public RestShapes.Report delete(String name)
    {
        return shape(reports.delete(name));
    }

    @Override
    public RestShapes.ReportRun run(String name, boolean wait)
    {
        ReportService.StartedRun started = reports.runNow(name);
        // in this process the run ends with the command: it is always waited for
        return ReportShapes.run(started.finished().join());
    }

    @Override
    public List<RestShapes.ReportRun> history(String name, int limit)
    {
        return reports.history(name, limit).stream().map(ReportShapes::run).toList();
    }

    private RestShapes.Report shape(io.trawl.api.report.Report report)
    {
        return ReportShapes.report(report, reports.nextOccurrence(report));
    }

    @Override
    public void close()
    {
        service.close();
    }
}
