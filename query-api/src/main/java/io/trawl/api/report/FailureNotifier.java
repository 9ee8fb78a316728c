package io.trawl.api.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Tells of a failed run, once: an ALERT line in the log always (for log-based alarms, e.g. a CloudWatch metric filter
 * on {@code ALERT}), and a POST of a JSON body to the report's webhook when it has one:
 * <pre>
 * {"report": "...", "runId": "...", "occurrence": "2026-11-24T08:00:00Z", "trigger": "SCHEDULE", "queryId": "...", "state": "FAILED", "reason": "..."}
 * </pre>
 * A webhook that fails or cannot be reached is not tried again (the run records what it answered); the alert line is
 * there either way.
 */
final class FailureNotifier
{
    private static final Logger LOG = LoggerFactory.getLogger(FailureNotifier.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Duration timeout;

    FailureNotifier(Duration timeout)
    {
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Tells of the failed run; answers what happened to the notification, for the run's record. */
    String notifyFailure(Report report, ReportRun run)
    {
        LOG.error("ALERT report={} run={} occurrence={} query={} failed: {}",
                report.name(), run.id(), run.occurrence(), run.queryId().orElse("-"), run.reason().orElse("unknown reason"));
        if (report.webhook().isEmpty()) {
            return "logged (no webhook)";
        }
        URI webhook = report.webhook().get();
        ObjectNode body = JSON.createObjectNode()
                .put("report", report.name())
                .put("runId", run.id())
                .put("occurrence", run.occurrence().toString())
                .put("trigger", run.trigger().name())
                .put("state", run.state().name())
                .put("reason", run.reason().orElse(""));
        run.queryId().ifPresentOrElse(id -> body.put("queryId", id), () -> body.putNull("queryId"));
        try {
            HttpRequest request = HttpRequest.newBuilder(webhook)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Trawl-Reports")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("The webhook of report {} answered HTTP {}", report.name(), response.statusCode());
            }
            return "webhook answered HTTP " + response.statusCode();
        }
        catch (IOException e) {
            LOG.warn("The webhook of report {} could not be reached: {}", report.name(), e.toString());
            return "webhook not reached: " + e;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "webhook interrupted";
        }
    }
}
