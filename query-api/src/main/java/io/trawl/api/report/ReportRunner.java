package io.trawl.api.report;

import io.trawl.api.auth.Caller;
import io.trawl.api.query.QueryExecution;
import io.trawl.api.query.QueryRequestException;
import io.trawl.api.query.QueryService;
import io.trawl.api.query.StartRequest;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import static java.util.Objects.requireNonNull;

/**
 * Carries out claimed runs: starts the report's query through the query lifecycle (so it is billed, limited by its
 * work group and in the history like any other, as the report's owner), waits for it on a virtual thread, puts its
 * result at the dated destination, and ends the run. Ending a run is idempotent and decided by a conditional write,
 * so the instance that ran it and another instance's tick that finds it pending can both try: one of them records
 * the end, tells of a failure and applies the retention.
 */
final class ReportRunner
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ReportRunner.class);
    private static final int COPY_CHUNK = 8 << 20;
    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private static final Duration LAST_POLL = Duration.ofSeconds(1);

    private final QueryService queries;
    private final ObjectStore store;
    private final ReportStore reports;
    private final FailureNotifier notifier;
    private final Clock clock;
    private final Set<ReportStore.RunKey> local = ConcurrentHashMap.newKeySet();
    private final ExecutorService waiters = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("trawl-report-run-", 0).factory());

    ReportRunner(QueryService queries, ObjectStore store, ReportStore reports, FailureNotifier notifier, Clock clock)
    {
        this.queries = requireNonNull(queries, "queries is null");
        this.store = requireNonNull(store, "store is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.notifier = requireNonNull(notifier, "notifier is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Whether this instance is carrying out the run (a tick leaves those to it). */
    boolean isLocal(ReportStore.RunKey run)
    {
        return local.contains(run);
    }

    /**
     * Starts the claimed run's query and answers the run as it then is (RUNNING with its query, or FAILED when the
     * query could not start), and the run as it ends.
     */
    Launched launch(Report report, ReportRun claimed)
    {
        ReportStore.RunKey key = new ReportStore.RunKey(report.name(), claimed.id());
        local.add(key);
        ReportRun started;
        try {
            started = start(report, claimed);
        }
        catch (RuntimeException e) {
            local.remove(key);
            throw e;
        }
        if (started.state().terminal()) {
            local.remove(key);
            return new Launched(started, CompletableFuture.completedFuture(started));
        }
        CompletableFuture<ReportRun> finished = new CompletableFuture<>();
        try {
            waiters.execute(() -> {
                try {
                    finished.complete(awaitAndFinish(report, started));
                }
                catch (InterruptedException e) {
                    // shutting down: the run stays pending, and a later tick (here or elsewhere) finishes it
                    finished.complete(started);
                }
                catch (Throwable e) {
                    LOG.error("Run {} of report {} could not be finished here; a later tick finishes it", started.id(), report.name(), e);
                    finished.completeExceptionally(e);
                }
                finally {
                    local.remove(key);
                }
            });
        }
        catch (RejectedExecutionException e) {
            local.remove(key);
            finished.complete(started);
        }
        return new Launched(started, finished);
    }

    record Launched(ReportRun started, CompletableFuture<ReportRun> finished) {}

    private ReportRun start(Report report, ReportRun claimed)
    {
        QueryExecution execution;
        try {
            execution = queries.start(request(report, claimed), new Caller(report.owner(), "report:" + report.name()));
        }
        catch (QueryRequestException | TrawlException e) {
            return fail(report, claimed, "The query could not be started: " + e.getMessage());
        }
        String queryId = execution.id();
        return reports.update(report.name(), claimed.id(), run -> run.state() == ReportRun.State.CLAIMED ? Optional.of(run.running(queryId)) : Optional.empty())
                .orElseGet(() -> claimed.running(queryId));
    }

    /** The query a run starts: the report's SQL for CSV (its result file is the output), else an UNLOAD of it into the run's folder. */
    static StartRequest request(Report report, ReportRun run)
    {
        String sql = withoutTrailingSemicolons(report.sql());
        String statement = switch (report.output().format()) {
            case CSV -> sql;
            // the line breaks keep a trailing -- comment in the SQL from swallowing the parenthesis
            case PARQUET, JSON -> "UNLOAD (\n%s\n) TO '%s' WITH (format = '%s')".formatted(sql,
                    report.output().target(report.name(), run.occurrence(), report.schedule().zone()).toString().replace("'", "''"),
                    report.output().format().name());
        };
        return new StartRequest(statement, Optional.of(report.database()), Optional.empty(), Optional.of(report.workGroup()), Optional.empty(), List.of(),
                Optional.empty(), QueryExecution.ResultReuse.DISABLED);
    }

    static String withoutTrailingSemicolons(String sql)
    {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    private ReportRun awaitAndFinish(Report report, ReportRun started)
            throws InterruptedException
    {
        String queryId = started.queryId().orElseThrow();
        Duration wait = FIRST_POLL;
        while (true) {
            Optional<QueryExecution> execution = queries.findIfPresent(queryId);
            if (execution.isEmpty()) {
                return fail(report, started, "Query %s is no longer in the history".formatted(queryId));
            }
            if (execution.get().state().terminal()) {
                return finish(report, started, execution.get());
            }
            Thread.sleep(wait);
            wait = wait.multipliedBy(2).compareTo(LAST_POLL) > 0 ? LAST_POLL : wait.multipliedBy(2);
        }
    }

    /** Ends a run whose query ended: its output in place and SUCCEEDED, or FAILED and told; idempotent. */
    ReportRun finish(Report report, ReportRun run, QueryExecution execution)
    {
        if (execution.state() != QueryExecution.State.SUCCEEDED) {
            String reason = execution.stateChangeReason().orElse("The query ended " + execution.state());
            return fail(report, run, execution.state() == QueryExecution.State.CANCELLED ? "The query was cancelled: " + reason : reason);
        }
        List<URI> outputs;
        try {
            outputs = publish(report, run, execution);
        }
        catch (IOException | TrawlException e) {
            return fail(report, run, "The query succeeded but its result could not be put at %s: %s"
                    .formatted(report.output().target(report.name(), run.occurrence(), report.schedule().zone()), e.getMessage()));
        }
        Instant now = clock.instant();
        Optional<ReportRun> succeeded = reports.update(report.name(), run.id(),
                current -> current.state().terminal() ? Optional.empty() : Optional.of(current.succeeded(outputs, now)));
        reports.finishPending(report.name(), run.id());
        if (succeeded.isEmpty()) {
            return reports.findRun(report.name(), run.id()).orElse(run);
        }
        applyRetention(report);
        return succeeded.get();
    }

    /** Ends a run as FAILED, and tells of it when this call is the one that ended it. */
    ReportRun fail(Report report, ReportRun run, String reason)
    {
        Instant now = clock.instant();
        Optional<ReportRun> failed = reports.update(report.name(), run.id(),
                current -> current.state().terminal() ? Optional.empty() : Optional.of(current.failed(reason, now)));
        reports.finishPending(report.name(), run.id());
        if (failed.isEmpty()) {
            return reports.findRun(report.name(), run.id()).orElse(run.failed(reason, now));
        }
        String outcome = notifier.notifyFailure(report, failed.get());
        return reports.update(report.name(), run.id(), current -> Optional.of(current.notified(outcome))).orElse(failed.get().notified(outcome));
    }

    /** Puts the result at the destination and answers every object the run wrote there. */
    private List<URI> publish(Report report, ReportRun run, QueryExecution execution)
            throws IOException
    {
        URI target = report.output().target(report.name(), run.occurrence(), report.schedule().zone());
        if (report.output().format() == ReportOutput.Format.CSV) {
            copy(execution.outputLocation(), target);
            return List.of(target);
        }
        List<URI> written = new ArrayList<>();
        try {
            for (StoredObject object : store.list(target)) {
                if (!hidden(target, object.location())) {
                    written.add(object.location());
                }
            }
        }
        catch (NoSuchFileException e) {
            // nothing written: an UNLOAD of no rows on local disk
        }
        return written;
    }

    /** UNLOAD's staging and marker files under the run's folder ({@code .name}, {@code _name}), which are not the report's data. */
    private static boolean hidden(URI folder, URI location)
    {
        String relative = location.getPath().substring(Math.min(folder.getPath().length(), location.getPath().length()));
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".") || segment.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private void copy(URI source, URI target)
            throws IOException
    {
        long size = store.stat(source).size();
        byte[] buffer = new byte[(int) Math.max(1, Math.min(COPY_CHUNK, size))];
        try (OutputStream out = store.create(target)) {
            long position = 0;
            while (position < size) {
                int length = (int) Math.min(buffer.length, size - position);
                store.readFully(source, position, buffer, 0, length);
                out.write(buffer, 0, length);
                position += length;
            }
        }
    }

    /**
     * Deletes what runs older than the retention wrote, and their records; the newest scheduled run's record stays, as
     * it tells the next tick where the schedule stands. An output that cannot be deleted keeps its run for a later try.
     */
    private void applyRetention(Report report)
    {
        Instant cutoff = clock.instant().minus(Duration.ofDays(report.output().retentionDays()));
        List<ReportRun> runs = reports.runs(report.name());
        Optional<String> newestScheduled = runs.stream()
                .filter(run -> ReportStore.scheduledOccurrence(run.id()).isPresent())
                .findFirst()
                .map(ReportRun::id);
        for (ReportRun run : runs) {
            if (!run.state().terminal() || !run.occurrence().isBefore(cutoff) || newestScheduled.equals(Optional.of(run.id()))) {
                continue;
            }
            try {
                for (URI output : run.outputs()) {
                    store.delete(output);
                }
                reports.deleteRun(report.name(), run.id());
            }
            catch (IOException | TrawlException e) {
                LOG.warn("Retention of report {}: cannot delete the outputs of run {}: {}", report.name(), run.id(), e.getMessage());
            }
        }
    }

    @Override
    public void close()
    {
        waiters.shutdownNow();
    }
}
