package io.trawl.api.report;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * When a report runs, in AWS EventBridge Scheduler's syntax (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html),
 * so the same expression schedules it on AWS:
 * <ul>
 * <li>{@code cron(minutes hours day-of-month month day-of-week year)} in the schedule's time zone: Quartz's syntax
 *     without the seconds field ({@code , - * / ? L W #}; day-of-week 1-7 is SUN-SAT), one of the two day fields
 *     {@code ?};
 * <li>{@code rate(value unit)}, unit {@code minute|minutes|hour|hours|day|days} (singular exactly when the value is 1):
 *     every period from the report's creation, whatever the zone.
 * </ul>
 * Daylight saving time as EventBridge Scheduler handles it: a local time the spring change skips does not occur that
 * day, and a local time the autumn change repeats occurs once (at its first instant).
 */
public final class Schedule
{
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\S+)\\s+(\\S+)\\s*\\)");
    private static final String[] FIELD_NAMES = {"minutes", "hours", "day-of-month", "month", "day-of-week", "year"};
    /** Each field's stand-in while another field is checked on its own: every minute of every hour of every day. */
    private static final String[] NEUTRAL_FIELDS = {"0", "0", "*", "*", "?", "*"};
    /** How far back {@link #occurrences} looks for a cron schedule's occurrences, at most (one a minute for a year). */
    static final int MAX_WALK = 600_000;

    private final String expression;
    private final ZoneId zone;
    private final Optional<ExecutionTime> cron;
    private final Optional<Duration> rate;

    private Schedule(String expression, ZoneId zone, Optional<ExecutionTime> cron, Optional<Duration> rate)
    {
        this.expression = requireNonNull(expression, "expression is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.cron = requireNonNull(cron, "cron is null");
        this.rate = requireNonNull(rate, "rate is null");
    }

    /**
     * Reads {@code expression} in {@code timeZone} (an IANA name; UTC when empty).
     *
     * @throws ReportException INVALID with what is wrong and how it is written
     */
    public static Schedule parse(String expression, Optional<String> timeZone)
    {
        requireNonNull(expression, "expression is null");
        ZoneId zone = zone(timeZone.orElse("UTC"));
        String text = expression.strip();
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            return new Schedule(text, zone, Optional.of(cron(cron.group(1))), Optional.empty());
        }
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            return new Schedule(text, zone, Optional.empty(), Optional.of(rate(rate.group(1), rate.group(2))));
        }
        throw invalid("A schedule is cron(minutes hours day-of-month month day-of-week year) or rate(value unit), e.g. cron(0 9 ? * MON-FRI *) or rate(1 hour), not '%s'"
                .formatted(text));
    }

    public String expression()
    {
        return expression;
    }

    public ZoneId zone()
    {
        return zone;
    }

    /**
     * The occurrences after {@code after} and at or before {@code until}, newest first, at most {@code limit};
     * {@code anchor} is where a rate schedule counts from (the report's creation).
     */
    public List<Instant> occurrences(Instant after, Instant until, int limit, Instant anchor)
    {
        List<Instant> found = new ArrayList<>();
        if (limit <= 0 || !until.isAfter(after)) {
            return found;
        }
        if (rate.isPresent()) {
            long periodSeconds = rate.get().toSeconds();
            long periods = Math.floorDiv(until.getEpochSecond() - anchor.getEpochSecond(), periodSeconds);
            for (long period = periods; period >= 1 && found.size() < limit; period--) {
                Instant occurrence = anchor.plusSeconds(period * periodSeconds);
                if (!occurrence.isAfter(after)) {
                    break;
                }
                found.add(occurrence);
            }
            return found;
        }
        // cron-utils' lastExecution answers the last occurrence strictly before its argument, to the second
        ZonedDateTime cursor = until.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
        for (int step = 0; step < MAX_WALK && found.size() < limit; step++) {
            Optional<ZonedDateTime> previous = cron.get().lastExecution(cursor);
            if (previous.isEmpty() || !previous.get().toInstant().isAfter(after)) {
                break;
            }
            cursor = previous.get();
            if (!cursor.toInstant().isAfter(until) && !repeatsAnEarlierOccurrence(cursor)) {
                found.add(cursor.toInstant());
            }
        }
        return found;
    }

    /** The first occurrence after {@code after} (empty when there is none, as for a cron whose years are past). */
    public Optional<Instant> nextAfter(Instant after, Instant anchor)
    {
        if (rate.isPresent()) {
            long periodSeconds = rate.get().toSeconds();
            long periods = Math.max(0, Math.floorDiv(after.getEpochSecond() - anchor.getEpochSecond(), periodSeconds));
            Instant next = anchor.plusSeconds(periods * periodSeconds);
            while (!next.isAfter(after)) {
                next = next.plusSeconds(periodSeconds);
            }
            return Optional.of(next);
        }
        ZonedDateTime cursor = after.atZone(zone);
        for (int step = 0; step < MAX_WALK; step++) {
            Optional<ZonedDateTime> next = cron.get().nextExecution(cursor);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            cursor = next.get();
            if (!repeatsAnEarlierOccurrence(cursor)) {
                return Optional.of(cursor.toInstant());
            }
        }
        return Optional.empty();
    }

    /** A local time the autumn change repeats, at its second instant: EventBridge Scheduler runs it only at the first. */
    private boolean repeatsAnEarlierOccurrence(ZonedDateTime time)
    {
        LocalDateTime local = time.toLocalDateTime();
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition == null || !transition.isOverlap()) {
            return false;
        }
        ZoneOffset later = transition.getOffsetAfter();
        return time.getOffset().equals(later);
    }

    private static ExecutionTime cron(String fieldsText)
    {
        String[] fields = fieldsText.strip().split("\\s+");
        if (fields.length != 6) {
            throw invalid("cron() has 6 fields (minutes hours day-of-month month day-of-week year), e.g. cron(0 9 ? * MON-FRI *); '%s' has %d"
                    .formatted(fieldsText.strip(), fieldsText.isBlank() ? 0 : fields.length));
        }
        boolean dayOfMonthOpen = "?".equals(fields[2]);
        boolean dayOfWeekOpen = "?".equals(fields[4]);
        if (!dayOfMonthOpen && !dayOfWeekOpen) {
            throw invalid("cron(%s): day-of-month (%s) and day-of-week (%s) cannot both be set; write ? in one of them, e.g. cron(0 9 * * ? *) or cron(0 9 ? * MON *)"
                    .formatted(fieldsText.strip(), fields[2], fields[4]));
        }
        if (dayOfMonthOpen && dayOfWeekOpen) {
            throw invalid("cron(%s): only one of day-of-month and day-of-week may be ?".formatted(fieldsText.strip()));
        }
        for (int field = 0; field < fields.length; field++) {
            checkField(fieldsText.strip(), fields, field);
        }
        Cron parsed = parseQuartz("0 " + String.join(" ", fields))
                .orElseThrow(() -> invalid("cron(%s) is not a valid schedule".formatted(fieldsText.strip())));
        return ExecutionTime.forCron(parsed);
    }

    /** Parses the field alone among neutral ones, so an error names the field it is in (cron-utils' messages do not). */
    private static void checkField(String text, String[] fields, int field)
    {
        String[] probe = NEUTRAL_FIELDS.clone();
        probe[field] = fields[field];
        if (field == 2) {
            probe[4] = "?".equals(fields[2]) ? "*" : "?";
        }
        if (field == 4) {
            probe[2] = "?".equals(fields[4]) ? "*" : "?";
        }
        try {
            QUARTZ.parse("0 " + String.join(" ", probe)).validate();
        }
        catch (IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage()).replace("Failed to parse cron expression. ", "");
            throw invalid("cron(%s): the %s field '%s' is not valid: %s".formatted(text, FIELD_NAMES[field], fields[field], reason));
        }
    }

    private static Optional<Cron> parseQuartz(String quartz)
    {
        try {
            return Optional.of(QUARTZ.parse(quartz).validate());
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Duration rate(String valueText, String unitText)
    {
        long value;
        try {
            value = Long.parseLong(valueText);
        }
        catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            throw invalid("rate(%s %s): the value must be a positive whole number, e.g. rate(5 minutes)".formatted(valueText, unitText));
        }
        String unit = unitText.toLowerCase(Locale.ROOT);
        String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        Duration period = switch (singular) {
            case "minute" -> Duration.ofMinutes(value);
            case "hour" -> Duration.ofHours(value);
            case "day" -> Duration.ofDays(value);
            default -> throw invalid("rate(%s %s): the unit is minute(s), hour(s) or day(s)".formatted(valueText, unitText));
        };
        boolean plural = !singular.equals(unit);
        if (value == 1 && plural) {
            throw invalid("rate(%s %s): a value of 1 takes the singular unit, rate(1 %s)".formatted(valueText, unitText, singular));
        }
        if (value > 1 && !plural) {
            throw invalid("rate(%s %s): a value above 1 takes the plural unit, rate(%d %ss)".formatted(valueText, unitText, value, singular));
        }
        return period;
    }

    private static ZoneId zone(String name)
    {
        try {
            return ZoneId.of(name.strip());
        }
        catch (DateTimeException e) {
            throw invalid("Unknown time zone '%s'; use an IANA name such as Europe/Berlin, America/New_York or UTC".formatted(name));
        }
    }

    private static ReportException invalid(String message)
    {
        return new ReportException(ReportException.Reason.INVALID, message);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof Schedule schedule && expression.equals(schedule.expression) && zone.equals(schedule.zone);
    }

    @Override
    public int hashCode()
    {
        return 31 * expression.hashCode() + zone.hashCode();
    }

    @Override
    public String toString()
    {
        return expression + " " + zone;
    }
}
