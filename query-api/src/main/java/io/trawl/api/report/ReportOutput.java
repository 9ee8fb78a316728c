package io.trawl.api.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Where and how a report's result goes. The destination is a folder ({@code s3://bucket/prefix/} or
 * {@code file:///path/}) whose placeholders {@code {yyyy} {MM} {dd} {HH} {mm}} are filled from the occurrence's time in
 * the report's zone. Each run writes under it only names of its own, so runs never overwrite each other and a table
 * over the destination sees every run's rows:
 * <ul>
 * <li>CSV: {@code <destination><report>-<occurrence>.csv}, the query's result file (a header row, every value quoted);
 * <li>PARQUET, JSON: the files of {@code UNLOAD (...) TO '<destination><report>-<occurrence>/'} (UNLOAD wants an
 *     empty folder, as in Athena).
 * </ul>
 * {@code retentionDays}: outputs of runs whose occurrence is older are deleted after a later run succeeds.
 */
public record ReportOutput(Format format, String destination, int retentionDays)
{
    public static final int DEFAULT_RETENTION_DAYS = 30;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Map<String, DateTimeFormatter> PLACEHOLDERS = Map.of(
            "yyyy", DateTimeFormatter.ofPattern("yyyy", Locale.ROOT),
            "MM", DateTimeFormatter.ofPattern("MM", Locale.ROOT),
            "dd", DateTimeFormatter.ofPattern("dd", Locale.ROOT),
            "HH", DateTimeFormatter.ofPattern("HH", Locale.ROOT),
            "mm", DateTimeFormatter.ofPattern("mm", Locale.ROOT));
    /** The occurrence in a run's output names: UTC, so names are unique across the autumn change and sort by time. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public enum Format
    {
        CSV, PARQUET, JSON;

        public static Format parse(String text)
        {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                throw new ReportException(ReportException.Reason.INVALID, "The output format is CSV, PARQUET or JSON, not '%s'".formatted(text));
            }
        }
    }

    public ReportOutput
    {
        requireNonNull(format, "format is null");
        requireNonNull(destination, "destination is null");
        destination = destination.strip();
        if (!destination.endsWith("/")) {
            destination = destination + "/";
        }
        checkDestination(destination);
        if (retentionDays < 1) {
            throw invalid("retentionDays must be at least 1, not %d".formatted(retentionDays));
        }
    }

    /** The destination folder of one occurrence, placeholders filled in {@code zone}. */
    public URI folderFor(Instant occurrence, ZoneId zone)
    {
        return URI.create(fill(destination, occurrence.atZone(zone)));
    }

    /** Where the run of {@code occurrence} writes: a CSV file, or the folder UNLOAD fills. */
    public URI target(String reportName, Instant occurrence, ZoneId zone)
    {
        String base = folderFor(occurrence, zone).toString() + reportName + "-" + STAMP.format(occurrence);
        return URI.create(format == Format.CSV ? base + ".csv" : base + "/");
    }

    private static String fill(String template, ZonedDateTime time)
    {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, PLACEHOLDERS.get(matcher.group(1)).format(time));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static void checkDestination(String destination)
    {
        Matcher matcher = PLACEHOLDER.matcher(destination);
        while (matcher.find()) {
            if (!PLACEHOLDERS.containsKey(matcher.group(1))) {
                throw invalid("The destination %s has an unknown placeholder {%s}; the placeholders are {yyyy}, {MM}, {dd}, {HH} and {mm}".formatted(destination, matcher.group(1)));
            }
        }
        String sample = fill(destination, ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        if (sample.contains("{") || sample.contains("}")) {
            throw invalid("The destination %s has an unclosed placeholder; the placeholders are {yyyy}, {MM}, {dd}, {HH} and {mm}".formatted(destination));
        }
        URI uri;
        try {
            uri = new URI(sample);
        }
        catch (URISyntaxException e) {
            throw invalid("The destination %s is not a URI: %s".formatted(destination, e.getMessage()));
        }
        boolean s3 = "s3".equals(uri.getScheme()) && uri.getAuthority() != null && !uri.getAuthority().isEmpty();
        boolean file = "file".equals(uri.getScheme()) && uri.getPath() != null && uri.getPath().startsWith("/");
        if (!s3 && !file) {
            throw invalid("The destination is a folder s3://bucket/prefix/ (or file:///path/ on a local Trawl), not %s".formatted(destination));
        }
    }

    private static ReportException invalid(String message)
    {
        return new ReportException(ReportException.Reason.INVALID, message);
    }
}
