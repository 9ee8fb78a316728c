package io.trawl.api.report;

import io.trawl.api.query.QueryExecution;
import io.trawl.api.query.QueryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs reports when they are due. Each {@link #tick} reads the meta store once and, for every enabled report, works
 * out the occurrences due since the newest one claimed (or since the report's creation), applies the report's
 * {@link CatchUp} policy to those it missed, and claims each occurrence it will run by creating the run's document if
 * absent: of several instances ticking at once (several {@code trawl serve}, or the coordinator function invoked by
 * EventBridge Scheduler every minute) exactly one creates it and runs the occurrence; the others skip it. A claimed
 * occurrence is never claimed again, so a failed run is not retried.
 *
 * <p>A tick also finishes runs another instance left pending (it stopped while their query ran): once the query has
 * ended, the run is ended as the instance that started it would have.
 *
 * <p>Ticks come from {@link #start} (every {@link ReportSettings#tickInterval} on a timer of its own) or from a caller
 * (the coordinator function, tests with a clock of their own).
 */
public final class ReportScheduler
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);
    /** How many skipped occurrences a note counts exactly. */
    private static final int COUNT_SKIPPED = 1000;

    private final ReportStore reports;
    private final ReportRunner runner;
    private final QueryService queries;
    private final ReportSettings settings;
    private final Clock clock;
    private final String instanceId;
    private ScheduledExecutorService timer;

    ReportScheduler(ReportStore reports, ReportRunner runner, QueryService queries, ReportSettings settings, Clock clock, String instanceId)
    {
        this.reports = requireNonNull(reports, "reports is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.instanceId = requireNonNull(instanceId, "instanceId is null");
    }

    /** What one tick did: the runs it claimed and started, the occurrences another instance had claimed, the occurrences it skipped. */
    public record Tick(List<ReportRun> started, List<ReportRun> lost, List<ReportRun> skipped, List<ReportRun> recovered, List<CompletableFuture<ReportRun>> finishing)
    {
        public Tick
        {
            started = List.copyOf(started);
            lost = List.copyOf(lost);
            skipped = List.copyOf(skipped);
            recovered = List.copyOf(recovered);
            finishing = List.copyOf(finishing);
        }

        /** Waits until every run this tick started has ended, and answers them as they ended. */
        public List<ReportRun> awaitRuns()
        {
            List<ReportRun> ended = new ArrayList<>();
            for (CompletableFuture<ReportRun> run : finishing) {
                try {
                    ended.add(run.join());
                }
                catch (CompletionException e) {
                    LOG.warn("A report run ended with an error: {}", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                }
            }
            return ended;
        }
    }

    /** Ticks every {@link ReportSettings#tickInterval} until closed; a zero interval leaves the scheduler off. */
    public synchronized void start()
    {
        if (timer != null || settings.tickInterval().isZero()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("trawl-report-scheduler").daemon().factory());
        long interval = settings.tickInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tickQuietly, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("Report scheduler ticking every {} s", settings.tickInterval().toSeconds());
    }

    public synchronized boolean isStarted()
    {
        return timer != null;
    }

    private void tickQuietly()
    {
        try {
            tick();
        }
        catch (RuntimeException e) {
            LOG.warn("Report scheduler tick failed: {}", e.toString());
        }
    }

    /** Claims and starts every due occurrence, finishes runs left pending; the runs go on after it returns. */
    public Tick tick()
    {
        Instant now = clock.instant();
        ReportStore.Snapshot snapshot = reports.snapshot();
        List<ReportRun> recovered = new ArrayList<>();
        for (ReportStore.RunKey pending : snapshot.pending()) {
            try {
                recover(pending, now).ifPresent(recovered::add);
            }
            catch (RuntimeException e) {
                LOG.warn("Cannot finish run {} of report {}: {}", pending.runId(), pending.report(), e.toString());
            }
        }
        List<ReportRun> started = new ArrayList<>();
        List<ReportRun> lost = new ArrayList<>();
        List<ReportRun> skipped = new ArrayList<>();
        List<CompletableFuture<ReportRun>> finishing = new ArrayList<>();
        for (String name : snapshot.reports()) {
            try {
                Optional<Report> report = reports.find(name);
                if (report.isEmpty() || !report.get().enabled()) {
                    continue;
                }
                Instant cursor = snapshot.lastOccurrence(name).filter(last -> last.isAfter(report.get().createdAt())).orElse(report.get().createdAt());
                Plan plan = plan(report.get(), cursor, now);
                plan.skip().ifPresent(skip -> {
                    if (reports.record(skip)) {
                        LOG.info("Report {}: {}", name, skip.note().orElse("skipped"));
                        skipped.add(skip);
                    }
                });
                for (ReportRun claim : plan.runs()) {
                    if (!reports.claim(claim)) {
                        lost.add(claim);
                        continue;
                    }
                    ReportRunner.Launched launched = runner.launch(report.get(), claim);
                    started.add(launched.started());
                    finishing.add(launched.finished());
                }
            }
            catch (RuntimeException e) {
                LOG.warn("Cannot schedule report {}: {}", name, e.toString());
            }
        }
        return new Tick(started, lost, skipped, recovered, finishing);
    }

    /** The claims to make for one report (oldest first) and the SKIPPED record that moves it past missed occurrences. */
    private record Plan(List<ReportRun> runs, Optional<ReportRun> skip) {}

    private Plan plan(Report report, Instant cursor, Instant now)
    {
        CatchUp catchUp = report.catchUp();
        int window = switch (catchUp.policy()) {
            case LATEST, NONE -> 2;
            case ALL -> catchUp.limit() + 1;
        };
        List<Instant> due = report.schedule().occurrences(cursor, now, window, report.anchor());
        if (due.isEmpty()) {
            return new Plan(List.of(), Optional.empty());
        }
        Instant newest = due.getFirst();
        boolean newestOnTime = Duration.between(newest, now).compareTo(settings.lateAfter()) <= 0;
        List<Instant> toRun = switch (catchUp.policy()) {
            case LATEST -> List.of(newest);
            case ALL -> due.subList(0, Math.min(catchUp.limit(), due.size())).reversed();
            case NONE -> newestOnTime ? List.of(newest) : List.of();
        };
        if (toRun.isEmpty()) {
            String note = skippedNote(report, cursor, now, now.plusNanos(1), "none");
            return new Plan(List.of(), Optional.of(ReportRun.skipped(report.name(), newest, note, instanceId, now)));
        }
        Instant oldestRun = toRun.getFirst();
        Optional<String> note = due.size() > toRun.size()
                ? Optional.of(skippedNote(report, cursor, now, oldestRun, catchUp.policy().toString()))
                : Optional.empty();
        List<ReportRun> claims = new ArrayList<>();
        for (int i = 0; i < toRun.size(); i++) {
            Instant occurrence = toRun.get(i);
            claims.add(ReportRun.claim(report.name(), occurrence, ReportRun.Trigger.SCHEDULE, Long.toString(occurrence.getEpochSecond()),
                    i == 0 ? note : Optional.empty(), instanceId, now));
        }
        return new Plan(claims, Optional.empty());
    }

    /** Says which missed occurrences (those after {@code cursor} and before {@code before}) the policy passed over. */
    private static String skippedNote(Report report, Instant cursor, Instant now, Instant before, String policy)
    {
        List<Instant> skipped = report.schedule().occurrences(cursor, before.minusNanos(1), COUNT_SKIPPED, report.anchor());
        String count = skipped.size() >= COUNT_SKIPPED ? COUNT_SKIPPED + " or more" : Integer.toString(skipped.size());
        String range = skipped.isEmpty() ? "" : " (%s to %s)".formatted(skipped.getLast(), skipped.getFirst());
        return "%s missed occurrence(s)%s skipped by the catch-up policy %s at %s".formatted(count, range, policy, now);
    }

    /** Ends a run another instance left pending, when its query has ended; leaves runs still going alone. */
    private Optional<ReportRun> recover(ReportStore.RunKey pending, Instant now)
    {
        if (runner.isLocal(pending)) {
            return Optional.empty();
        }
        Optional<ReportRun> run = reports.findRun(pending.report(), pending.runId());
        Optional<Report> report = reports.find(pending.report());
        if (run.isEmpty() || report.isEmpty()) {
            // a claim in progress writes its marker just before the run; only an old marker is left over
            boolean stale = reports.pendingSince(pending.report(), pending.runId())
                    .map(since -> Duration.between(since, now).compareTo(settings.abandonedAfter()) > 0)
                    .orElse(true);
            if (stale || report.isEmpty()) {
                reports.finishPending(pending.report(), pending.runId());
            }
            return Optional.empty();
        }
        if (run.get().state().terminal()) {
            reports.finishPending(pending.report(), pending.runId());
            return Optional.empty();
        }
        if (run.get().queryId().isEmpty()) {
            if (Duration.between(run.get().claimedAt(), now).compareTo(settings.abandonedAfter()) <= 0) {
                return Optional.empty();
            }
            return Optional.of(runner.fail(report.get(), run.get(), "The instance that claimed this run (%s) stopped before it started the query".formatted(run.get().claimedBy())));
        }
        Optional<QueryExecution> execution = queries.findIfPresent(run.get().queryId().get());
        if (execution.isEmpty()) {
            return Optional.of(runner.fail(report.get(), run.get(), "Query %s is no longer in the history".formatted(run.get().queryId().get())));
        }
        if (!execution.get().state().terminal()) {
            return Optional.empty();
        }
        return Optional.of(runner.finish(report.get(), run.get(), execution.get()));
    }

    /** Stops ticking; runs in progress are finished by a later tick, here or on another instance. */
    @Override
    public synchronized void close()
    {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
