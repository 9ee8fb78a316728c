package io.trawl.scan.crawl;

import static java.util.Objects.requireNonNull;

/**
 * What the crawler did with one table (or one folder it could not make a table of), as one report line:
 * {@code created db.t (parquet, 16 columns, partitioned by dt)}, {@code updated db.t: added column x bigint},
 * {@code unchanged db.t}, {@code skipped <folder>: <reason>}.
 */
public record TableChange(Kind kind, String subject, String detail)
{
    public enum Kind { CREATED, UPDATED, UNCHANGED, SKIPPED }

    public TableChange
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(detail, "detail is null");
    }

    public String line()
    {
        return switch (kind) {
            case CREATED -> "created " + subject + " (" + detail + ")";
            case UPDATED -> "updated " + subject + ": " + detail;
            case UNCHANGED -> "unchanged " + subject + (detail.isEmpty() ? "" : " (" + detail + ")");
            case SKIPPED -> "skipped " + subject + ": " + detail;
        };
    }
}
