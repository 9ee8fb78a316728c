package io.trawl.api.report;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.time.Duration;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How reports are scheduled on this instance, from the environment:
 * <table>
 * <tr><td>TRAWL_REPORT_TICK_SECONDS</td><td>how often {@code trawl serve} looks for due reports, default 30; 0 turns its scheduler
 *     off (on AWS an EventBridge Scheduler schedule invokes the coordinator function every minute instead)</td></tr>
 * <tr><td>TRAWL_REPORT_LATE_AFTER_SECONDS</td><td>how late an occurrence may be seen and still count as on time rather than
 *     missed (the catch-up policy decides about missed ones), default 300</td></tr>
 * </table>
 *
 * @param abandonedAfter how long a claimed run may go without its query being started before another instance
 * fails it (the instance that claimed it stopped)
 */
public record ReportSettings(Duration tickInterval, Duration lateAfter, Duration abandonedAfter, Duration webhookTimeout)
{
    public static final ReportSettings DEFAULTS = new ReportSettings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(10));

    public ReportSettings
    {
        requireNonNull(tickInterval, "tickInterval is null");
        requireNonNull(lateAfter, "lateAfter is null");
        requireNonNull(abandonedAfter, "abandonedAfter is null");
        requireNonNull(webhookTimeout, "webhookTimeout is null");
        if (tickInterval.isNegative() || lateAfter.isNegative() || !abandonedAfter.isPositive() || !webhookTimeout.isPositive()) {
            throw new IllegalArgumentException("report settings must not be negative");
        }
    }

    public static ReportSettings fromEnvironment(Map<String, String> environment)
    {
        return new ReportSettings(
                Duration.ofSeconds(seconds(environment, "TRAWL_REPORT_TICK_SECONDS", DEFAULTS.tickInterval().toSeconds())),
                Duration.ofSeconds(seconds(environment, "TRAWL_REPORT_LATE_AFTER_SECONDS", DEFAULTS.lateAfter().toSeconds())),
                DEFAULTS.abandonedAfter(),
                DEFAULTS.webhookTimeout());
    }

    public ReportSettings withTickInterval(Duration interval)
    {
        return new ReportSettings(interval, lateAfter, abandonedAfter, webhookTimeout);
    }

    public ReportSettings withLateAfter(Duration late)
    {
        return new ReportSettings(tickInterval, late, abandonedAfter, webhookTimeout);
    }

    private static long seconds(Map<String, String> environment, String name, long defaultValue)
    {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= 0) {
                return parsed;
            }
        }
        catch (NumberFormatException _) {
            // reported below
        }
        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "%s must be a whole number of seconds (0 or more), not '%s'".formatted(name, value));
    }
}
