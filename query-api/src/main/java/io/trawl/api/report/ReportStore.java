package io.trawl.api.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trawl.catalog.lake.CatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Reports and their runs as documents in the meta store, shared by every instance:
 * <pre>
 * reports/&lt;name&gt;.json                   the report
 * reports/&lt;name&gt;/runs/&lt;run id&gt;.json     a run; a scheduled run's id is its occurrence in epoch seconds, so creating it is the claim
 * reports/&lt;name&gt;/pending/&lt;run id&gt;.json  a run that has not finished, written before the claim and deleted when it ends,
 *                                     so that any instance's tick can finish what a stopped instance left
 * </pre>
 * Every write is create-if-absent or replace-if-unchanged. One recursive listing of {@code reports/} tells a tick
 * every report, the newest occurrence each has claimed, and what is pending.
 */
public final class ReportStore
{
    private static final String ROOT = "reports/";
    private static final String RUNS = "/runs/";
    private static final String PENDING = "/pending/";
    private static final String SUFFIX = ".json";
    private static final int ATTEMPTS = 20;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final CatalogDocuments documents;

    public ReportStore(CatalogDocuments documents)
    {
        this.documents = requireNonNull(documents, "documents is null");
    }

    /** Stores the report; false when one of that name exists. */
    public boolean create(Report report)
    {
        return documents.createIfAbsent(reportKey(report.name()), encode(report));
    }

    public Optional<Report> find(String name)
    {
        return documents.read(reportKey(name)).map(document -> decode(document.content()));
    }

    /** Every report, by name. */
    public List<Report> list()
    {
        List<Report> reports = new ArrayList<>();
        for (String name : snapshot().reports()) {
            find(name).ifPresent(reports::add);
        }
        return reports;
    }

    /** Deletes the report and its run records (not the outputs its runs wrote); false when there was none. */
    public boolean delete(String name)
    {
        if (documents.read(reportKey(name)).isEmpty()) {
            return false;
        }
        documents.delete(reportKey(name));
        for (String key : documents.list(ROOT + name + "/")) {
            documents.delete(key);
        }
        return true;
    }

    /** What one listing of the store shows: the reports, the newest occurrence each has claimed, and the runs pending. */
    public record Snapshot(List<String> reports, Map<String, Instant> lastOccurrences, List<RunKey> pending)
    {
        public Snapshot
        {
            reports = List.copyOf(reports);
            lastOccurrences = Map.copyOf(lastOccurrences);
            pending = List.copyOf(pending);
        }

        public Optional<Instant> lastOccurrence(String report)
        {
            return Optional.ofNullable(lastOccurrences.get(report));
        }
    }

    public record RunKey(String report, String runId) {}

    public Snapshot snapshot()
    {
        List<String> reports = new ArrayList<>();
        Map<String, Instant> last = new TreeMap<>();
        List<RunKey> pending = new ArrayList<>();
        for (String key : documents.list(ROOT)) {
            if (!key.endsWith(SUFFIX)) {
                continue;
            }
            String path = key.substring(ROOT.length(), key.length() - SUFFIX.length());
            int slash = path.indexOf('/');
            if (slash < 0) {
                reports.add(path);
                continue;
            }
            String report = path.substring(0, slash);
            String rest = path.substring(slash);
            if (rest.startsWith(RUNS)) {
                OptionalLong occurrence = scheduledOccurrence(rest.substring(RUNS.length()));
                if (occurrence.isPresent()) {
                    last.merge(report, Instant.ofEpochSecond(occurrence.getAsLong()), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            else if (rest.startsWith(PENDING)) {
                pending.add(new RunKey(report, rest.substring(PENDING.length())));
            }
        }
        return new Snapshot(reports, last, pending);
    }

    /**
     * Claims a run: marks it pending, then creates its document if there is none. False when the run exists (another
     * instance claimed the occurrence first); the marker then belongs to the run that exists.
     */
    public boolean claim(ReportRun run)
    {
        ObjectNode marker = JSON.createObjectNode().put("claimedAt", run.claimedAt().toString()).put("claimedBy", run.claimedBy());
        documents.createIfAbsent(pendingKey(run.report(), run.id()), bytes(marker));
        return documents.createIfAbsent(runKey(run.report(), run.id()), encode(run));
    }

    /** Records a run that needs no finishing (SKIPPED); false when the occurrence was claimed already. */
    public boolean record(ReportRun run)
    {
        return documents.createIfAbsent(runKey(run.report(), run.id()), encode(run));
    }

    public Optional<ReportRun> findRun(String report, String runId)
    {
        return documents.read(runKey(report, runId)).map(document -> decodeRun(document.content()));
    }

    /** When the pending marker was written, or empty when there is none. */
    public Optional<Instant> pendingSince(String report, String runId)
    {
        return documents.read(pendingKey(report, runId)).map(document -> {
            try {
                return Instant.parse(JSON.readTree(document.content()).get("claimedAt").asText());
            }
            catch (IOException | RuntimeException e) {
                return Instant.EPOCH;
            }
        });
    }

    public void finishPending(String report, String runId)
    {
        documents.delete(pendingKey(report, runId));
    }

    /**
     * Applies {@code change} to the stored run until it is written over the version it was computed from. The change
     * answers empty to leave the run as it is; the result is the run this call wrote, empty when it wrote nothing (the
     * run is gone, or the change declined), so of two instances making the same transition exactly one sees it.
     */
    public Optional<ReportRun> update(String report, String runId, Function<ReportRun, Optional<ReportRun>> change)
    {
        String key = runKey(report, runId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<CatalogDocuments.Document> current = documents.read(key);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<ReportRun> changed = change.apply(decodeRun(current.get().content()));
            if (changed.isEmpty()) {
                return Optional.empty();
            }
            if (documents.replaceIfUnchanged(key, encode(changed.get()), current.get().etag())) {
                return changed;
            }
        }
        throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "Run %s of report %s is being changed by others; try again".formatted(runId, report));
    }

    /** The report's runs, newest occurrence first. */
    public List<ReportRun> runs(String report)
    {
        List<ReportRun> runs = new ArrayList<>();
        for (String key : documents.list(ROOT + report + RUNS)) {
            if (key.endsWith(SUFFIX)) {
                documents.read(key).ifPresent(document -> runs.add(decodeRun(document.content())));
            }
        }
        runs.sort(Comparator.comparing(ReportRun::occurrence).thenComparing(ReportRun::claimedAt).reversed());
        return runs;
    }

    public void deleteRun(String report, String runId)
    {
        documents.delete(runKey(report, runId));
    }

    /** The occurrence a scheduled run's id names; empty for runs started by hand. */
    static OptionalLong scheduledOccurrence(String runId)
    {
        if (runId.isEmpty() || runId.length() > 19) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < runId.length(); i++) {
            if (!Character.isDigit(runId.charAt(i))) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(runId));
    }

    private static String reportKey(String name)
    {
        return ROOT + name + SUFFIX;
    }

    private static String runKey(String report, String runId)
    {
        return ROOT + report + RUNS + runId + SUFFIX;
    }

    private static String pendingKey(String report, String runId)
    {
        return ROOT + report + PENDING + runId + SUFFIX;
    }

    static byte[] encode(Report report)
    {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", 1);
        node.put("name", report.name());
        node.put("sql", report.sql());
        node.put("database", report.database());
        node.put("workGroup", report.workGroup());
        node.putObject("schedule").put("expression", report.schedule().expression()).put("timeZone", report.schedule().zone().getId());
        node.putObject("output")
                .put("format", report.output().format().name())
                .put("destination", report.output().destination())
                .put("retentionDays", report.output().retentionDays());
        ObjectNode notification = node.putObject("notification");
        report.webhook().ifPresent(webhook -> notification.put("webhookUrl", webhook.toString()));
        node.putObject("catchUp").put("policy", report.catchUp().policy().toString()).put("limit", report.catchUp().limit());
        node.put("enabled", report.enabled());
        node.put("owner", report.owner());
        node.put("createdAt", report.createdAt().toString());
        return bytes(node);
    }

    static Report decode(byte[] content)
    {
        try {
            JsonNode node = JSON.readTree(content);
            JsonNode schedule = node.get("schedule");
            JsonNode output = node.get("output");
            JsonNode catchUp = node.get("catchUp");
            return new Report(
                    node.get("name").asText(),
                    node.get("sql").asText(),
                    node.get("database").asText(),
                    node.get("workGroup").asText(),
                    Schedule.parse(schedule.get("expression").asText(), Optional.of(schedule.get("timeZone").asText())),
                    new ReportOutput(ReportOutput.Format.valueOf(output.get("format").asText()), output.get("destination").asText(), output.get("retentionDays").asInt()),
                    node.path("notification").hasNonNull("webhookUrl") ? Optional.of(URI.create(node.path("notification").get("webhookUrl").asText())) : Optional.empty(),
                    new CatchUp(CatchUp.Policy.parse(catchUp.get("policy").asText()), catchUp.get("limit").asInt()),
                    node.get("enabled").asBoolean(),
                    node.get("owner").asText(),
                    Instant.parse(node.get("createdAt").asText()));
        }
        catch (IOException | RuntimeException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read a report document: " + e.getMessage(), e);
        }
    }

    static byte[] encode(ReportRun run)
    {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", 1);
        node.put("report", run.report());
        node.put("id", run.id());
        node.put("occurrence", run.occurrence().toString());
        node.put("trigger", run.trigger().name());
        node.put("state", run.state().name());
        run.queryId().ifPresent(id -> node.put("queryId", id));
        run.reason().ifPresent(reason -> node.put("reason", reason));
        run.note().ifPresent(note -> node.put("note", note));
        ArrayNode outputs = node.putArray("outputs");
        run.outputs().forEach(output -> outputs.add(output.toString()));
        node.put("claimedBy", run.claimedBy());
        node.put("claimedAt", run.claimedAt().toString());
        run.completedAt().ifPresent(time -> node.put("completedAt", time.toString()));
        run.notification().ifPresent(outcome -> node.put("notification", outcome));
        return bytes(node);
    }

    static ReportRun decodeRun(byte[] content)
    {
        try {
            JsonNode node = JSON.readTree(content);
            List<URI> outputs = new ArrayList<>();
            node.path("outputs").forEach(output -> outputs.add(URI.create(output.asText())));
            return new ReportRun(
                    node.get("report").asText(),
                    node.get("id").asText(),
                    Instant.parse(node.get("occurrence").asText()),
                    ReportRun.Trigger.valueOf(node.get("trigger").asText()),
                    ReportRun.State.valueOf(node.get("state").asText()),
                    text(node, "queryId"),
                    text(node, "reason"),
                    text(node, "note"),
                    outputs,
                    node.get("claimedBy").asText(),
                    Instant.parse(node.get("claimedAt").asText()),
                    text(node, "completedAt").map(Instant::parse),
                    text(node, "notification"));
        }
        catch (IOException | RuntimeException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read a report run document: " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(JsonNode node, String field)
    {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static byte[] bytes(JsonNode node)
    {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
