package io.trawl.cli;

import io.trawl.api.rest.RestShapes;
import io.trawl.cli.remote.TrawlApiClient;
import io.trawl.cli.remote.TrawlApiException;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Reports on a Trawl API ({@code --endpoint}), through {@code /v1/reports}; a run is followed by polling it. */
final class RemoteReports
        implements ReportTarget
{
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "SKIPPED");

    private final TrawlApiClient client;

    RemoteReports(TrawlApiClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    @Override
    public RestShapes.Report create(RestShapes.CreateReport report)
    {
        return client.createReport(report);
    }

    @Override
    public List<RestShapes.Report> list()
    {
        return client.reports();
    }

    @Override
    public RestShapes.Report show(String name)
    {
        return client.report(name);
    }

    @Override
    public RestShapes.Report delete(String name)
    {
        return client.deleteReport(name);
    }

    @Override
    public RestShapes.ReportRun run(String name, boolean wait)
    {
        RestShapes.ReportRun run = client.runReport(name);
        while (wait && !ENDED.contains(run.state())) {
            try {
                Thread.sleep(POLL_INTERVAL);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrawlApiException("Interrupted while waiting for run %s of report %s (it goes on on the server)".formatted(run.id(), name), e);
            }
            run = client.reportRun(name, run.id());
        }
        return run;
    }

    @Override
    public List<RestShapes.ReportRun> history(String name, int limit)
    {
        return client.reportRuns(name, limit);
    }

    @Override
    public void close()
    {
    }
}
