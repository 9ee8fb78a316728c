package io.trawl.api.report;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One run of a report, as its document in the meta store records it. A scheduled run's id is its occurrence in epoch
 * seconds: creating that document (if absent) is the claim that makes one instance, and only one, run the occurrence.
 * A run started by hand has an id of its own ({@code <epoch seconds>-manual-<random>}) and never counts as an
 * occurrence.
 *
 * <pre>
 * CLAIMED → RUNNING (its query started) → SUCCEEDED | FAILED      SKIPPED: missed occurrences the catch-up policy passed over
 * </pre>
 * A FAILED run is not retried; its failure is told once ({@code notification} says how that went).
 *
 * @param outputs every object the run wrote under the report's destination, which retention deletes later
 * @param note why earlier occurrences were skipped, when they were
 */
public record ReportRun(
        String report,
        String id,
        Instant occurrence,
        Trigger trigger,
        State state,
        Optional<String> queryId,
        Optional<String> reason,
        Optional<String> note,
        List<URI> outputs,
        String claimedBy,
        Instant claimedAt,
        Optional<Instant> completedAt,
        Optional<String> notification)
{
    public enum Trigger
    {
        SCHEDULE, MANUAL
    }

    public enum State
    {
        CLAIMED, RUNNING, SUCCEEDED, FAILED, SKIPPED;

        public boolean terminal()
        {
            return this == SUCCEEDED || this == FAILED || this == SKIPPED;
        }
    }

    public ReportRun
    {
        requireNonNull(report, "report is null");
        requireNonNull(id, "id is null");
        requireNonNull(occurrence, "occurrence is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(state, "state is null");
        requireNonNull(queryId, "queryId is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(note, "note is null");
        outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
        requireNonNull(claimedBy, "claimedBy is null");
        requireNonNull(claimedAt, "claimedAt is null");
        requireNonNull(completedAt, "completedAt is null");
        requireNonNull(notification, "notification is null");
    }

    /** The claim of a scheduled occurrence. */
    static ReportRun claim(String report, Instant occurrence, Trigger trigger, String id, Optional<String> note, String instanceId, Instant now)
    {
        return new ReportRun(report, id, occurrence, trigger, State.CLAIMED, Optional.empty(), Optional.empty(), note, List.of(), instanceId, now,
                Optional.empty(), Optional.empty());
    }

    /** Missed occurrences passed over, recorded at the newest of them so the next tick starts after it. */
    static ReportRun skipped(String report, Instant occurrence, String note, String instanceId, Instant now)
    {
        return new ReportRun(report, Long.toString(occurrence.getEpochSecond()), occurrence, Trigger.SCHEDULE, State.SKIPPED, Optional.empty(), Optional.empty(),
                Optional.of(note), List.of(), instanceId, now, Optional.of(now), Optional.empty());
    }

    ReportRun running(String newQueryId)
    {
        return new ReportRun(report, id, occurrence, trigger, State.RUNNING, Optional.of(newQueryId), reason, note, outputs, claimedBy, claimedAt, completedAt, notification);
    }

    ReportRun succeeded(List<URI> newOutputs, Instant now)
    {
        return new ReportRun(report, id, occurrence, trigger, State.SUCCEEDED, queryId, Optional.empty(), note, newOutputs, claimedBy, claimedAt, Optional.of(now), notification);
    }

    ReportRun failed(String newReason, Instant now)
    {
        return new ReportRun(report, id, occurrence, trigger, State.FAILED, queryId, Optional.of(newReason), note, outputs, claimedBy, claimedAt, Optional.of(now), notification);
    }

    ReportRun notified(String outcome)
    {
        return new ReportRun(report, id, occurrence, trigger, state, queryId, reason, note, outputs, claimedBy, claimedAt, completedAt, Optional.of(outcome));
    }
}
