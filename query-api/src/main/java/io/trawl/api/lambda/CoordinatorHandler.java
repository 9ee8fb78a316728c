package io.trawl.api.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trawl.api.report.ReportRun;
import io.trawl.api.report.ReportScheduler;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.service.TrawlService;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The coordinator Lambda function: {@code io.trawl.api.lambda.CoordinatorHandler::handleRequest}. It runs the queries
 * the API function queued ({@code {"queryId": "..."}}, invoked asynchronously), each to its end within the function's
 * 15 minutes, with the same service the API runs (settings from the function's environment, built once per
 * container in the init phase). It answers {@code {"queryId": ..., "state": ...}}; a query it finds already claimed (a
 * duplicate delivery) is left alone.
 *
 * <p>{@code {"action": "run-due-reports"}}, which a fixed EventBridge Scheduler schedule sends every minute, makes it
 * tick the report scheduler once: claim and run the reports that are due, finish runs left pending, and return when
 * the runs it started have ended. It answers {@code {"action": ..., "started": n, "lost": n, "skipped": n,
 * "recovered": n, "failed": n}}. Overlapping invocations are safe: each occurrence is claimed by one of them.
 */
public final class CoordinatorHandler
        implements RequestStreamHandler, AutoCloseable
{
    public static final String RUN_DUE_REPORTS = "run-due-reports";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrawlService service;

    /** What AWS Lambda calls: the function's environment is the process's; state goes to /tmp. */
    public CoordinatorHandler()
    {
        this(System.getenv());
    }

    /** With an explicit environment (the local Lambda endpoint of the tests passes each function's own). */
    public CoordinatorHandler(Map<String, String> environment)
    {
        this.service = TrawlService.create(ServerSettings.fromEnvironment(environment, Path.of(System.getProperty("java.io.tmpdir"))).withCoordinatorRole());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
            throws IOException
    {
        JsonNode request = JSON.readTree(input);
        JsonNode action = request.get("action");
        if (action != null) {
            if (!action.isTextual() || !RUN_DUE_REPORTS.equals(action.asText())) {
                throw new IllegalArgumentException("The coordinator knows the action \"%s\", not %s".formatted(RUN_DUE_REPORTS, action));
            }
            output.write(JSON.writeValueAsBytes(runDueReports()));
            return;
        }
        JsonNode queryId = request.get("queryId");
        if (queryId == null || !queryId.isTextual()) {
            throw new IllegalArgumentException("The coordinator expects {\"queryId\": \"...\"}, not " + request);
        }
        String state = service.queries().runQueued(queryId.asText()).name();
        output.write(JSON.writeValueAsBytes(Map.of("queryId", queryId.asText(), "state", state)));
    }

    private Map<String, Object> runDueReports()
    {
        ReportScheduler.Tick tick = service.reports().scheduler().tick();
        List<ReportRun> ended = tick.awaitRuns();
        long failed = ended.stream().filter(run -> run.state() == ReportRun.State.FAILED).count();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", RUN_DUE_REPORTS);
        answer.put("started", tick.started().size());
        answer.put("lost", tick.lost().size());
        answer.put("skipped", tick.skipped().size());
        answer.put("recovered", tick.recovered().size());
        answer.put("failed", failed);
        return answer;
    }

    @Override
    public void close()
    {
        service.close();
    }
}
