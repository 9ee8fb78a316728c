package io.trawl.api.query;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One query's execution record, as the history stores it and every API answers from it: what was asked, by whom and
 * where, its state with Athena's reasons, its timeline and statistics, and what it was billed. Records change only by
 * conditional writes ({@link QueryHistory#update}), so a Stop from one instance and the completion on another never
 * overwrite each other.
 *
 * @param outputLocation the result file ({@code <output>/<id>.csv}, or {@code .txt} for DDL), as Athena reports it
 * @param coordinator the instance running it, and {@code heartbeat} when that instance last said it still is
 */
public record QueryExecution(
        String id,
        String query,
        String statementType,
        String workGroup,
        String catalog,
        String database,
        URI outputLocation,
        State state,
        Optional<String> stateChangeReason,
        Optional<QueryError> error,
        Instant submissionTime,
        Optional<Instant> startTime,
        Optional<Instant> completionTime,
        Statistics statistics,
        String principal,
        Optional<String> clientRequestToken,
        List<String> executionParameters,
        ResultReuse resultReuse,
        Optional<String> reusedFrom,
        Optional<String> coordinator,
        Optional<Instant> heartbeat,
        OptionalLong updateCount,
        Optional<Billing> billing)
{
    public enum State
    {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean terminal()
        {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * Athena's AthenaError: category 1 system, 2 user, 3 other; the type from Athena's error catalog; whether
     * resubmitting may succeed.
     */
    public record QueryError(int category, int type, boolean retryable, String message)
    {
        public QueryError
        {
            requireNonNull(message, "message is null");
        }
    }

    /** The timeline and volumes GetQueryExecution and GetQueryRuntimeStatistics report. */
    public record Statistics(
            long queueMillis,
            long planningMillis,
            long engineMillis,
            long serviceProcessingMillis,
            long totalMillis,
            long dataScannedBytes,
            long outputRows,
            long outputBytes,
            List<StageStatistics> scans)
    {
        public static final Statistics NONE = new Statistics(0, 0, 0, 0, 0, 0, 0, 0, List.of());

        public Statistics
        {
            scans = List.copyOf(requireNonNull(scans, "scans is null"));
        }

        public long inputRows()
        {
            return scans.stream().mapToLong(StageStatistics::outputRows).sum();
        }
    }

    /** What the scans of one table did: tasks, bytes read, rows after their filters, and their summed time. */
    public record StageStatistics(String table, int tasks, long inputBytes, long outputRows, long wallMillis)
    {
        public StageStatistics
        {
            requireNonNull(table, "table is null");
        }
    }

    /** ResultReuseConfiguration: whether an earlier result of the same query may be answered, and how old it may be. */
    public record ResultReuse(boolean enabled, int maxAgeMinutes)
    {
        public static final ResultReuse DISABLED = new ResultReuse(false, 60);
    }

    /** The charge the usage ledger recorded (empty for free statements). */
    public record Billing(long billedBytes, BigDecimal cost, String currency)
    {
        public Billing
        {
            requireNonNull(cost, "cost is null");
            requireNonNull(currency, "currency is null");
        }
    }

    public QueryExecution
    {
        requireNonNull(id, "id is null");
        requireNonNull(query, "query is null");
        requireNonNull(statementType, "statementType is null");
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(database, "database is null");
        requireNonNull(outputLocation, "outputLocation is null");
        requireNonNull(state, "state is null");
        requireNonNull(stateChangeReason, "stateChangeReason is null");
        requireNonNull(error, "error is null");
        requireNonNull(submissionTime, "submissionTime is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(completionTime, "completionTime is null");
        requireNonNull(statistics, "statistics is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(clientRequestToken, "clientRequestToken is null");
        executionParameters = List.copyOf(requireNonNull(executionParameters, "executionParameters is null"));
        requireNonNull(resultReuse, "resultReuse is null");
        requireNonNull(reusedFrom, "reusedFrom is null");
        requireNonNull(coordinator, "coordinator is null");
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(updateCount, "updateCount is null");
        requireNonNull(billing, "billing is null");
    }

    public QueryExecution running(String instanceId, Instant now)
    {
        return new QueryExecution(id, query, statementType, workGroup, catalog, database, outputLocation, State.RUNNING, Optional.empty(), Optional.empty(),
                submissionTime, Optional.of(now), Optional.empty(), statistics, principal, clientRequestToken, executionParameters, resultReuse, reusedFrom,
                Optional.of(instanceId), Optional.of(now), updateCount, billing);
    }

    /** The record queued for another instance to claim: no owner, no heartbeat yet. */
    public QueryExecution unclaimed()
    {
        return new QueryExecution(id, query, statementType, workGroup, catalog, database, outputLocation, state, stateChangeReason, error,
                submissionTime, startTime, completionTime, statistics, principal, clientRequestToken, executionParameters, resultReuse, reusedFrom,
                Optional.empty(), Optional.empty(), updateCount, billing);
    }

    /** The record as its instance reports it alive, with the bytes the query has read so far. */
    public QueryExecution withHeartbeat(Instant now, long bytesScannedSoFar)
    {
        Statistics progress = new Statistics(statistics.queueMillis(), statistics.planningMillis(), statistics.engineMillis(), statistics.serviceProcessingMillis(),
                statistics.totalMillis(), bytesScannedSoFar, statistics.outputRows(), statistics.outputBytes(), statistics.scans());
        return new QueryExecution(id, query, statementType, workGroup, catalog, database, outputLocation, state, stateChangeReason, error,
                submissionTime, startTime, completionTime, progress, principal, clientRequestToken, executionParameters, resultReuse, reusedFrom,
                coordinator, Optional.of(now), updateCount, billing);
    }

    /** The record in a terminal state; a record that is terminal already keeps its state and reason (a Stop wins over a late completion). */
    public QueryExecution finished(State newState, Optional<String> reason, Optional<QueryError> newError, Instant now, Statistics newStatistics, OptionalLong newUpdateCount, Optional<Billing> newBilling)
    {
        if (state.terminal()) {
            return new QueryExecution(id, query, statementType, workGroup, catalog, database, outputLocation, state, stateChangeReason, error,
                    submissionTime, startTime, completionTime, newStatistics, principal, clientRequestToken, executionParameters, resultReuse, reusedFrom,
                    coordinator, heartbeat, updateCount, newBilling.or(() -> billing));
        }
        return new QueryExecution(id, query, statementType, workGroup, catalog, database, outputLocation, newState, reason, newError,
                submissionTime, startTime, Optional.of(now), newStatistics, principal, clientRequestToken, executionParameters, resultReuse, reusedFrom,
                coordinator, heartbeat, newUpdateCount, newBilling);
    }

    /** The record answering with an earlier execution's result files (result reuse). */
    public QueryExecution reusing(QueryExecution previous, Instant now)
    {
        return new QueryExecution(id, query, statementType, workGroup, catalog, database, previous.outputLocation, State.SUCCEEDED, Optional.empty(), Optional.empty(),
                submissionTime, Optional.of(now), Optional.of(now), new Statistics(0, 0, 0, 0, 0, 0, previous.statistics.outputRows(), previous.statistics.outputBytes(), List.of()),
                principal, clientRequestToken, executionParameters, resultReuse, Optional.of(previous.id), Optional.empty(), Optional.empty(), previous.updateCount, Optional.empty());
    }
}
