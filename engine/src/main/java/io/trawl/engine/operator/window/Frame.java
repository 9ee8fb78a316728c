package io.trawl.engine.operator.window;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A window frame: which rows of the partition, relative to the current row, an aggregate or
 * first_value/last_value/nth_value sees. ROWS counts rows; RANGE works on ORDER BY values, where
 * CURRENT ROW includes all peers (rows with equal ORDER BY values) and {@code n PRECEDING/FOLLOWING}
 * means "ORDER BY value within n of the current row's" (single numeric ORDER BY key only).
 */
public record Frame(Unit unit, Bound start, Bound end)
{
    public enum Unit { ROWS, RANGE }

    public enum BoundType { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /** One end of the frame; {@code offset} is the n of {@code n PRECEDING / n FOLLOWING}, else 0. */
    public record Bound(BoundType type, long offset)
    {
        public Bound
        {
            requireNonNull(type, "type is null");
            checkArgument(offset >= 0, "Window frame offset must not be negative: %s", offset);
        }

        public static Bound unboundedPreceding()
        {
            return new Bound(BoundType.UNBOUNDED_PRECEDING, 0);
        }

        public static Bound preceding(long offset)
        {
            return new Bound(BoundType.PRECEDING, offset);
        }

        public static Bound currentRow()
        {
            return new Bound(BoundType.CURRENT_ROW, 0);
        }

        public static Bound following(long offset)
        {
            return new Bound(BoundType.FOLLOWING, offset);
        }

        public static Bound unboundedFollowing()
        {
            return new Bound(BoundType.UNBOUNDED_FOLLOWING, 0);
        }
    }

    public Frame
    {
        requireNonNull(unit, "unit is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        checkArgument(start.type() != BoundType.UNBOUNDED_FOLLOWING, "Window frame start cannot be UNBOUNDED FOLLOWING");
        checkArgument(end.type() != BoundType.UNBOUNDED_PRECEDING, "Window frame end cannot be UNBOUNDED PRECEDING");
    }

    /**
     * The SQL default, {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}: with ORDER BY the rows up
     * to the current row and its peers; without ORDER BY every row is a peer, so the whole partition.
     */
    public static Frame defaultFrame()
    {
        return new Frame(Unit.RANGE, Bound.unboundedPreceding(), Bound.currentRow());
    }

    /** {@code ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING}. */
    public static Frame wholePartition()
    {
        return new Frame(Unit.ROWS, Bound.unboundedPreceding(), Bound.unboundedFollowing());
    }
}
