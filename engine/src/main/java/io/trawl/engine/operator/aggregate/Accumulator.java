package io.trawl.engine.operator.aggregate;

import io.airlift.slice.Slice;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;

import static io.trino.spi.type.RealType.REAL;

/**
 * The grouped state of one aggregate: one slot per group id, fed a batch of (group, position) pairs at a
 * time. Reading a group's result does not finish it, so windows can read a running aggregate after each row.
 * DISTINCT and the FILTER mask are applied by the caller, which passes only the rows to aggregate.
 * <p>
 * Result types follow Trino exactly (see {@link AggregateCall}): sum over decimals is exact in 128 bits and
 * fails with NUMERIC_VALUE_OUT_OF_RANGE past 38 digits; avg over decimals divides the exact sum by the
 * count, rounding half up at the argument's scale; sum over bigint fails on overflow.
 */
public abstract class Accumulator
{
    /** A new, empty accumulator for {@code call} (whose distinct flag and mask are the caller's job). */
    public static Accumulator create(AggregateCall call)
    {
        Type inputType = call.inputType().orElse(null);
        Type outputType = call.outputType();
        return switch (call.function()) {
            case COUNT_ALL -> new CountAccumulator(CountAccumulator.Mode.ALL);
            case COUNT -> new CountAccumulator(CountAccumulator.Mode.NON_NULL);
            case COUNT_IF -> new CountAccumulator(CountAccumulator.Mode.TRUE);
            case SUM -> createSum(requireInput(call), outputType);
            case AVG -> createAverage(requireInput(call), outputType);
            case MIN -> ExtremeAccumulator.create(requireInput(call), ExtremeAccumulator.Mode.MIN);
            case MAX -> ExtremeAccumulator.create(requireInput(call), ExtremeAccumulator.Mode.MAX);
            case ARBITRARY -> ExtremeAccumulator.create(requireInput(call), ExtremeAccumulator.Mode.FIRST);
            case BOOL_AND -> new BooleanAccumulator(true);
            case BOOL_OR -> new BooleanAccumulator(false);
            case VAR_SAMP -> new VarianceAccumulator(inputType, VarianceAccumulator.Kind.VAR_SAMP);
            case VAR_POP -> new VarianceAccumulator(inputType, VarianceAccumulator.Kind.VAR_POP);
            case STDDEV_SAMP -> new VarianceAccumulator(inputType, VarianceAccumulator.Kind.STDDEV_SAMP);
            case STDDEV_POP -> new VarianceAccumulator(inputType, VarianceAccumulator.Kind.STDDEV_POP);
        };
    }

    private static Type requireInput(AggregateCall call)
    {
        return call.inputType().orElseThrow(() -> new IllegalArgumentException("%s needs an input type".formatted(call.function())));
    }

    private static Accumulator createSum(Type inputType, Type outputType)
    {
        if (inputType instanceof DecimalType) {
            return new DecimalSumAccumulator(inputType, outputType, false);
        }
        if (isFloatingPoint(inputType)) {
            return new DoubleSumAccumulator(inputType, outputType, false);
        }
        if (inputType.getJavaType() == long.class) {
            return new LongSumAccumulator(inputType, outputType);
        }
        throw unsupported("sum", inputType);
    }

    private static Accumulator createAverage(Type inputType, Type outputType)
    {
        if (inputType instanceof DecimalType) {
            return new DecimalSumAccumulator(inputType, outputType, true);
        }
        if (isFloatingPoint(inputType) || inputType.getJavaType() == long.class) {
            // Trino averages integers in a double sum (AverageAggregations), not an exact one
            return new DoubleSumAccumulator(inputType, outputType, true);
        }
        throw unsupported("avg", inputType);
    }

    static boolean isFloatingPoint(Type type)
    {
        return type.getJavaType() == double.class || type.equals(REAL);
    }

    static TrawlException unsupported(String function, Type type)
    {
        return new TrawlException(ErrorCode.NOT_SUPPORTED, "Aggregate %s(%s) is not supported".formatted(function, type.getDisplayName()));
    }

    /** Reads a numeric value of any supported type as a double (REAL bits, decimals by their scale). */
    static double readDouble(Type type, Block block, int position)
    {
        if (type.equals(REAL)) {
            return Float.intBitsToFloat((int) type.getLong(block, position));
        }
        if (type.getJavaType() == double.class) {
            return type.getDouble(block, position);
        }
        if (type instanceof DecimalType decimal) {
            if (decimal.isShort()) {
                return type.getLong(block, position) / Math.pow(10, decimal.getScale());
            }
            return new java.math.BigDecimal(((Int128) type.getObject(block, position)).toBigInteger(), decimal.getScale()).doubleValue();
        }
        if (type.getJavaType() == long.class) {
            return type.getLong(block, position);
        }
        throw unsupported("numeric", type);
    }

    /** Writes a double result as the output type (double, or real as Trino does for real arguments). */
    static void writeDouble(Type outputType, BlockBuilder out, double value)
    {
        if (outputType.equals(REAL)) {
            outputType.writeLong(out, Float.floatToRawIntBits((float) value));
        }
        else {
            outputType.writeDouble(out, value);
        }
    }

    static boolean isSliceType(Type type)
    {
        return type.getJavaType() == Slice.class;
    }

    /** Makes room for group ids below {@code groupCount}. */
    public abstract void ensureCapacity(int groupCount);

    /**
     * Aggregates {@code positions[i]} of {@code block} into group {@code groupIds[i]} for i below
     * {@code count}. {@code block} is null for count(*).
     */
    public abstract void add(int[] groupIds, Block block, int[] positions, int count);

    /** Appends the current result of {@code groupId}. */
    public abstract void write(int groupId, BlockBuilder out);

    /** Approximate bytes held by the state. */
    public abstract long retainedBytes();

    static int grownCapacity(int current, int needed)
    {
        return Math.max(needed, Math.max(16, current + (current >> 1)));
    }
}
