package io.trawl.api.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EventBridge Scheduler's cron and rate expressions: parsing, their errors, and when they occur (zones, daylight saving time). */
class ScheduleTest
{
    private static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");

    private static Schedule schedule(String expression, String zone)
    {
        return Schedule.parse(expression, Optional.of(zone));
    }

    private static List<Instant> instants(String... texts)
    {
        return List.of(texts).stream().map(Instant::parse).toList();
    }

    @Test
    void cronWeekdaysAtNineFollowTheZoneAcrossTheSpringChange()
    {
        Schedule weekdays = schedule("cron(0 9 ? * MON-FRI *)", "Europe/Berlin");

        assertThat(weekdays.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        // Friday 27 March is still CET (UTC+1); Monday 30 March is CEST (UTC+2)
        assertThat(weekdays.occurrences(Instant.parse("2026-03-26T12:00:00Z"), Instant.parse("2026-03-31T12:00:00Z"), 10, ANCHOR))
                .as("newest first, no weekend, 09:00 local on both sides of the change")
                .containsExactlyElementsOf(instants("2026-03-31T07:00:00Z", "2026-03-30T07:00:00Z", "2026-03-27T08:00:00Z"));
        assertThat(weekdays.nextAfter(Instant.parse("2026-03-27T08:00:00Z"), ANCHOR)).as("strictly after").contains(Instant.parse("2026-03-30T07:00:00Z"));
    }

    @Test
    void aLocalTimeTheSpringChangeSkipsDoesNotOccurThatDay()
    {
        // Europe/Berlin jumps from 02:00 to 03:00 on 29 March 2026
        Schedule halfPastTwo = schedule("cron(30 2 * * ? *)", "Europe/Berlin");

        assertThat(halfPastTwo.occurrences(Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z"), 10, ANCHOR))
                .containsExactlyElementsOf(instants("2026-03-30T00:30:00Z", "2026-03-28T01:30:00Z"));
        assertThat(halfPastTwo.nextAfter(Instant.parse("2026-03-28T01:30:00Z"), ANCHOR)).contains(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void aLocalTimeTheAutumnChangeRepeatsOccursOnce()
    {
        // Europe/Berlin goes back from 03:00 CEST to 02:00 CET on 25 October 2026: 02:00 and 02:30 happen twice
        Schedule halfHourly = schedule("cron(0,30 * * * ? *)", "Europe/Berlin");

        assertThat(halfHourly.occurrences(Instant.parse("2026-10-24T23:45:00Z"), Instant.parse("2026-10-25T02:15:00Z"), 10, ANCHOR))
                .as("02:00 and 02:30 at their first instants only, then 03:00 CET")
                .containsExactlyElementsOf(instants("2026-10-25T02:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T00:00:00Z"));
        assertThat(halfHourly.nextAfter(Instant.parse("2026-10-25T00:30:00Z"), ANCHOR)).contains(Instant.parse("2026-10-25T02:00:00Z"));

        Schedule nightly = schedule("cron(30 1 * * ? *)", "America/New_York");
        assertThat(nightly.occurrences(Instant.parse("2026-10-31T12:00:00Z"), Instant.parse("2026-11-02T12:00:00Z"), 10, ANCHOR))
                .as("01:30 EDT on 1 November, not again at 01:30 EST")
                .containsExactlyElementsOf(instants("2026-11-02T06:30:00Z", "2026-11-01T05:30:00Z"));
    }

    @Test
    void occurrencesStopAtTheLimitAndIncludeTheirBoundsExactly()
    {
        Schedule hourly = schedule("cron(0 * * * ? *)", "UTC");

        assertThat(hourly.occurrences(Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T13:00:00Z"), 10, ANCHOR))
                .as("after is exclusive, until inclusive")
                .containsExactlyElementsOf(instants("2026-05-01T13:00:00Z", "2026-05-01T12:00:00Z", "2026-05-01T11:00:00Z"));
        assertThat(hourly.occurrences(Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T12:59:59.999Z"), 10, ANCHOR))
                .containsExactlyElementsOf(instants("2026-05-01T12:00:00Z", "2026-05-01T11:00:00Z"));
        assertThat(hourly.occurrences(Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-05-01T13:30:00Z"), 2, ANCHOR))
                .containsExactlyElementsOf(instants("2026-05-01T13:00:00Z", "2026-05-01T12:00:00Z"));
        assertThat(hourly.occurrences(Instant.parse("2026-05-01T13:00:00Z"), Instant.parse("2026-05-01T13:00:00Z"), 2, ANCHOR)).isEmpty();
    }

    @Test
    void cronSpecialCharactersAndTheYearField()
    {
        assertThat(schedule("cron(0 12 L * ? *)", "UTC").nextAfter(Instant.parse("2026-02-01T00:00:00Z"), ANCHOR))
                .as("last day of the month").contains(Instant.parse("2026-02-28T12:00:00Z"));
        assertThat(schedule("cron(0 10 ? * 6#3 *)", "UTC").nextAfter(Instant.parse("2026-02-01T00:00:00Z"), ANCHOR))
                .as("third Friday (1 is Sunday)").contains(Instant.parse("2026-02-20T10:00:00Z"));
        assertThat(schedule("cron(15 8 1W * ? *)", "UTC").nextAfter(Instant.parse("2026-07-31T00:00:00Z"), ANCHOR))
                .as("weekday nearest the 1st: Saturday 1 August 2026 moves to Monday the 3rd").contains(Instant.parse("2026-08-03T08:15:00Z"));
        Schedule once = schedule("cron(0 12 1 1 ? 2027)", "UTC");
        assertThat(once.nextAfter(Instant.parse("2026-06-01T00:00:00Z"), ANCHOR)).contains(Instant.parse("2027-01-01T12:00:00Z"));
        assertThat(once.nextAfter(Instant.parse("2027-02-01T00:00:00Z"), ANCHOR)).as("no more years").isEmpty();
    }

    @Test
    void rateCountsFromTheAnchorWhateverTheZone()
    {
        Instant created = Instant.parse("2026-03-28T10:07:30Z");
        Schedule quarterHour = schedule("rate(15 minutes)", "UTC");
        assertThat(quarterHour.occurrences(created, Instant.parse("2026-03-28T11:00:00Z"), 10, created))
                .containsExactlyElementsOf(instants("2026-03-28T10:52:30Z", "2026-03-28T10:37:30Z", "2026-03-28T10:22:30Z"));
        assertThat(quarterHour.nextAfter(created, created)).contains(Instant.parse("2026-03-28T10:22:30Z"));
        assertThat(quarterHour.nextAfter(Instant.parse("2026-03-28T10:22:30Z"), created)).contains(Instant.parse("2026-03-28T10:37:30Z"));

        Schedule daily = schedule("rate(1 day)", "Europe/Berlin");
        assertThat(daily.nextAfter(Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-03-28T12:00:00Z")))
                .as("24 hours, across the change").contains(Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(schedule("rate(1 hour)", "UTC").occurrences(created, created.plusSeconds(3 * 3600), 1, created))
                .containsExactly(created.plusSeconds(3 * 3600));
    }

    @Test
    void malformedSchedulesAreRefusedSayingWhatIsWrong()
    {
        assertInvalid("cron(0 9 * * MON *)", "UTC", "day-of-month (*) and day-of-week (MON) cannot both be set; write ? in one of them");
        assertInvalid("cron(0 9 ? * ? *)", "UTC", "only one of day-of-month and day-of-week may be ?");
        assertInvalid("cron(61 9 * * ? *)", "UTC", "the minutes field '61' is not valid: Value 61 not in range [0, 59]");
        assertInvalid("cron(0 25 * * ? *)", "UTC", "the hours field '25' is not valid");
        assertInvalid("cron(0 9 ? * FOO *)", "UTC", "the day-of-week field 'FOO' is not valid");
        assertInvalid("cron(0 9 ? 13 MON *)", "UTC", "the month field '13' is not valid");
        assertInvalid("cron(0 9 * * ?)", "UTC", "cron() has 6 fields (minutes hours day-of-month month day-of-week year), e.g. cron(0 9 ? * MON-FRI *); '0 9 * * ?' has 5");
        assertInvalid("cron(0 0 9 * * ? *)", "UTC", "has 7");
        assertInvalid("rate(1 hours)", "UTC", "a value of 1 takes the singular unit, rate(1 hour)");
        assertInvalid("rate(5 hour)", "UTC", "a value above 1 takes the plural unit, rate(5 hours)");
        assertInvalid("rate(0 minutes)", "UTC", "the value must be a positive whole number");
        assertInvalid("rate(2 weeks)", "UTC", "the unit is minute(s), hour(s) or day(s)");
        assertInvalid("every day at nine", "UTC", "A schedule is cron(minutes hours day-of-month month day-of-week year) or rate(value unit)");
        assertInvalid("cron(0 9 * * ? *)", "Europe/Berln", "Unknown time zone 'Europe/Berln'; use an IANA name");
    }

    @Test
    void theZoneDefaultsToUtc()
    {
        Schedule schedule = Schedule.parse("cron(0 9 * * ? *)", Optional.empty());
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(schedule.nextAfter(Instant.parse("2026-05-01T00:00:00Z"), ANCHOR)).contains(Instant.parse("2026-05-01T09:00:00Z"));
    }

    private static void assertInvalid(String expression, String zone, String message)
    {
        assertThatThrownBy(() -> schedule(expression, zone))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason()).isEqualTo(ReportException.Reason.INVALID))
                .hasMessageContaining(message);
    }
}
