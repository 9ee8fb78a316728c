package io.trawl.billing.limits;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A work group's data usage control (Athena's "workgroup-wide data usage control limits"): when the bytes its
 * queries scanned in one {@code period} window reach {@code thresholdBytes}, a notification fires once for that
 * window (a log line, and a POST to {@code webhook} when set) and, with {@code disableWorkGroup}, the work group
 * stops accepting queries. Alerts never cancel running queries.
 */
public record UsageAlert(String name, AlertPeriod period, long thresholdBytes, boolean disableWorkGroup, Optional<URI> webhook)
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public UsageAlert
    {
        requireNonNull(name, "name is null");
        requireNonNull(period, "period is null");
        requireNonNull(webhook, "webhook is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("alert name '%s' must be letters, digits, '-' or '_'".formatted(name));
        }
        if (thresholdBytes <= 0) {
            throw new IllegalArgumentException("alert %s: threshold must be positive: %s".formatted(name, thresholdBytes));
        }
    }
}
