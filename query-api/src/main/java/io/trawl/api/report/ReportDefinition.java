package io.trawl.api.report;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A report as a user asks for it (the REST API's and the CLI's words), before {@link ReportService#create} checks it
 * and fills in the defaults: database {@code default}, work group {@code primary}, time zone UTC, format CSV,
 * retention {@value ReportOutput#DEFAULT_RETENTION_DAYS} days, catch-up {@code latest}, enabled.
 */
public record ReportDefinition(
        String name,
        String sql,
        Optional<String> database,
        Optional<String> workGroup,
        String schedule,
        Optional<String> timeZone,
        Optional<String> format,
        String destination,
        Optional<Integer> retentionDays,
        Optional<String> webhookUrl,
        Optional<String> catchUp,
        Optional<Integer> catchUpLimit,
        Optional<Boolean> enabled)
{
    public ReportDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(database, "database is null");
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(timeZone, "timeZone is null");
        requireNonNull(format, "format is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(retentionDays, "retentionDays is null");
        requireNonNull(webhookUrl, "webhookUrl is null");
        requireNonNull(catchUp, "catchUp is null");
        requireNonNull(catchUpLimit, "catchUpLimit is null");
        requireNonNull(enabled, "enabled is null");
    }

    /** The minimal definition; the rest at its defaults. */
    public static ReportDefinition of(String name, String sql, String schedule, String destination)
    {
        return new ReportDefinition(name, sql, Optional.empty(), Optional.empty(), schedule, Optional.empty(), Optional.empty(), destination,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ReportDefinition withDatabase(String newDatabase)
    {
        return new ReportDefinition(name, sql, Optional.of(newDatabase), workGroup, schedule, timeZone, format, destination, retentionDays, webhookUrl, catchUp, catchUpLimit, enabled);
    }

    public ReportDefinition withTimeZone(String newTimeZone)
    {
        return new ReportDefinition(name, sql, database, workGroup, schedule, Optional.of(newTimeZone), format, destination, retentionDays, webhookUrl, catchUp, catchUpLimit, enabled);
    }

    public ReportDefinition withFormat(String newFormat)
    {
        return new ReportDefinition(name, sql, database, workGroup, schedule, timeZone, Optional.of(newFormat), destination, retentionDays, webhookUrl, catchUp, catchUpLimit, enabled);
    }

    public ReportDefinition withRetentionDays(int days)
    {
        return new ReportDefinition(name, sql, database, workGroup, schedule, timeZone, format, destination, Optional.of(days), webhookUrl, catchUp, catchUpLimit, enabled);
    }

    public ReportDefinition withWebhook(String url)
    {
        return new ReportDefinition(name, sql, database, workGroup, schedule, timeZone, format, destination, retentionDays, Optional.of(url), catchUp, catchUpLimit, enabled);
    }

    public ReportDefinition withCatchUp(String policy, Optional<Integer> limit)
    {
        return new ReportDefinition(name, sql, database, workGroup, schedule, timeZone, format, destination, retentionDays, webhookUrl, Optional.of(policy), limit, enabled);
    }

    public ReportDefinition withEnabled(boolean newEnabled)
    {
        return new ReportDefinition(name, sql, database, workGroup, schedule, timeZone, format, destination, retentionDays, webhookUrl, catchUp, catchUpLimit, Optional.of(newEnabled));
    }
}
