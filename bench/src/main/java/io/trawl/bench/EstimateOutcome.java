package io.trawl.bench;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One query of {@code bench estimate}: the tables it scans (a table named twice is scanned twice), the bytes
 * its dry run estimated, the footer bytes the dry run read for that (not billed), and the bytes the query was
 * then billed for when it ran.
 */
record EstimateOutcome(int query, List<String> scans, long estimatedBytes, long metadataBytesRead, long actualBytes, Optional<String> failure)
{
    EstimateOutcome
    {
        scans = List.copyOf(requireNonNull(scans, "scans is null"));
        requireNonNull(failure, "failure is null");
    }

    static EstimateOutcome failed(int query, String failure)
    {
        return new EstimateOutcome(query, List.of(), 0, 0, 0, Optional.of(failure));
    }

    /** Estimate over actual; empty when the query read nothing or failed. */
    Optional<Double> ratio()
    {
        if (failure.isPresent() || actualBytes == 0) {
            return Optional.empty();
        }
        return Optional.of(estimatedBytes / (double) actualBytes);
    }
}
