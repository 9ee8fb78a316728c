package io.trawl.scan.partition.projection;

import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.type.DateType;
import io.trino.spi.type.Type;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code projection.<col>.type = date}: values {@code start + k * interval} (in {@code interval.unit}) up to
 * {@code end}, written with {@code format} (a {@link DateTimeFormatter} pattern). {@code range} is "start,end",
 * each a date in {@code format} or {@code NOW[+-N UNIT]}; all in UTC, evaluated when the query runs (Athena's
 * "Projected date columns are generated in UTC at query execution time"). Relative bounds are truncated to the
 * format's precision, so {@code NOW-3YEARS} with {@code yyyy-MM-dd} starts at midnight. {@code interval} and
 * {@code interval.unit} default to 1 day or 1 month when the format has day or month precision; otherwise both
 * are required.
 */
record DateProjection(Type type, String pattern, LocalDateTime start, LocalDateTime end, long interval, ChronoUnit unit)
        implements ColumnProjection
{
    private static final Pattern RELATIVE = Pattern.compile("\\s*NOW\\s*(([+\\-])\\s*([0-9]+)\\s*(YEARS?|MONTHS?|WEEKS?|DAYS?|HOURS?|MINUTES?|SECONDS?)\\s*)?", Pattern.CASE_INSENSITIVE);
    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "YEARS", ChronoUnit.YEARS, "MONTHS", ChronoUnit.MONTHS, "WEEKS", ChronoUnit.WEEKS, "DAYS", ChronoUnit.DAYS,
            "HOURS", ChronoUnit.HOURS, "MINUTES", ChronoUnit.MINUTES, "SECONDS", ChronoUnit.SECONDS, "MILLISECONDS", ChronoUnit.MILLIS, "MILLIS", ChronoUnit.MILLIS);
    /** A probe instant whose every field differs from the parse defaults, to find a format's precision. */
    private static final LocalDateTime PROBE = LocalDateTime.of(2001, 2, 3, 4, 5, 6, 7_000_000);

    static DateProjection parse(ProjectionProperties properties, String column, Type type, Clock clock)
    {
        String pattern = properties.required(column, "format");
        DateTimeFormatter formatter;
        try {
            formatter = formatter(pattern);
            parseWith(formatter, formatter.format(PROBE));
        }
        catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw properties.invalid(column, "format", pattern, "a java.time DateTimeFormatter pattern that formats and parses a date (" + e.getMessage() + ")");
        }
        String range = properties.required(column, "range");
        String[] bounds = range.split(",", -1);
        if (bounds.length != 2) {
            throw properties.invalid(column, "range", range, "two comma-separated dates in format '%s' or NOW[+-N UNIT]".formatted(pattern));
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        LocalDateTime start = bound(properties, column, range, bounds[0], pattern, formatter, now);
        LocalDateTime end = bound(properties, column, range, bounds[1], pattern, formatter, now);
        if (start.isAfter(end)) {
            throw properties.invalid(column, "range", range, "a start not after the end");
        }
        Optional<ChronoUnit> precision = dayOrMonthPrecision(formatter);
        Optional<String> unitText = properties.optional(column, "interval.unit");
        Optional<String> intervalText = properties.optional(column, "interval");
        if (precision.isEmpty() && (unitText.isEmpty() || intervalText.isEmpty())) {
            throw properties.invalid(column, unitText.isEmpty() ? "interval.unit" : "interval", "",
                    "a value: format '%s' is not at single-day or single-month precision, so interval and interval.unit are required".formatted(pattern));
        }
        ChronoUnit unit = unitText.map(text -> unit(properties, column, text)).orElseGet(precision::orElseThrow);
        long interval = intervalText.map(text -> positive(properties, column, text)).orElse(1L);
        return new DateProjection(type, pattern, start, end, interval, unit);
    }

    private static DateTimeFormatter formatter(String pattern)
    {
        // fields the pattern lacks take their first value, as a partition "202401" (yyyyMM) means January 1st, 00:00
        return new DateTimeFormatterBuilder()
                .appendPattern(pattern)
                .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
                .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
                .toFormatter(Locale.US);
    }

    private static LocalDateTime parseWith(DateTimeFormatter formatter, String text)
    {
        return LocalDateTime.parse(text, formatter);
    }

    private static LocalDateTime bound(ProjectionProperties properties, String column, String range, String text, String pattern, DateTimeFormatter formatter, LocalDateTime now)
    {
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            LocalDateTime value = now;
            if (relative.group(1) != null) {
                long amount = Long.parseLong(relative.group(3));
                ChronoUnit unit = UNITS.get(plural(relative.group(4).toUpperCase(Locale.ROOT)));
                value = relative.group(2).equals("+") ? now.plus(amount, unit) : now.minus(amount, unit);
            }
            return parseWith(formatter, formatter.format(value));
        }
        try {
            LocalDateTime value = parseWith(formatter, text);
            if (formatter.format(value).equals(text)) {
                return value;
            }
        }
        catch (DateTimeParseException _) {
            // reported below
        }
        throw properties.invalid(column, "range", range, "dates in format '%s' or NOW[+-N UNIT], such as NOW-3YEARS (bound '%s')".formatted(pattern, text));
    }

    private static String plural(String unit)
    {
        return unit.endsWith("S") ? unit : unit + "S";
    }

    private static Optional<ChronoUnit> dayOrMonthPrecision(DateTimeFormatter formatter)
    {
        LocalDateTime parsed = parseWith(formatter, formatter.format(PROBE));
        if (parsed.equals(PROBE.truncatedTo(ChronoUnit.DAYS))) {
            return Optional.of(ChronoUnit.DAYS);
        }
        if (parsed.equals(LocalDateTime.of(PROBE.getYear(), PROBE.getMonth(), 1, 0, 0))) {
            return Optional.of(ChronoUnit.MONTHS);
        }
        return Optional.empty();
    }

    private static ChronoUnit unit(ProjectionProperties properties, String column, String text)
    {
        ChronoUnit unit = UNITS.get(text.strip().toUpperCase(Locale.ROOT));
        if (unit == null) {
            throw properties.invalid(column, "interval.unit", text, "one of YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS, MILLISECONDS");
        }
        return unit;
    }

    private static long positive(ProjectionProperties properties, String column, String text)
    {
        try {
            long value = Long.parseLong(text.strip());
            if (value > 0) {
                return value;
            }
        }
        catch (NumberFormatException _) {
            // reported below
        }
        throw properties.invalid(column, "interval", text, "a positive integer");
    }

    @Override
    public List<ProjectedValue> values(Domain domain, long limit)
    {
        DateTimeFormatter formatter = formatter(pattern);
        Optional<List<String>> texts = ColumnProjection.discreteTexts(type, domain);
        if (texts.isPresent()) {
            return valuesOf(formatter, texts.get());
        }
        LocalDateTime low = start;
        LocalDateTime high = end;
        if (domain != null && !domain.isAll() && type instanceof DateType) {
            // the key is a DATE: the domain's span narrows the range before anything is enumerated
            Range span = domain.getValues().getRanges().getSpan();
            if (!span.isLowUnbounded()) {
                low = max(low, LocalDate.ofEpochDay((Long) span.getLowBoundedValue()).atStartOfDay());
            }
            if (!span.isHighUnbounded()) {
                high = min(high, LocalDate.ofEpochDay((Long) span.getHighBoundedValue()).plusDays(1).atStartOfDay().minusNanos(1));
            }
        }
        if (low.isAfter(high)) {
            return List.of();
        }
        long first = unit.between(start, low) / interval;
        while (step(first).isBefore(low)) {
            first++;
        }
        long last = unit.between(start, high) / interval;
        while (last >= first && step(last).isAfter(high)) {
            last--;
        }
        if (last < first) {
            return List.of();
        }
        if (last - first + 1 > limit) {
            throw PartitionProjection.tooManyPartitions();
        }
        List<ProjectedValue> values = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            values.add(value(formatter, step(k)));
        }
        return values;
    }

    private List<ProjectedValue> valuesOf(DateTimeFormatter formatter, List<String> texts)
    {
        List<ProjectedValue> values = new ArrayList<>();
        for (String text : texts) {
            LocalDateTime value;
            if (type instanceof DateType) {
                value = LocalDate.parse(text).atStartOfDay();
            }
            else {
                try {
                    value = parseWith(formatter, text);
                }
                catch (DateTimeParseException e) {
                    continue;
                }
                if (!formatter.format(value).equals(text)) {
                    // a string key matches only the projection's own spelling
                    continue;
                }
            }
            if (contains(formatter, value)) {
                values.add(value(formatter, value));
            }
        }
        return values;
    }

    private boolean contains(DateTimeFormatter formatter, LocalDateTime value)
    {
        if (value.isBefore(start) || value.isAfter(end) || !parseWith(formatter, formatter.format(value)).equals(value)) {
            return false;
        }
        long units = unit.between(start, value);
        return units % interval == 0 && start.plus(units, unit).equals(value);
    }

    private ProjectedValue value(DateTimeFormatter formatter, LocalDateTime value)
    {
        String text = formatter.format(value);
        return new ProjectedValue(text, type instanceof DateType ? value.toLocalDate().toString() : text);
    }

    private LocalDateTime step(long k)
    {
        return start.plus(Math.multiplyExact(k, interval), unit);
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b)
    {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b)
    {
        return a.isBefore(b) ? a : b;
    }
}
