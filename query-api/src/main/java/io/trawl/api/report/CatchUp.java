package io.trawl.api.report;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * What a scheduler does with occurrences that passed while no scheduler ran (downtime): an occurrence is missed once
 * it is older than the settings' {@code lateAfter} when a tick first sees it.
 * <ul>
 * <li>{@code latest} (the default): run only the most recent due occurrence, skip the older ones;
 * <li>{@code all}: run each due occurrence, oldest first, but at most the {@code limit} most recent;
 * <li>{@code none}: run an occurrence only on time; missed ones are skipped (recorded as one SKIPPED run).
 * </ul>
 */
public record CatchUp(Policy policy, int limit)
{
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 1000;
    public static final CatchUp LATEST = new CatchUp(Policy.LATEST, DEFAULT_LIMIT);

    public enum Policy
    {
        LATEST, ALL, NONE;

        public static Policy parse(String text)
        {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                throw new ReportException(ReportException.Reason.INVALID, "The catch-up policy is latest, all or none, not '%s'".formatted(text));
            }
        }

        /** As users write it. */
        @Override
        public String toString()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CatchUp
    {
        requireNonNull(policy, "policy is null");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ReportException(ReportException.Reason.INVALID, "The catch-up limit is between 1 and %d, not %d".formatted(MAX_LIMIT, limit));
        }
    }
}
