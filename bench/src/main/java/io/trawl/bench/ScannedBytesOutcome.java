package io.trawl.bench;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One query of {@code bench bytes}: the tables it scans (a table named twice is scanned twice), the bytes
 * Trawl billed (with its default range merging, and with merging off: {@code unmergedBytes}), and the
 * independent figure: footers of every table read plus the chunks of the columns the
 * plan references, each table counted once ({@code neededBytes}) and once per scan ({@code neededPerScanBytes}).
 */
record ScannedBytesOutcome(int query, List<String> scans, long trawlBytes, long unmergedBytes, long neededBytes, long neededPerScanBytes, Optional<String> failure)
{
    ScannedBytesOutcome
    {
        scans = List.copyOf(requireNonNull(scans, "scans is null"));
        requireNonNull(failure, "failure is null");
    }

    static ScannedBytesOutcome failed(int query, String failure)
    {
        return new ScannedBytesOutcome(query, List.of(), 0, 0, 0, 0, Optional.of(failure));
    }

    /** Trawl read fewer bytes than the needed chunks: row groups were skipped. */
    boolean pruned()
    {
        return failure.isEmpty() && trawlBytes < neededBytes;
    }
}
