package io.trawl.engine.scan;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Free statistics about a table: its stored size, and when the files tell (Parquet footers), its row count
 * and the value range of its integer columns. A range bounds a column's number of distinct values, which
 * is what join ordering needs to tell a key join from a many-to-many one.
 */
public record TableEstimate(long totalBytes, OptionalLong rowCount, Map<String, ValueRange> integerRanges)
{
    public TableEstimate
    {
        requireNonNull(rowCount, "rowCount is null");
        integerRanges = Map.copyOf(requireNonNull(integerRanges, "integerRanges is null"));
    }

    public TableEstimate(long totalBytes, OptionalLong rowCount)
    {
        this(totalBytes, rowCount, Map.of());
    }

    /** The range of a column (lower-case name), if known. */
    public Optional<ValueRange> range(String column)
    {
        return Optional.ofNullable(integerRanges.get(column));
    }

    public record ValueRange(long min, long max)
    {
        public ValueRange union(ValueRange other)
        {
            return new ValueRange(Math.min(min, other.min), Math.max(max, other.max));
        }

        /** Distinct values the range can hold. */
        public double width()
        {
            return (double) max - (double) min + 1;
        }
    }
}
