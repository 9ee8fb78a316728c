package io.trawl.engine.operator.window;

import io.trawl.engine.operator.aggregate.AggregateCall;
import io.trino.spi.type.Type;

import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * One window function to compute; its result becomes one output column after the input columns.
 *
 * @param kind which function
 * @param argumentChannels input channels of the arguments, by kind:
 *         none for ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST and AGGREGATE;
 *         [n] for NTILE; [x] or [x, offset] or [x, offset, default] for LAG/LEAD;
 *         [x] for FIRST_VALUE/LAST_VALUE; [x, n] for NTH_VALUE. Offsets, n and defaults are read from the
 *         current row (usually constant channels); a NULL offset or n gives NULL.
 * @param outputType the result type: bigint for row_number/rank/dense_rank/ntile, double for
 *         percent_rank/cume_dist, x's type for the value functions, the aggregate's output type for AGGREGATE
 * @param frame the frame; only FIRST_VALUE, LAST_VALUE, NTH_VALUE and AGGREGATE use it
 * @param aggregate for AGGREGATE, the aggregate (sum, avg, count, count(*), min, max, ... with the same
 *         type rules as GROUP BY; FILTER masks are honoured, DISTINCT is not supported in windows)
 */
public record WindowFunctionCall(Kind kind, List<Integer> argumentChannels, Type outputType, Frame frame, Optional<AggregateCall> aggregate)
{
    public enum Kind
    {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE, AGGREGATE
    }

    public WindowFunctionCall
    {
        requireNonNull(kind, "kind is null");
        argumentChannels = List.copyOf(argumentChannels);
        requireNonNull(outputType, "outputType is null");
        requireNonNull(frame, "frame is null");
        requireNonNull(aggregate, "aggregate is null");
        checkArgument(aggregate.isPresent() == (kind == Kind.AGGREGATE), "an aggregate is given exactly for AGGREGATE");
        checkArgument(aggregate.isEmpty() || !aggregate.get().distinct(), "DISTINCT is not supported in window aggregates");
    }

    /** A ranking or value function over the default frame. */
    public static WindowFunctionCall function(Kind kind, List<Integer> argumentChannels, Type outputType)
    {
        return new WindowFunctionCall(kind, argumentChannels, outputType, Frame.defaultFrame(), Optional.empty());
    }

    /** An aggregate over {@code frame}. */
    public static WindowFunctionCall aggregate(AggregateCall aggregate, Frame frame)
    {
        return new WindowFunctionCall(Kind.AGGREGATE, List.of(), aggregate.outputType(), frame, Optional.of(aggregate));
    }
}
