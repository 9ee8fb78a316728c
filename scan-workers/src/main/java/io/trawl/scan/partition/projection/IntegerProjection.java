package io.trawl.scan.partition.projection;

import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.type.Type;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code projection.<col>.type = integer}: {@code range} "min,max" (inclusive, may be negative or have leading
 * zeroes), optional {@code interval} (positive, default 1: values min, min+interval, ... up to max) and optional
 * {@code digits} (values zero-padded to that many digits; default: no padding).
 */
record IntegerProjection(Type type, long min, long max, long interval, OptionalInt digits)
        implements ColumnProjection
{
    static IntegerProjection parse(ProjectionProperties properties, String column, Type type)
    {
        String range = properties.required(column, "range");
        String[] bounds = range.split(",", -1);
        if (bounds.length != 2) {
            throw properties.invalid(column, "range", range, "two comma-separated integers, the inclusive minimum and maximum");
        }
        long min;
        long max;
        try {
            min = Long.parseLong(bounds[0].strip());
            max = Long.parseLong(bounds[1].strip());
        }
        catch (NumberFormatException e) {
            throw properties.invalid(column, "range", range, "two comma-separated integers, the inclusive minimum and maximum");
        }
        if (min > max) {
            throw properties.invalid(column, "range", range, "a minimum not greater than the maximum");
        }
        long interval = positive(properties, column, "interval").orElse(1L);
        Optional<Long> digits = positive(properties, column, "digits");
        if (digits.isPresent() && digits.get() > 19) {
            throw properties.invalid(column, "digits", digits.get().toString(), "a positive integer of at most 19 (a long has 19 digits)");
        }
        return new IntegerProjection(type, min, max, interval, digits.isPresent() ? OptionalInt.of(digits.get().intValue()) : OptionalInt.empty());
    }

    private static Optional<Long> positive(ProjectionProperties properties, String column, String suffix)
    {
        Optional<String> text = properties.optional(column, suffix);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.get().strip());
            if (value > 0) {
                return Optional.of(value);
            }
        }
        catch (NumberFormatException _) {
            // reported below
        }
        throw properties.invalid(column, suffix, text.get(), "a positive integer");
    }

    @Override
    public List<ProjectedValue> values(Domain domain, long limit)
    {
        Optional<List<String>> texts = ColumnProjection.discreteTexts(type, domain);
        if (texts.isPresent()) {
            return valuesOf(texts.get());
        }
        long low = min;
        long high = max;
        if (domain != null && !domain.isAll() && ColumnProjection.isIntegral(type)) {
            // the key is a number: the domain's span narrows the range before anything is enumerated
            Range span = domain.getValues().getRanges().getSpan();
            if (!span.isLowUnbounded()) {
                low = Math.max(low, (Long) span.getLowBoundedValue());
            }
            if (!span.isHighUnbounded()) {
                high = Math.min(high, (Long) span.getHighBoundedValue());
            }
        }
        if (low > high) {
            return List.of();
        }
        BigInteger step = BigInteger.valueOf(interval);
        BigInteger first = BigInteger.valueOf(low).subtract(BigInteger.valueOf(min)).add(step).subtract(BigInteger.ONE).divide(step);
        BigInteger last = BigInteger.valueOf(high).subtract(BigInteger.valueOf(min)).divide(step);
        BigInteger count = last.subtract(first).add(BigInteger.ONE);
        if (count.signum() <= 0) {
            return List.of();
        }
        if (count.compareTo(BigInteger.valueOf(limit)) > 0) {
            throw PartitionProjection.tooManyPartitions();
        }
        List<ProjectedValue> values = new ArrayList<>();
        for (long k = first.longValueExact(); k <= last.longValueExact(); k++) {
            values.add(ProjectedValue.of(format(min + k * interval)));
        }
        return values;
    }

    private List<ProjectedValue> valuesOf(List<String> texts)
    {
        List<ProjectedValue> values = new ArrayList<>();
        for (String text : texts) {
            long value;
            try {
                value = Long.parseLong(text);
            }
            catch (NumberFormatException e) {
                continue;
            }
            String formatted = format(value);
            // a string key matches only the projection's own spelling: with digits 2, '05' is a partition and '5' is not
            boolean spelledAsProjected = ColumnProjection.isIntegral(type) || formatted.equals(text);
            if (spelledAsProjected && contains(value)) {
                values.add(ProjectedValue.of(formatted));
            }
        }
        return values;
    }

    private boolean contains(long value)
    {
        if (value < min || value > max) {
            return false;
        }
        return BigInteger.valueOf(value).subtract(BigInteger.valueOf(min)).mod(BigInteger.valueOf(interval)).signum() == 0;
    }

    private String format(long value)
    {
        if (digits.isEmpty()) {
            return Long.toString(value);
        }
        return String.format(Locale.ROOT, "%0" + digits.getAsInt() + "d", value);
    }
}
