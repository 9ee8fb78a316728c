package io.trawl.api.query;

import io.trawl.api.auth.Caller;
import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.api.embedded.StatementRun;
import io.trawl.api.query.QueryExecution.QueryError;
import io.trawl.api.query.QueryExecution.State;
import io.trawl.api.query.QueryExecution.Statistics;
import io.trawl.api.query.QueryRequestException.Reason;
import io.trawl.api.service.ServerSettings;
import io.trawl.api.workgroup.WorkGroup;
import io.trawl.api.prepared.SqlPreprocessor;
import io.trawl.api.workgroup.WorkGroupStore;
import io.trawl.engine.QueryResult;
import io.trawl.engine.ResultColumn;
import io.trino.spi.Page;
import io.trino.spi.type.VarcharType;
import io.trawl.billing.ChargingRules;
import io.trawl.billing.PricingPolicy;
import io.trawl.billing.QueryOutcome;
import io.trawl.billing.StatementType;
import io.trawl.engine.QueryControl;
import io.trawl.engine.Session;
import io.trawl.engine.StatementKind;
import io.trawl.engine.TaskStats;
import io.trawl.engine.write.WriteLocations;
import io.trawl.error.ErrorCode;
import io.trawl.error.ErrorType;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The query lifecycle every protocol shares: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED.
 *
 * <p>Submission admits the query (each work group may have {@code maxQueuedQueries} queries in flight on this
 * instance, more is TooManyRequests), claims its ClientRequestToken, stores the record, and hands it to a pool of
 * {@code maxConcurrentQueries} threads. Running it charges its work group (EmbeddedTrawl bills and records usage),
 * writes the result files, and completes the record, by conditional writes only.
 *
 * <p>Stateless across instances: a Stop from any instance marks the record CANCELLED, and the instance running it
 * notices at its next heartbeat (at once when it is local). An instance that stops while running queries leaves
 * records whose heartbeat goes stale; whoever reads one next marks it FAILED with a retryable reason, so no query
 * stays RUNNING forever.
 */
public final class QueryService
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);

    public static final String DEFAULT_CATALOG = "AwsDataCatalog";
    public static final int MAX_QUERY_LENGTH = 262_144;
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    static final Duration STALE_AFTER = Duration.ofSeconds(45);
    static final Duration UNCLAIMED_STALE_AFTER = Duration.ofMinutes(15);

    private final EmbeddedTrawl trawl;
    private final QueryHistory history;
    private final WorkGroupStore workGroups;
    private final SqlPreprocessor preprocessor;
    private final Optional<QueryDispatcher> coordinator;
    private final ResultFiles results;
    private final ObjectStore store;
    private final ServerSettings settings;
    private final Clock clock;
    private final URI defaultOutputLocation;
    private final ExecutorService runners;
    private final ScheduledExecutorService timers;
    private final Map<String, LocalQuery> local = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** A query this instance holds: its control (cancel, meter, cutoff) and why it was cancelled, if it was. */
    private static final class LocalQuery
    {
        final QueryControl control;
        volatile boolean timedOut;
        volatile ScheduledFuture<?> timeout;

        LocalQuery(QueryControl control)
        {
            this.control = control;
        }
    }

    public QueryService(EmbeddedTrawl trawl, QueryHistory history, WorkGroupStore workGroups, SqlPreprocessor preprocessor, ServerSettings settings)
    {
        this(trawl, history, workGroups, preprocessor, settings, Optional.empty());
    }

    /** With {@code coordinator}, queries are handed to it to run (the API on Lambda); without, they run on this instance's threads. */
    public QueryService(EmbeddedTrawl trawl, QueryHistory history, WorkGroupStore workGroups, SqlPreprocessor preprocessor, ServerSettings settings,
            Optional<QueryDispatcher> coordinator)
    {
        this.coordinator = requireNonNull(coordinator, "coordinator is null");
        this.preprocessor = requireNonNull(preprocessor, "preprocessor is null");
        this.trawl = requireNonNull(trawl, "trawl is null");
        this.history = requireNonNull(history, "history is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.store = trawl.store();
        this.results = new ResultFiles(store);
        this.clock = settings.clock();
        this.defaultOutputLocation = settings.resultsLocation().orElseGet(() -> trawl.metaLocation().resolve("results/"));
        this.runners = Executors.newFixedThreadPool(settings.maxConcurrentQueries(), Thread.ofPlatform().name("trawl-query-", 0).daemon().factory());
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("trawl-query-timers").daemon().factory());
        timers.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_INTERVAL.toMillis(), HEARTBEAT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        timers.schedule(this::purgeHistory, 0, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(this::purgeHistory, 1, 1, TimeUnit.DAYS);
    }

    public QueryHistory history()
    {
        return history;
    }

    public ResultFiles results()
    {
        return results;
    }

    /** Admits and queues a query; answers the existing execution when its ClientRequestToken was used before for the same request. */
    public QueryExecution start(StartRequest request, Caller caller)
    {
        String query = request.query().strip();
        if (query.isEmpty() || query.length() > MAX_QUERY_LENGTH) {
            throw new QueryRequestException(Reason.INVALID, "QueryString must be between 1 and %d characters".formatted(MAX_QUERY_LENGTH));
        }
        String catalog = request.catalog().orElse(DEFAULT_CATALOG);
        if (!DEFAULT_CATALOG.equalsIgnoreCase(catalog)) {
            throw new QueryRequestException(Reason.NOT_FOUND, "Catalog %s is not found.".formatted(catalog));
        }
        WorkGroup workGroup = enabledWorkGroup(request.workGroup().orElse(WorkGroup.PRIMARY));
        URI outputLocation = outputLocation(request, workGroup);
        String database = request.database().filter(name -> !name.isBlank()).orElse(Session.DEFAULT_SCHEMA).toLowerCase(Locale.ROOT);
        String statementType = StatementClassifier.classify(query);

        AtomicInteger slots = inFlight.computeIfAbsent(workGroup.name(), _ -> new AtomicInteger());
        if (slots.incrementAndGet() > settings.maxQueuedQueries()) {
            slots.decrementAndGet();
            throw new QueryRequestException(Reason.TOO_MANY_REQUESTS,
                    "Work group %s has %d queries queued or running on this instance, its limit; retry later".formatted(workGroup.name(), settings.maxQueuedQueries()));
        }
        boolean queued = false;
        try {
            Instant now = clock.instant();
            String id = QueryIds.newId(now);
            if (request.clientRequestToken().isPresent()) {
                String requestHash = QueryHistory.sha256(String.join("\u0000", query, database, catalog, workGroup.name(), outputLocation.toString(), String.join("\u0001", request.executionParameters())));
                Optional<QueryHistory.TokenClaim> earlier = history.claimToken(request.clientRequestToken().get(), requestHash, id);
                if (earlier.isPresent()) {
                    if (!earlier.get().requestHash().equals(requestHash)) {
                        throw new QueryRequestException(Reason.TOKEN_MISMATCH, "The ClientRequestToken %s was used before for a different request".formatted(request.clientRequestToken().get()));
                    }
                    return awaitRecord(earlier.get().queryId());
                }
            }
            QueryExecution execution = new QueryExecution(id, query, statementType, workGroup.name(), catalog, database,
                    ResultFiles.dataFile(outputLocation, id, StatementClassifier.DML.equals(statementType)), State.QUEUED, Optional.empty(), Optional.empty(),
                    now, Optional.empty(), Optional.empty(), Statistics.NONE, caller.principal(), request.clientRequestToken(), request.executionParameters(),
                    request.resultReuse(), Optional.empty(), Optional.of(settings.instanceId()), Optional.of(now), OptionalLong.empty(), Optional.empty());

            Optional<QueryExecution> reusable = reusableResult(execution);
            if (reusable.isPresent()) {
                QueryExecution reused = execution.reusing(reusable.get(), now);
                history.create(reused);
                return reused;
            }
            if (coordinator.isPresent()) {
                return dispatchToCoordinator(execution);
            }
            history.create(execution);
            LocalQuery localQuery = new LocalQuery(new QueryControl(id, cutoff(workGroup)));
            local.put(id, localQuery);
            try {
                runners.execute(() -> run(id, workGroup, localQuery));
            }
            catch (RejectedExecutionException e) {
                local.remove(id);
                complete(id, State.FAILED, "The service is shutting down", new QueryError(1, 100, true, "The service is shutting down"), Statistics.NONE);
                throw new QueryRequestException(Reason.TOO_MANY_REQUESTS, "The service is shutting down; retry on another instance");
            }
            queued = true;
            return execution;
        }
        finally {
            if (!queued) {
                slots.decrementAndGet();
            }
        }
    }

    /** The execution record; a record whose instance stopped heartbeating is completed as FAILED first. */
    public QueryExecution find(String id)
    {
        QueryExecution execution = history.find(id)
                .orElseThrow(() -> new QueryRequestException(Reason.NOT_FOUND, "QueryExecution %s was not found".formatted(id)));
        return failIfAbandoned(execution);
    }

    public Optional<QueryExecution> findIfPresent(String id)
    {
        return history.find(id).map(this::failIfAbandoned);
    }

    /**
     * The execution record as {@code caller} may see it: with access control on, a query's text, state and statistics
     * are its owner's and administrators' (the text can hold literals that are data, and the statistics tell what the
     * owner's grants let it read), as its results are.
     */
    public QueryExecution find(String id, Caller caller)
    {
        QueryExecution execution = find(id);
        checkMaySee(execution, caller);
        return execution;
    }

    /** Whether {@code caller} may see the query's record (see {@link #find(String, Caller)}). */
    public boolean maySee(QueryExecution execution, Caller caller)
    {
        return trawl.mayReadResultsOf(caller.principal(), execution.principal());
    }

    private void checkMaySee(QueryExecution execution, Caller caller)
    {
        if (!maySee(execution, caller)) {
            throw new QueryRequestException(Reason.ACCESS_DENIED, "Access Denied: %s cannot see query %s, which %s ran".formatted(caller.principal(), execution.id(), execution.principal()));
        }
    }

    /** {@link #stop(String)} by {@code caller}, who must be the query's owner or an administrator when access control is on. */
    public QueryExecution stop(String id, Caller caller)
    {
        checkMaySee(find(id), caller);
        return stop(id);
    }

    /** Cancels a query that has not finished; stopping a finished query changes nothing, as in Athena. */
    public QueryExecution stop(String id)
    {
        QueryExecution stopped = history.update(id, execution -> execution.state().terminal() ? execution
                        : execution.finished(State.CANCELLED, Optional.of("Query was cancelled by user"), Optional.empty(), clock.instant(), execution.statistics(), OptionalLong.empty(), Optional.empty()))
                .orElseThrow(() -> new QueryRequestException(Reason.NOT_FOUND, "QueryExecution %s was not found".formatted(id)));
        LocalQuery localQuery = local.get(id);
        if (localQuery != null) {
            localQuery.control.cancel();
        }
        return stopped;
    }

    public QueryHistory.Listing list(String workGroup, Optional<String> after, int limit)
    {
        if (workGroups.find(workGroup).isEmpty()) {
            throw new QueryRequestException(Reason.NOT_FOUND, "WorkGroup %s is not found.".formatted(workGroup));
        }
        return history.list(workGroup, after, limit);
    }

    /** A page of a succeeded query's result. */
    public ResultFiles.ResultPage results(String id, Optional<String> token, int maxRows, Caller reader)
    {
        QueryExecution execution = find(id);
        checkMayRead(execution, reader);
        switch (execution.state()) {
            case QUEUED, RUNNING -> throw new QueryRequestException(Reason.NOT_FINISHED, "Query has not yet finished. Current state: " + execution.state());
            case FAILED, CANCELLED -> throw new QueryRequestException(Reason.NOT_FINISHED,
                    execution.stateChangeReason().orElse("Query did not finish successfully. Final query state: " + execution.state()));
            case SUCCEEDED -> {}
        }
        try {
            return results.read(execution.outputLocation(), token, maxRows);
        }
        catch (TrawlException e) {
            if (e.errorCode() == ErrorCode.INVALID_ARGUMENT) {
                throw new QueryRequestException(Reason.INVALID, e.getMessage());
            }
            throw e;
        }
    }

    /**
     * How far a query that has not finished is: live when this instance runs it (bytes, splits), else the bytes its
     * instance last reported with its heartbeat; with what those bytes would cost were it to stop now. Empty for
     * a finished query. Takes the record the caller already read, so a poll reads it once.
     */
    public Optional<QueryProgress> progress(QueryExecution execution)
    {
        if (execution.state().terminal()) {
            return Optional.empty();
        }
        String id = execution.id();
        LocalQuery localQuery = local.get(id);
        long bytes = localQuery != null ? localQuery.control.bytesScanned() : execution.statistics().dataScannedBytes();
        long completed = localQuery != null ? localQuery.control.splitsCompleted() : 0;
        long planned = localQuery != null ? localQuery.control.splitsPlanned() : 0;
        PricingPolicy policy = trawl.billing().prices().policyFor(execution.workGroup());
        return Optional.of(new QueryProgress(bytes, completed, planned, ChargingRules.charge(StatementType.QUERY, QueryOutcome.SUCCEEDED, bytes, policy).cost(), policy.currency()));
    }

    /**
     * Refuses a reader who may not see the query's rows: with access control on, a result is its owner's (it holds what
     * the owner's grants and row filters let through), and administrators'.
     */
    public void checkMayRead(QueryExecution execution, Caller reader)
    {
        if (!trawl.mayReadResultsOf(reader.principal(), execution.principal())) {
            throw new QueryRequestException(Reason.ACCESS_DENIED, "Access Denied: %s cannot read the results of query %s, which %s ran".formatted(reader.principal(), execution.id(), execution.principal()));
        }
    }

    /** Whether this instance is running or queueing the query (tests use it to see work spread). */
    public boolean isLocal(String id)
    {
        return local.containsKey(id);
    }

    @Override
    public void close()
    {
        timers.shutdownNow();
        runners.shutdownNow();
        try {
            runners.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs a query another instance queued and handed over ({@link QueryDispatcher}): claims it (QUEUED → RUNNING, by a
     * conditional write, so a duplicate delivery finds it claimed and leaves it), runs it here to its end, and answers
     * its final state.
     */
    public State runQueued(String id)
    {
        QueryExecution execution = history.find(id)
                .orElseThrow(() -> new QueryRequestException(Reason.NOT_FOUND, "QueryExecution %s was not found".formatted(id)));
        if (execution.state() != State.QUEUED) {
            return execution.state();
        }
        Optional<WorkGroup> workGroup = workGroups.find(execution.workGroup());
        if (workGroup.isEmpty()) {
            complete(id, State.FAILED, "WorkGroup %s is not found.".formatted(execution.workGroup()), new QueryError(2, 1000, false, "WorkGroup %s is not found.".formatted(execution.workGroup())), Statistics.NONE);
            return State.FAILED;
        }
        inFlight.computeIfAbsent(workGroup.get().name(), _ -> new AtomicInteger()).incrementAndGet();
        LocalQuery localQuery = new LocalQuery(new QueryControl(id, cutoff(workGroup.get())));
        local.put(id, localQuery);
        run(id, workGroup.get(), localQuery);
        return history.find(id).map(QueryExecution::state).orElse(State.FAILED);
    }

    /** Stores the query QUEUED without an owner and hands it to the coordinator; a failed handover fails it, retryably. */
    private QueryExecution dispatchToCoordinator(QueryExecution execution)
    {
        QueryExecution unowned = execution.unclaimed();
        history.create(unowned);
        try {
            coordinator.get().dispatch(unowned.id());
            return unowned;
        }
        catch (TrawlException e) {
            complete(unowned.id(), State.FAILED, e.getMessage(), new QueryError(1, 240, true, e.getMessage()), Statistics.NONE);
            return history.find(unowned.id()).orElse(unowned);
        }
    }

    private void run(String id, WorkGroup workGroup, LocalQuery localQuery)
    {
        try {
            Instant started = clock.instant();
            Optional<QueryExecution> running = history.update(id, execution -> execution.state() == State.QUEUED ? execution.running(settings.instanceId(), started) : execution);
            boolean claimed = running.isPresent() && running.get().state() == State.RUNNING
                    && running.get().coordinator().equals(Optional.of(settings.instanceId())) && running.get().startTime().equals(Optional.of(started));
            if (!claimed) {
                return;
            }
            localQuery.timeout = timers.schedule(() -> {
                localQuery.timedOut = true;
                localQuery.control.cancel();
            }, settings.queryTimeout().toMillis(), TimeUnit.MILLISECONDS);
            execute(running.get(), workGroup, localQuery, started);
        }
        catch (RuntimeException e) {
            LOG.error("Query {} failed unexpectedly", id, e);
            complete(id, State.FAILED, "Internal error: " + e.getMessage(), new QueryError(1, 100, true, "Internal error"), Statistics.NONE);
        }
        finally {
            ScheduledFuture<?> timeout = localQuery.timeout;
            if (timeout != null) {
                timeout.cancel(false);
            }
            local.remove(id);
            inFlight.get(workGroup.name()).decrementAndGet();
        }
    }

    private void execute(QueryExecution execution, WorkGroup workGroup, LocalQuery localQuery, Instant started)
    {
        QueryControl control = localQuery.control;
        Session session = new Session(execution.database(), execution.principal());
        StatementRun run;
        try {
            // parameters (?, EXECUTE ... USING) are bound here; PREPARE and DEALLOCATE PREPARE are done here
            SqlPreprocessor.Preprocessed preprocessed = preprocessor.preprocess(execution.query(), execution.executionParameters(), workGroup.name());
            if (preprocessed instanceof SqlPreprocessor.Done done) {
                completeWithMessage(execution, done.message(), started);
                return;
            }
            // a CTAS without external_location goes to <output>/tables/<id>/, a write's manifest to <output>/<id>-manifest.csv, as in Athena
            run = trawl.run(((SqlPreprocessor.Run) preprocessed).sql(), session, control, workGroup.name(), WriteLocations.underOutputLocation(outputDirectory(execution), execution.id()));
        }
        catch (TrawlException e) {
            failed(execution, localQuery, e, started);
            return;
        }
        Instant engineDone = clock.instant();
        ResultFiles.Written written;
        try {
            written = results.write(execution.outputLocation(), run.result());
        }
        catch (TrawlException e) {
            complete(execution.id(), State.FAILED, e.getMessage(), new QueryError(1, 401, true, e.getMessage()), statistics(execution, started, engineDone, run.result().bytesScanned(), run.result().tasks(), 0, 0));
            return;
        }
        Instant done = clock.instant();
        Statistics statistics = statistics(execution, started, engineDone, run.result().bytesScanned(), run.result().tasks(), written.rows(), written.bytes());
        OptionalLong updateCount = run.result().kind() == StatementKind.WRITE ? OptionalLong.of(updateCount(run)) : OptionalLong.empty();
        Optional<QueryExecution.Billing> billing = run.charge().billable()
                ? Optional.of(new QueryExecution.Billing(run.charge().billedBytes(), run.charge().cost(), run.charge().policy().currency()))
                : Optional.empty();
        Optional<QueryExecution> finished = history.update(execution.id(), current -> current.finished(State.SUCCEEDED, Optional.empty(), Optional.empty(), done, statistics, updateCount, billing));
        if (finished.isPresent() && finished.get().state() == State.SUCCEEDED && execution.resultReuse().enabled()) {
            history.rememberReusable(reuseKey(execution), finished.get());
        }
    }

    /** A statement the service carried out itself (PREPARE, DEALLOCATE PREPARE): its result is its message, as text. */
    private void completeWithMessage(QueryExecution execution, String message, Instant started)
    {
        QueryResult result = new QueryResult(StatementKind.UTILITY, List.of(new ResultColumn("result", VarcharType.VARCHAR)),
                List.of(new Page(textBlock(message))),
                0, new Session(execution.database(), execution.principal()));
        ResultFiles.Written written = results.write(execution.outputLocation(), result);
        Instant done = clock.instant();
        Statistics statistics = statistics(execution, started, done, 0, List.of(), written.rows(), written.bytes());
        history.update(execution.id(), current -> current.finished(State.SUCCEEDED, Optional.empty(), Optional.empty(), done, statistics, OptionalLong.empty(), Optional.empty()));
    }

    private static io.trino.spi.block.Block textBlock(String text)
    {
        io.trino.spi.block.BlockBuilder builder = VarcharType.VARCHAR.createBlockBuilder(null, 1);
        VarcharType.VARCHAR.writeString(builder, text);
        return builder.build();
    }

    private void failed(QueryExecution execution, LocalQuery localQuery, TrawlException error, Instant started)
    {
        Instant now = clock.instant();
        Statistics statistics = statistics(execution, started, now, localQuery.control.bytesScanned(), List.of(), 0, 0);
        if (localQuery.timedOut) {
            String reason = "Query timeout: the query ran longer than %d minutes".formatted(settings.queryTimeout().toMinutes());
            complete(execution.id(), State.FAILED, reason, new QueryError(1, 206, false, reason), statistics);
            return;
        }
        if (localQuery.control.isCancelled() && error.errorCode() == ErrorCode.QUERY_CANCELLED) {
            complete(execution.id(), State.CANCELLED, "Query was cancelled by user", null, statistics);
            return;
        }
        complete(execution.id(), State.FAILED, error.getMessage(), athenaError(error), statistics);
    }

    private void complete(String id, State state, String reason, QueryError error, Statistics statistics)
    {
        Instant now = clock.instant();
        history.update(id, current -> current.finished(state, Optional.ofNullable(reason), Optional.ofNullable(error), now, statistics, OptionalLong.empty(), Optional.empty()));
    }

    /** Athena's AthenaError for an engine failure: user errors are category 2, storage and worker trouble retryable system errors. */
    static QueryError athenaError(TrawlException error)
    {
        ErrorCode code = error.errorCode();
        String message = error.getMessage();
        if (code.type() == ErrorType.USER_ERROR) {
            int type = switch (code) {
                case BAD_DATA -> 1001;
                case SCHEMA_ALREADY_EXISTS, TABLE_ALREADY_EXISTS, PARTITION_ALREADY_EXISTS, INVALID_LOCATION -> 1003;
                default -> 1000;
            };
            return new QueryError(2, type, false, message);
        }
        if (code.type() == ErrorType.EXTERNAL) {
            return new QueryError(1, code == ErrorCode.STORAGE_ERROR ? 239 : 200, true, message);
        }
        return new QueryError(1, 100, false, message);
    }

    private Statistics statistics(QueryExecution execution, Instant started, Instant engineDone, long bytesScanned, List<TaskStats> tasks, long rows, long outputBytes)
    {
        Instant now = clock.instant();
        long queue = Duration.between(execution.submissionTime(), started).toMillis();
        long engine = Duration.between(started, engineDone).toMillis();
        long processing = Duration.between(engineDone, now).toMillis();
        Map<String, long[]> byTable = new LinkedHashMap<>();
        for (TaskStats task : tasks) {
            long[] totals = byTable.computeIfAbsent(task.table(), _ -> new long[4]);
            totals[0]++;
            totals[1] += task.bytesScanned();
            totals[2] += task.outputRows();
            totals[3] += task.wallMillis();
        }
        List<QueryExecution.StageStatistics> scans = new ArrayList<>();
        byTable.forEach((table, totals) -> scans.add(new QueryExecution.StageStatistics(table, (int) totals[0], totals[1], totals[2], totals[3])));
        return new Statistics(queue, 0, engine, processing, Duration.between(execution.submissionTime(), now).toMillis(), bytesScanned, rows, outputBytes, scans);
    }

    /** The folder of the query's result file: its output location. */
    private static URI outputDirectory(QueryExecution execution)
    {
        String file = execution.outputLocation().toString();
        return URI.create(file.substring(0, file.lastIndexOf('/') + 1));
    }

    private static long updateCount(StatementRun run)
    {
        if (run.result().columns().size() == 1 && run.result().rowCount() == 1 && run.result().columns().getFirst().type() == io.trino.spi.type.BigintType.BIGINT) {
            return io.trino.spi.type.BigintType.BIGINT.getLong(run.result().pages().getFirst().getBlock(0), 0);
        }
        return run.result().rowCount();
    }

    private QueryExecution failIfAbandoned(QueryExecution execution)
    {
        if (execution.state().terminal() || local.containsKey(execution.id())) {
            return execution;
        }
        Instant lastSign = execution.heartbeat().orElse(execution.submissionTime());
        // a query handed to the coordinator function waits in Lambda's event queue, unowned, for longer than a heartbeat
        Duration staleAfter = execution.coordinator().isEmpty() ? UNCLAIMED_STALE_AFTER : STALE_AFTER;
        if (Duration.between(lastSign, clock.instant()).compareTo(staleAfter) <= 0) {
            return execution;
        }
        String reason = "The Trawl instance running this query stopped before it finished; resubmit the query";
        return history.update(execution.id(), current -> current.state().terminal() || !current.heartbeat().equals(execution.heartbeat()) ? current
                        : current.finished(State.FAILED, Optional.of(reason), Optional.of(new QueryError(1, 100, true, reason)), clock.instant(), current.statistics(), OptionalLong.empty(), Optional.empty()))
                .orElse(execution);
    }

    /** Keeps this instance's records fresh, and cancels queries another instance stopped. */
    private void heartbeat()
    {
        Instant now = clock.instant();
        for (Map.Entry<String, LocalQuery> entry : local.entrySet()) {
            try {
                long bytesSoFar = entry.getValue().control.bytesScanned();
                UnaryOperator<QueryExecution> beat = execution -> execution.state().terminal() ? execution : execution.withHeartbeat(now, bytesSoFar);
                history.update(entry.getKey(), beat).ifPresent(execution -> {
                    if (execution.state() == State.CANCELLED) {
                        entry.getValue().control.cancel();
                    }
                });
            }
            catch (RuntimeException e) {
                LOG.warn("Heartbeat of query {} failed: {}", entry.getKey(), e.getMessage());
            }
        }
    }

    private void purgeHistory()
    {
        try {
            int purged = history.purgeBefore(clock.instant().minus(settings.historyRetention()));
            if (purged > 0) {
                LOG.info("Purged {} query records older than {} days", purged, settings.historyRetention().toDays());
            }
        }
        catch (RuntimeException e) {
            LOG.warn("Purging the query history failed: {}", e.getMessage());
        }
    }

    private WorkGroup enabledWorkGroup(String name)
    {
        WorkGroup workGroup = workGroups.find(name)
                .orElseThrow(() -> new QueryRequestException(Reason.NOT_FOUND, "WorkGroup %s is not found.".formatted(name)));
        if (!workGroup.enabled()) {
            throw new QueryRequestException(Reason.INVALID, "WorkGroup %s is disabled.".formatted(name));
        }
        return workGroup;
    }

    /** Athena's rule: the work group's location when it enforces its configuration, else the request's, else the work group's. */
    private URI outputLocation(StartRequest request, WorkGroup workGroup)
    {
        if (workGroup.enforceWorkGroupConfiguration() && workGroup.outputLocation().isPresent()) {
            return workGroup.outputLocation().get();
        }
        return request.outputLocation().or(workGroup::outputLocation).orElse(defaultOutputLocation);
    }

    private OptionalLong cutoff(WorkGroup workGroup)
    {
        if (workGroup.bytesScannedCutoffPerQuery().isPresent()) {
            return workGroup.bytesScannedCutoffPerQuery();
        }
        return trawl.billing().limits().limitsFor(workGroup.name()).bytesScannedCutoffPerQuery();
    }

    private Optional<QueryExecution> reusableResult(QueryExecution execution)
    {
        // with access control on, a result holds what its runner could read (grants, row filters) when it ran: reusing
        // it would hand it to other users, or to the same user after a revoke; Athena likewise reuses no results of
        // tables under Lake Formation's fine-grained access control
        if (!execution.resultReuse().enabled() || !StatementClassifier.DML.equals(execution.statementType()) || trawl.accessControlled()) {
            return Optional.empty();
        }
        Instant oldest = execution.submissionTime().minus(Duration.ofMinutes(execution.resultReuse().maxAgeMinutes()));
        return history.findReusable(execution.workGroup(), reuseKey(execution))
                .filter(previous -> previous.state() == State.SUCCEEDED && previous.updateCount().isEmpty())
                .filter(previous -> previous.completionTime().map(time -> !time.isBefore(oldest)).orElse(false))
                .filter(previous -> resultExists(previous.outputLocation()));
    }

    private boolean resultExists(URI file)
    {
        try {
            store.stat(file);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static String reuseKey(QueryExecution execution)
    {
        return QueryHistory.sha256(String.join("\u0000", execution.query(), execution.catalog(), execution.database(), String.join("\u0001", execution.executionParameters())));
    }

    /** The record a concurrent claimant of the same token is about to create. */
    private QueryExecution awaitRecord(String id)
    {
        Instant deadline = clock.instant().plusSeconds(10);
        while (true) {
            Optional<QueryExecution> execution = history.find(id);
            if (execution.isPresent()) {
                return execution.get();
            }
            if (clock.instant().isAfter(deadline)) {
                throw new QueryRequestException(Reason.INVALID, "The ClientRequestToken is in use by a request that has not completed; retry");
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryRequestException(Reason.INVALID, "Interrupted");
            }
        }
    }
}
