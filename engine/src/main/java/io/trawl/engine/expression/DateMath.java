package io.trawl.engine.expression;

/**
 * Proleptic Gregorian calendar arithmetic on days since 1970-01-01 without allocating LocalDate objects
 * (civil-from-days, after Howard Hinnant's algorithms), used in per-row loops.
 */
final class DateMath
{
    private DateMath() {}

    /** Returns year * 10000 + month * 100 + day. */
    static long civil(long epochDay)
    {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        return y * 10000 + m * 100 + d;
    }

    static long year(long epochDay)
    {
        return civil(epochDay) / 10000;
    }

    static long month(long epochDay)
    {
        return civil(epochDay) / 100 % 100;
    }

    static long day(long epochDay)
    {
        return civil(epochDay) % 100;
    }

    static long daysFromCivil(long year, long month, long day)
    {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = month > 2 ? month - 3 : month + 9;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Adds months, clamping the day to the end of the target month (Trino/Java semantics). */
    static long addMonths(long epochDay, long months)
    {
        long civil = civil(epochDay);
        long year = civil / 10000;
        long month = civil / 100 % 100;
        long day = civil % 100;
        long totalMonths = year * 12 + (month - 1) + months;
        long newYear = Math.floorDiv(totalMonths, 12);
        long newMonth = Math.floorMod(totalMonths, 12) + 1;
        long lastDay = java.time.YearMonth.of((int) newYear, (int) newMonth).lengthOfMonth();
        return daysFromCivil(newYear, newMonth, Math.min(day, lastDay));
    }
}
