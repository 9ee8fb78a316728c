package io.trawl.api.report;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A saved query that runs on a schedule: what it runs (SQL, database, work group), when ({@link Schedule}), where its
 * result goes ({@link ReportOutput}), whom a failure is told (a webhook, besides the ALERT log line), how missed
 * occurrences are caught up ({@link CatchUp}), and whose query it is: each run is a query of {@code owner}, with the
 * owner's rights and billed to the owner, as if the owner had run it.
 */
public record Report(
        String name,
        String sql,
        String database,
        String workGroup,
        Schedule schedule,
        ReportOutput output,
        Optional<URI> webhook,
        CatchUp catchUp,
        boolean enabled,
        String owner,
        Instant createdAt)
{
    /** Names become document keys and output file names: no slashes, nothing hidden (a leading dot or underscore). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    public Report
    {
        requireNonNull(name, "name is null");
        if (!isValidName(name)) {
            throw new ReportException(ReportException.Reason.INVALID,
                    "A report name is 1 to 128 letters, digits, '-' and '_', starting with a letter or digit, not '%s'".formatted(name));
        }
        requireNonNull(sql, "sql is null");
        requireNonNull(database, "database is null");
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(output, "output is null");
        requireNonNull(webhook, "webhook is null");
        webhook.ifPresent(Report::checkWebhook);
        requireNonNull(catchUp, "catchUp is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public static boolean isValidName(String name)
    {
        return NAME.matcher(name).matches();
    }

    /** Where a rate schedule counts its periods from: the creation, to the second. */
    public Instant anchor()
    {
        return Instant.ofEpochSecond(createdAt.getEpochSecond());
    }

    private static void checkWebhook(URI webhook)
    {
        boolean http = ("http".equals(webhook.getScheme()) || "https".equals(webhook.getScheme())) && webhook.getHost() != null;
        if (!http) {
            throw new ReportException(ReportException.Reason.INVALID, "The webhook is an http:// or https:// URL, not %s".formatted(webhook));
        }
    }
}
