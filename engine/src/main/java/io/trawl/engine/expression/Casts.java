package io.trawl.engine.expression;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * CAST between the supported types, one value at a time, with Trino's semantics: numeric narrowing
 * checks range, decimal rescaling and double→integer conversions round half up, varchar parses strictly.
 */
final class Casts
{
    private Casts() {}

    static boolean isIntegral(Type type)
    {
        return type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType;
    }

    static boolean isSupported(Type from, Type to)
    {
        if (from.equals(to)) {
            return true;
        }
        boolean fromNumeric = isNumeric(from);
        boolean toNumeric = isNumeric(to);
        boolean fromText = isText(from);
        boolean toText = isText(to);
        if (fromNumeric && (toNumeric || toText)) {
            return true;
        }
        if (fromText && (toNumeric || toText || to instanceof DateType || to instanceof BooleanType)) {
            return true;
        }
        if (from instanceof DateType && toText) {
            return true;
        }
        if (from instanceof BooleanType && (toText || toNumeric)) {
            return true;
        }
        if (fromNumeric && to instanceof BooleanType) {
            return true;
        }
        return from.getBaseName().equals("unknown");
    }

    static boolean isNumeric(Type type)
    {
        return isIntegral(type) || type instanceof DecimalType || type instanceof DoubleType || type instanceof RealType;
    }

    static boolean isText(Type type)
    {
        return type instanceof VarcharType || type instanceof CharType;
    }

    /** Casts vector element i into out[j]; returns false when the value cannot be converted (TRY_CAST → NULL). */
    static void cast(Vector in, int i, Vector out, int j, boolean lenient)
    {
        try {
            castValue(in, i, out, j);
        }
        catch (TrawlException e) {
            if (!lenient) {
                throw e;
            }
            out.setNull(j);
        }
    }

    private static void castValue(Vector in, int i, Vector out, int j)
    {
        Type from = in.type;
        Type to = out.type;
        if (isText(to)) {
            Slice text = Slices.utf8Slice(toText(in, i));
            if (to instanceof VarcharType varchar && !varchar.isUnbounded() && text.length() > varchar.getBoundedLength()) {
                String value = text.toStringUtf8();
                int end = value.offsetByCodePoints(0, Math.min(value.codePointCount(0, value.length()), varchar.getBoundedLength()));
                text = Slices.utf8Slice(value.substring(0, end));
            }
            out.objects[j] = text;
            return;
        }
        if (isText(from)) {
            fromText(in.slice(i).toStringUtf8().trim(), out, j);
            return;
        }
        BigDecimal value = toBigDecimal(in, i);
        storeNumber(value, out, j, from);
    }

    private static void fromText(String text, Vector out, int j)
    {
        Type to = out.type;
        try {
            if (to instanceof DateType) {
                out.longs[j] = LocalDate.parse(text).toEpochDay();
                return;
            }
            if (to instanceof BooleanType) {
                if (text.equalsIgnoreCase("true")) {
                    out.longs[j] = 1;
                    return;
                }
                if (text.equalsIgnoreCase("false")) {
                    out.longs[j] = 0;
                    return;
                }
                throw new NumberFormatException();
            }
            if (to instanceof DoubleType || to instanceof RealType) {
                out.doubles[j] = Double.parseDouble(text);
                return;
            }
            storeNumber(new BigDecimal(text), out, j, VarcharType.VARCHAR);
        }
        catch (NumberFormatException | DateTimeParseException e) {
            throw new TrawlException(ErrorCode.INVALID_CAST, "Cannot cast '%s' to %s".formatted(text, to.getDisplayName()));
        }
    }

    private static void storeNumber(BigDecimal value, Vector out, int j, Type from)
    {
        Type to = out.type;
        if (to instanceof DoubleType || to instanceof RealType) {
            out.doubles[j] = value.doubleValue();
            return;
        }
        if (to instanceof BooleanType) {
            out.longs[j] = value.signum() != 0 ? 1 : 0;
            return;
        }
        if (to instanceof DecimalType decimal) {
            BigDecimal scaled = value.setScale(decimal.getScale(), RoundingMode.HALF_UP);
            if (scaled.precision() > decimal.getPrecision() && scaled.unscaledValue().abs().compareTo(BigInteger.TEN.pow(decimal.getPrecision())) >= 0) {
                throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Cannot cast %s to %s: value out of range".formatted(value.toPlainString(), to.getDisplayName()));
            }
            if (decimal.isShort()) {
                out.longs[j] = scaled.unscaledValue().longValueExact();
            }
            else {
                Int128 int128 = Int128.valueOf(scaled.unscaledValue());
                out.longs[2 * j] = int128.getHigh();
                out.longs[2 * j + 1] = int128.getLow();
            }
            return;
        }
        if (isIntegral(to)) {
            BigDecimal rounded = value.setScale(0, RoundingMode.HALF_UP);
            long min;
            long max;
            if (to instanceof BigintType) {
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
            }
            else if (to instanceof IntegerType) {
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
            }
            else if (to instanceof SmallintType) {
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
            }
            else {
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
            }
            if (rounded.compareTo(BigDecimal.valueOf(min)) < 0 || rounded.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Out of range for %s: %s".formatted(to.getDisplayName(), value.toPlainString()));
            }
            out.longs[j] = rounded.longValue();
            return;
        }
        throw new TrawlException(ErrorCode.INVALID_CAST, "Cannot cast %s to %s".formatted(from.getDisplayName(), to.getDisplayName()));
    }

    static BigDecimal toBigDecimal(Vector in, int i)
    {
        Type from = in.type;
        if (from instanceof DecimalType decimal) {
            BigInteger unscaled = decimal.isShort() ? BigInteger.valueOf(in.longs[i]) : in.int128(i).toBigInteger();
            return new BigDecimal(unscaled, decimal.getScale());
        }
        if (from instanceof DoubleType || from instanceof RealType) {
            double value = in.doubles[i];
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new TrawlException(ErrorCode.INVALID_CAST, "Cannot cast %s to a finite number".formatted(value));
            }
            return BigDecimal.valueOf(value);
        }
        if (from instanceof BooleanType) {
            return in.longs[i] != 0 ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(in.longs[i]);
    }

    static String toText(Vector in, int i)
    {
        Type from = in.type;
        if (isText(from)) {
            return in.slice(i).toStringUtf8();
        }
        if (from instanceof DateType) {
            return LocalDate.ofEpochDay(in.longs[i]).toString();
        }
        if (from instanceof BooleanType) {
            return in.longs[i] != 0 ? "true" : "false";
        }
        if (from instanceof DecimalType decimal) {
            return decimal.isShort() ? Decimals.toString(in.longs[i], decimal.getScale()) : Decimals.toString(in.int128(i), decimal.getScale());
        }
        if (from instanceof DoubleType) {
            return formatDouble(in.doubles[i]);
        }
        if (from instanceof RealType) {
            return Float.toString((float) in.doubles[i]).replace("E", "E");
        }
        return Long.toString(in.longs[i]);
    }

    /** Trino renders doubles in Java's scientific form: 1.0E0 style is only used for CAST to varchar. */
    static String formatDouble(double value)
    {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        String text = Double.toString(value);
        if (!text.contains("E")) {
            BigDecimal decimal = BigDecimal.valueOf(value);
            int exponent = decimal.precision() - decimal.scale() - 1;
            String digits = decimal.unscaledValue().abs().toString().replaceAll("0+$", "");
            if (digits.isEmpty()) {
                return value == 0 && 1 / value < 0 ? "-0.0E0" : "0.0E0";
            }
            String mantissa = digits.length() == 1 ? digits + ".0" : digits.charAt(0) + "." + digits.substring(1);
            return (value < 0 ? "-" : "") + mantissa + "E" + exponent;
        }
        return text;
    }
}
