package io.trawl.api.report;

import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;
import io.trawl.testing.time.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A long-running server ({@code trawl serve}) ticks its report scheduler by itself; with the tick at 0 it does not. */
class ServerSchedulerTest
{
    @TempDir
    Path temporary;

    @Test
    void aServerRunsDueReportsOnItsOwn()
    {
        try (TrawlApiServer server = TrawlApiServer.start(ServerSettings.defaults(temporary.resolve("home")).withEnvironment(Map.of("TRAWL_REPORT_TICK_SECONDS", "1")))) {
            TrawlService service = server.service();
            assertThat(service.reports().scheduler().isStarted()).isTrue();
            // created 70 minutes ago, hourly: the occurrence 10 minutes ago is due (and missed: the policy latest runs it)
            Instant created = Instant.now().minus(Duration.ofMinutes(70)).truncatedTo(ChronoUnit.SECONDS);
            try (ReportService past = new ReportService(new ReportStore(service.metaDocuments()), service.workGroups(), service.queries(), service.trawl().store(),
                    ReportSettings.DEFAULTS, new TestClock(created), "test")) {
                past.create(ReportDefinition.of("hourly", "SELECT 1 AS one", "rate(1 hour)", temporary.toUri() + "out/"), "analyst");
            }

            Instant deadline = Instant.now().plusSeconds(60);
            List<ReportRun> runs = service.reports().history("hourly", 10);
            while (runs.isEmpty() || !runs.getFirst().state().terminal()) {
                assertThat(Instant.now()).as("the server ran the due report by itself").isBefore(deadline);
                runs = service.reports().history("hourly", 10);
            }
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.state()).as(run.reason().orElse("")).isEqualTo(ReportRun.State.SUCCEEDED);
                assertThat(run.trigger()).isEqualTo(ReportRun.Trigger.SCHEDULE);
                assertThat(run.occurrence()).isEqualTo(created.plus(Duration.ofHours(1)));
            });
        }
    }

    @Test
    void aTickOfZeroLeavesTheSchedulerOff()
    {
        try (TrawlApiServer server = TrawlApiServer.start(ServerSettings.defaults(temporary.resolve("home")).withEnvironment(Map.of("TRAWL_REPORT_TICK_SECONDS", "0")))) {
            assertThat(server.service().reports().scheduler().isStarted()).isFalse();
        }
    }
}
