package io.trawl.engine.fragment;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one scan task may use.
 *
 * @param memoryLimitBytes the memory its operators (partial aggregation) may hold
 * @param inlineResultBytes the largest encoded result returned inline; a larger one is written to
 * {@code spillLocation} and returned by reference (AWS Lambda's response limit is 6 MB)
 * @param spillLocation where results too large to return inline are written ({@code s3://bucket/prefix/}
 * or {@code file:///dir/}); empty when results are always returned inline (in process)
 */
public record TaskLimits(long memoryLimitBytes, long inlineResultBytes, Optional<String> spillLocation)
{
    /** Lambda's synchronous response limit is 6 MB; base64 in a JSON envelope adds a third. */
    public static final long LAMBDA_INLINE_RESULT_BYTES = 4L << 20;

    public TaskLimits
    {
        requireNonNull(spillLocation, "spillLocation is null");
        if (memoryLimitBytes <= 0 || inlineResultBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive: memory %s, inline result %s".formatted(memoryLimitBytes, inlineResultBytes));
        }
    }
}
