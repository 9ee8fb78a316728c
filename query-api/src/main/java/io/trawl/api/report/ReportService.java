package io.trawl.api.report;

import io.trawl.api.query.QueryService;
import io.trawl.api.workgroup.WorkGroup;
import io.trawl.api.workgroup.WorkGroupStore;
import io.trawl.engine.parser.ParsedStatement;
import io.trawl.engine.parser.StatementParser;
import io.trawl.engine.parser.TrinoStatement;
import io.trawl.engine.Session;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.ObjectStore;
import io.trino.sql.tree.Query;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Scheduled reports: what the REST API and {@code trawl reports} do (create, list, show, delete, run now, history),
 * and the {@link ReportScheduler} that runs them when due. See {@link Report} for what a report is and
 * {@link ReportStore} for how it is kept.
 */
public final class ReportService
        implements AutoCloseable
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReportStore store;
    private final WorkGroupStore workGroups;
    private final ReportRunner runner;
    private final ReportScheduler scheduler;
    private final Clock clock;
    private final String instanceId;

    /**
     * @param clock the reports' time: creation, due occurrences, retention (the queries keep their service's clock)
     */
    public ReportService(ReportStore store, WorkGroupStore workGroups, QueryService queries, ObjectStore objects, ReportSettings settings, Clock clock, String instanceId)
    {
        this.store = requireNonNull(store, "store is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.instanceId = requireNonNull(instanceId, "instanceId is null");
        this.runner = new ReportRunner(queries, objects, store, new FailureNotifier(settings.webhookTimeout()), clock);
        this.scheduler = new ReportScheduler(store, runner, queries, settings, clock, instanceId);
    }

    public ReportScheduler scheduler()
    {
        return scheduler;
    }

    /** Checks the definition, fills in its defaults, and stores the report as {@code owner}'s. */
    public Report create(ReportDefinition definition, String owner)
    {
        Schedule schedule = Schedule.parse(definition.schedule(), definition.timeZone().filter(zone -> !zone.isBlank()));
        ReportOutput output = new ReportOutput(
                definition.format().map(ReportOutput.Format::parse).orElse(ReportOutput.Format.CSV),
                definition.destination(),
                definition.retentionDays().orElse(ReportOutput.DEFAULT_RETENTION_DAYS));
        CatchUp catchUp = new CatchUp(definition.catchUp().map(CatchUp.Policy::parse).orElse(CatchUp.Policy.LATEST), definition.catchUpLimit().orElse(CatchUp.DEFAULT_LIMIT));
        String workGroup = definition.workGroup().filter(name -> !name.isBlank()).orElse(WorkGroup.PRIMARY);
        if (workGroups.find(workGroup).isEmpty()) {
            throw new ReportException(ReportException.Reason.NOT_FOUND, "WorkGroup %s is not found.".formatted(workGroup));
        }
        checkQuery(definition.sql());
        Report report = new Report(
                definition.name(),
                definition.sql().strip(),
                definition.database().filter(name -> !name.isBlank()).orElse(Session.DEFAULT_SCHEMA).toLowerCase(Locale.ROOT),
                workGroup,
                schedule,
                output,
                definition.webhookUrl().filter(url -> !url.isBlank()).map(ReportService::webhook),
                catchUp,
                definition.enabled().orElse(true),
                owner,
                clock.instant());
        if (!store.create(report)) {
            throw new ReportException(ReportException.Reason.ALREADY_EXISTS, "Report %s already exists".formatted(report.name()));
        }
        return report;
    }

    public List<Report> list()
    {
        return store.list();
    }

    public Report find(String name)
    {
        if (!Report.isValidName(name)) {
            throw notFound(name);
        }
        return store.find(name).orElseThrow(() -> notFound(name));
    }

    /** Deletes the report and its run records; what its runs wrote stays where it is. */
    public Report delete(String name)
    {
        Report report = find(name);
        store.delete(name);
        return report;
    }

    /** When the report runs next on its schedule (empty when disabled or when its schedule has no more occurrences). */
    public Optional<Instant> nextOccurrence(Report report)
    {
        if (!report.enabled()) {
            return Optional.empty();
        }
        return report.schedule().nextAfter(clock.instant(), report.anchor());
    }

    /** Runs the report now, outside its schedule; answers the run as started (its query queued) and as it ends. */
    public StartedRun runNow(String name)
    {
        Report report = find(name);
        Instant now = clock.instant();
        String id = "%d-manual-%s".formatted(now.getEpochSecond(), HexFormat.of().toHexDigits(RANDOM.nextInt()));
        ReportRun claim = ReportRun.claim(report.name(), Instant.ofEpochSecond(now.getEpochSecond()), ReportRun.Trigger.MANUAL, id, Optional.empty(), instanceId, now);
        if (!store.claim(claim)) {
            throw new ReportException(ReportException.Reason.ALREADY_EXISTS, "Run %s of report %s exists; try again".formatted(id, name));
        }
        ReportRunner.Launched launched = runner.launch(report, claim);
        return new StartedRun(launched.started(), launched.finished());
    }

    public record StartedRun(ReportRun run, CompletableFuture<ReportRun> finished) {}

    /** The report's runs, newest first, at most {@code limit}. */
    public List<ReportRun> history(String name, int limit)
    {
        find(name);
        List<ReportRun> runs = store.runs(name);
        return runs.subList(0, Math.min(limit, runs.size()));
    }

    public ReportRun run(String name, String runId)
    {
        find(name);
        boolean validId = runId.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-') && !runId.isEmpty();
        return (validId ? store.findRun(name, runId) : Optional.<ReportRun>empty())
                .orElseThrow(() -> new ReportException(ReportException.Reason.NOT_FOUND, "Report %s has no run %s".formatted(name, runId)));
    }

    /** A report runs a query whose rows are its result: a SELECT (WITH, VALUES, TABLE), not DDL or a write. */
    private static void checkQuery(String sql)
    {
        if (sql.isBlank()) {
            throw new ReportException(ReportException.Reason.INVALID, "A report needs the SQL of a query");
        }
        ParsedStatement statement;
        try {
            statement = StatementParser.parse(ReportRunner.withoutTrailingSemicolons(sql));
        }
        catch (TrawlException e) {
            throw new ReportException(ReportException.Reason.INVALID, "The report's SQL does not parse: " + e.getMessage());
        }
        if (!(statement instanceof TrinoStatement trino) || !(trino.statement() instanceof Query)) {
            throw new ReportException(ReportException.Reason.INVALID, "A report's SQL is a query (SELECT, WITH, VALUES), whose rows are the report");
        }
    }

    private static URI webhook(String url)
    {
        try {
            return new URI(url.strip());
        }
        catch (URISyntaxException e) {
            throw new ReportException(ReportException.Reason.INVALID, "The webhook is not a URL: " + e.getMessage());
        }
    }

    private static ReportException notFound(String name)
    {
        return new ReportException(ReportException.Reason.NOT_FOUND, "Report %s is not found".formatted(name));
    }

    @Override
    public void close()
    {
        scheduler.close();
        runner.close();
    }
}
