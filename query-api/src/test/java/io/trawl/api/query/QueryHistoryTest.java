package io.trawl.api.query;

import io.trawl.catalog.lake.FileCatalogDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class QueryHistoryTest
{
    @TempDir
    Path meta;

    @Test
    void idsCarryTheirSubmissionTime()
    {
        Instant submitted = Instant.parse("2026-10-01T12:34:56.789Z");
        String id = QueryIds.newId(submitted);
        assertThat(QueryIds.submissionTime(id)).contains(submitted);
        assertThat(QueryIds.submissionTime("not-a-uuid")).isEmpty();
        assertThat(QueryIds.submissionTime("123e4567-e89b-42d3-a456-426614174000")).as("a version-4 UUID names no record").isEmpty();
    }

    @Test
    void recordsRoundTripAndUpdatesApplyToTheStoredVersion()
    {
        QueryHistory history = new QueryHistory(new FileCatalogDocuments(meta));
        QueryExecution execution = execution(Instant.parse("2026-12-01T10:00:00Z"), "primary");
        history.create(execution);
        assertThat(history.find(execution.id())).contains(execution);

        Instant now = Instant.parse("2026-12-01T10:00:05Z");
        QueryExecution running = history.update(execution.id(), current -> current.running("instance-1", now)).orElseThrow();
        assertThat(history.find(execution.id())).contains(running);
        QueryExecution stopped = history.update(execution.id(), current -> current.finished(QueryExecution.State.CANCELLED, Optional.of("stopped"), Optional.empty(), now,
                current.statistics(), OptionalLong.empty(), Optional.empty())).orElseThrow();
        // a late completion does not overwrite the stop
        QueryExecution late = history.update(execution.id(), current -> current.finished(QueryExecution.State.SUCCEEDED, Optional.empty(), Optional.empty(), now,
                current.statistics(), OptionalLong.empty(), Optional.empty())).orElseThrow();
        assertThat(late.state()).isEqualTo(QueryExecution.State.CANCELLED);
        assertThat(late.stateChangeReason()).isEqualTo(stopped.stateChangeReason());
    }

    @Test
    void purgeRemovesRecordsOlderThanTheRetentionAndTheirListing()
    {
        QueryHistory history = new QueryHistory(new FileCatalogDocuments(meta));
        QueryExecution old = execution(Instant.parse("2026-10-01T10:00:00Z"), "primary");
        QueryExecution recent = execution(Instant.parse("2026-11-30T10:00:00Z"), "primary");
        history.create(old);
        history.create(recent);

        assertThat(history.purgeBefore(Instant.parse("2026-11-15T00:00:00Z"))).isEqualTo(1);
        assertThat(history.find(old.id())).isEmpty();
        assertThat(history.find(recent.id())).isPresent();
        assertThat(history.list("primary", Optional.empty(), 50).ids()).containsExactly(recent.id());
    }

    @Test
    void listingIsNewestFirstAndPagesWithoutRepeats()
    {
        QueryHistory history = new QueryHistory(new FileCatalogDocuments(meta));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            QueryExecution execution = execution(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i), "team");
            history.create(execution);
            ids.add(execution.id());
        }
        history.create(execution(Instant.parse("2026-12-01T10:00:00Z"), "other"));
        QueryHistory.Listing first = history.list("team", Optional.empty(), 2);
        QueryHistory.Listing second = history.list("team", first.nextAfter(), 2);
        QueryHistory.Listing third = history.list("team", second.nextAfter(), 2);
        assertThat(first.ids()).containsExactly(ids.get(4), ids.get(3));
        assertThat(second.ids()).containsExactly(ids.get(2), ids.get(1));
        assertThat(third.ids()).containsExactly(ids.get(0));
        assertThat(third.nextAfter()).isEmpty();
    }

    private static QueryExecution execution(Instant submitted, String workGroup)
    {
        String id = QueryIds.newId(submitted);
        return new QueryExecution(id, "SELECT 1", "DML", workGroup, "AwsDataCatalog", "default", URI.create("file:///results/" + id + ".csv"),
                QueryExecution.State.QUEUED, Optional.empty(), Optional.empty(), submitted, Optional.empty(), Optional.empty(), QueryExecution.Statistics.NONE,
                "analyst", Optional.empty(), List.of(), QueryExecution.ResultReuse.DISABLED, Optional.empty(), Optional.of("instance-1"), Optional.of(submitted),
                OptionalLong.empty(), Optional.empty());
    }
}
