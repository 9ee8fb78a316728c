package io.trawl.scan.crawl;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Everything one crawl did, one change per table or skipped folder, in folder order. */
public record CrawlReport(String databaseName, List<TableChange> changes)
{
    public CrawlReport
    {
        requireNonNull(databaseName, "databaseName is null");
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
    }

    /** True when at least one table was created, updated or found unchanged: the crawl was not for nothing. */
    public boolean crawledAnyTable()
    {
        return changes.stream().anyMatch(change -> change.kind() != TableChange.Kind.SKIPPED);
    }

    public List<String> lines()
    {
        return changes.stream().map(TableChange::line).toList();
    }
}
