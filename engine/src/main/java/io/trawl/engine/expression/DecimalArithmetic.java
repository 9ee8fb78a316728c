package io.trawl.engine.expression;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Int128Math;
import io.trino.spi.type.Type;

/**
 * Decimal arithmetic with Trino's result types and rounding (half up). Operands are read from vectors as
 * 128-bit unscaled values; results are written back as short (long) or long (two longs) decimals.
 */
final class DecimalArithmetic
{
    private DecimalArithmetic() {}

    /** Result type of a (+|-) b, a * b, a / b, a % b for decimals, per Trino's DecimalOperators. */
    static DecimalType resultType(Function function, DecimalType left, DecimalType right)
    {
        int p1 = left.getPrecision();
        int s1 = left.getScale();
        int p2 = right.getPrecision();
        int s2 = right.getScale();
        return switch (function) {
            case ADD, SUBTRACT -> {
                int scale = Math.max(s1, s2);
                yield DecimalType.createDecimalType(Math.min(38, Math.max(p1 - s1, p2 - s2) + scale + 1), scale);
            }
            case MULTIPLY -> DecimalType.createDecimalType(Math.min(38, p1 + p2), s1 + s2);
            case DIVIDE -> DecimalType.createDecimalType(Math.min(38, p1 + s2 + Math.max(s2 - s1, 0)), Math.max(s1, s2));
            case MODULUS -> DecimalType.createDecimalType(Math.min(p2 - s2, p1 - s1) + Math.max(s1, s2), Math.max(s1, s2));
            default -> throw new IllegalArgumentException("not a decimal arithmetic function: " + function);
        };
    }

    static boolean fitsLong(Vector vector, int i)
    {
        return vector.representation == Vector.Representation.LONG || vector.longs[2 * i] == (vector.longs[2 * i + 1] >> 63);
    }

    static long high(Vector vector, int i)
    {
        if (vector.representation == Vector.Representation.INT128) {
            return vector.longs[2 * i];
        }
        return vector.longs[i] >> 63;
    }

    static long low(Vector vector, int i)
    {
        if (vector.representation == Vector.Representation.INT128) {
            return vector.longs[2 * i + 1];
        }
        return vector.longs[i];
    }

    static int scale(Type type)
    {
        return ((DecimalType) type).getScale();
    }

    /** Writes the 128-bit value (high, low) at i, checking it fits the vector's decimal precision. */
    static void store(Vector out, int i, long high, long low)
    {
        DecimalType type = (DecimalType) out.type;
        // a value that fits in a long has at most 19 digits: only small precisions need the full check
        boolean fitsLong = high == (low >> 63);
        if ((!fitsLong || type.getPrecision() < 19) && Decimals.overflows(Int128.valueOf(high, low), type.getPrecision())) {
            throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Decimal overflow: result does not fit in " + type.getDisplayName());
        }
        if (out.representation == Vector.Representation.INT128) {
            out.longs[2 * i] = high;
            out.longs[2 * i + 1] = low;
        }
        else {
            out.longs[i] = low;
        }
    }

    static Vector compute(Function function, Vector left, Vector right, Type resultType)
    {
        int count = left.size;
        Vector out = new Vector(resultType, count);
        int resultScale = scale(resultType);
        int leftScale = scale(left.type);
        int rightScale = scale(right.type);
        long[] scratch = new long[2];
        long[] scratch2 = new long[2];
        boolean shortFast = left.representation == Vector.Representation.LONG && right.representation == Vector.Representation.LONG
                && out.representation == Vector.Representation.LONG;
        for (int i = 0; i < count; i++) {
            if (left.isNull(i) || right.isNull(i)) {
                out.setNull(i);
                continue;
            }
            switch (function) {
                case ADD, SUBTRACT -> {
                    if (shortFast) {
                        long a = Decimals.rescale(left.longs[i], leftScale, resultScale);
                        long b = Decimals.rescale(right.longs[i], rightScale, resultScale);
                        long r = function == Function.ADD ? a + b : a - b;
                        if (Decimals.overflows(r, ((DecimalType) resultType).getPrecision())) {
                            throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Decimal overflow: result does not fit in " + resultType.getDisplayName());
                        }
                        out.longs[i] = r;
                        continue;
                    }
                    if (fitsLong(left, i) && fitsLong(right, i) && resultScale - leftScale <= 18 && resultScale - rightScale <= 18) {
                        long a = low(left, i);
                        long b = low(right, i);
                        long leftFactor = Decimals.longTenToNth(resultScale - leftScale);
                        long rightFactor = Decimals.longTenToNth(resultScale - rightScale);
                        long aHigh = Math.multiplyHigh(a, leftFactor);
                        long aLow = a * leftFactor;
                        long bHigh = Math.multiplyHigh(b, rightFactor);
                        long bLow = b * rightFactor;
                        if (aHigh == (aLow >> 63) && bHigh == (bLow >> 63)) {
                            long r = function == Function.ADD ? aLow + bLow : aLow - bLow;
                            // overflow of the long sum shows as a sign that disagrees with both operands
                            boolean overflow = function == Function.ADD ? ((aLow ^ r) & (bLow ^ r)) < 0 : ((aLow ^ bLow) & (aLow ^ r)) < 0;
                            if (!overflow) {
                                store(out, i, r >> 63, r);
                                continue;
                            }
                        }
                    }
                    Int128Math.rescale(high(left, i), low(left, i), resultScale - leftScale, scratch, 0);
                    Int128Math.rescale(high(right, i), low(right, i), resultScale - rightScale, scratch2, 0);
                    if (function == Function.ADD) {
                        Int128Math.add(scratch[0], scratch[1], scratch2[0], scratch2[1], scratch, 0);
                    }
                    else {
                        Int128Math.subtract(scratch[0], scratch[1], scratch2[0], scratch2[1], scratch, 0);
                    }
                    store(out, i, scratch[0], scratch[1]);
                }
                case MULTIPLY -> {
                    if (fitsLong(left, i) && fitsLong(right, i)) {
                        // the exact 128-bit product of two longs, without Int128Math or allocation
                        long a = low(left, i);
                        long b = low(right, i);
                        store(out, i, Math.multiplyHigh(a, b), a * b);
                        continue;
                    }
                    if (shortFast) {
                        long product;
                        try {
                            product = Math.multiplyExact(left.longs[i], right.longs[i]);
                        }
                        catch (ArithmeticException e) {
                            throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Decimal overflow: result does not fit in " + resultType.getDisplayName());
                        }
                        store(out, i, product >> 63, product);
                        continue;
                    }
                    Int128Math.multiply(high(left, i), low(left, i), high(right, i), low(right, i), scratch, 0);
                    store(out, i, scratch[0], scratch[1]);
                }
                case DIVIDE -> {
                    if (high(right, i) == 0 && low(right, i) == 0) {
                        throw new TrawlException(ErrorCode.DIVISION_BY_ZERO, "Division by zero");
                    }
                    Int128 quotient = Int128Math.divideRoundUp(high(left, i), low(left, i), resultScale - leftScale + rightScale, high(right, i), low(right, i), 0);
                    store(out, i, quotient.getHigh(), quotient.getLow());
                }
                case MODULUS -> {
                    if (high(right, i) == 0 && low(right, i) == 0) {
                        throw new TrawlException(ErrorCode.DIVISION_BY_ZERO, "Division by zero");
                    }
                    Int128 remainder = Int128Math.remainder(high(left, i), low(left, i), resultScale - leftScale, high(right, i), low(right, i), resultScale - rightScale);
                    store(out, i, remainder.getHigh(), remainder.getLow());
                }
                default -> throw new IllegalArgumentException(function.name());
            }
        }
        return out;
    }

    static int compare(Vector left, int i, Vector right, int j)
    {
        if (left.representation == Vector.Representation.LONG && right.representation == Vector.Representation.LONG) {
            return Long.compare(left.longs[i], right.longs[j]);
        }
        long h1 = high(left, i);
        long h2 = high(right, j);
        if (h1 != h2) {
            return Long.compare(h1, h2);
        }
        return Long.compareUnsigned(low(left, i), low(right, j));
    }
}
