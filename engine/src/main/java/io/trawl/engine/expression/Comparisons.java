package io.trawl.engine.expression;

import io.airlift.slice.Slice;

import static io.trino.spi.type.BooleanType.BOOLEAN;

/** Comparison of two values of the same type held in vectors; loops specialised per representation. */
final class Comparisons
{
    private Comparisons() {}

    static int compare(Vector left, int i, Vector right, int j)
    {
        return switch (left.representation) {
            case LONG, BOOLEAN -> Long.compare(left.longs[i], right.longs[j]);
            case DOUBLE -> Double.compare(left.doubles[i], right.doubles[j]);
            case INT128 -> DecimalArithmetic.compare(left, i, right, j);
            case SLICE -> ((Slice) left.objects[i]).compareTo((Slice) right.objects[j]);
            case OBJECT -> throw new io.trawl.error.TrawlException(io.trawl.error.ErrorCode.NOT_SUPPORTED, "Comparing values of type " + left.type.getDisplayName() + " is not supported");
        };
    }

    static Vector compareVectors(Function function, Vector left, Vector right, int count)
    {
        Vector result = new Vector(BOOLEAN, count);
        boolean nulls = left.mayHaveNull() || right.mayHaveNull();
        if (left.representation == Vector.Representation.LONG && right.representation == Vector.Representation.LONG) {
            long[] a = left.longs;
            long[] b = right.longs;
            long[] out = result.longs;
            switch (function) {
                case EQUAL -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = a[i] == b[i] ? 1 : 0;
                    }
                }
                case NOT_EQUAL -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = a[i] != b[i] ? 1 : 0;
                    }
                }
                case LESS_THAN -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = a[i] < b[i] ? 1 : 0;
                    }
                }
                case LESS_THAN_OR_EQUAL -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = a[i] <= b[i] ? 1 : 0;
                    }
                }
                case GREATER_THAN -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = a[i] > b[i] ? 1 : 0;
                    }
                }
                case GREATER_THAN_OR_EQUAL -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = a[i] >= b[i] ? 1 : 0;
                    }
                }
                default -> throw new IllegalArgumentException(function.name());
            }
        }
        else if (left.representation == Vector.Representation.DOUBLE) {
            for (int i = 0; i < count; i++) {
                double a = left.doubles[i];
                double b = right.doubles[i];
                boolean value = switch (function) {
                    case EQUAL -> a == b;
                    case NOT_EQUAL -> a != b;
                    case LESS_THAN -> a < b;
                    case LESS_THAN_OR_EQUAL -> a <= b;
                    case GREATER_THAN -> a > b;
                    default -> a >= b;
                };
                result.longs[i] = value ? 1 : 0;
            }
        }
        else {
            for (int i = 0; i < count; i++) {
                if (nulls && (left.isNull(i) || right.isNull(i))) {
                    continue;
                }
                int compared = compare(left, i, right, i);
                boolean value = switch (function) {
                    case EQUAL -> compared == 0;
                    case NOT_EQUAL -> compared != 0;
                    case LESS_THAN -> compared < 0;
                    case LESS_THAN_OR_EQUAL -> compared <= 0;
                    case GREATER_THAN -> compared > 0;
                    default -> compared >= 0;
                };
                result.longs[i] = value ? 1 : 0;
            }
        }
        if (nulls) {
            for (int i = 0; i < count; i++) {
                if (left.isNull(i) || right.isNull(i)) {
                    result.setNull(i);
                }
            }
        }
        return result;
    }
}
