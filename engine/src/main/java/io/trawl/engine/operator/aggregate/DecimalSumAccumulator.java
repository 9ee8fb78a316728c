package io.trawl.engine.operator.aggregate;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Int128Math;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * sum and avg over decimals, exactly: the unscaled values are added in 128 bits, counting wrap-arounds
 * past 2^127 as Trino's DecimalSumAggregation does, so no precision is lost however many rows there are.
 * sum yields decimal(38, s) and fails past 38 digits; avg yields decimal(p, s) = the exact sum divided
 * by the count, rounded half up at scale s (Trino's DecimalAverageAggregation.average).
 */
final class DecimalSumAccumulator
        extends Accumulator
{
    private static final BigInteger TWO_TO_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger MAX_UNSCALED_DECIMAL = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    private final DecimalType inputType;
    private final Type outputType;
    private final boolean average;
    // high and low words of each group's sum: [2 * group] is high, [2 * group + 1] is low
    private long[] sums = new long[0];
    private long[] overflows = new long[0];
    private long[] counts = new long[0];

    DecimalSumAccumulator(Type inputType, Type outputType, boolean average)
    {
        this.inputType = (DecimalType) inputType;
        this.outputType = outputType;
        this.average = average;
    }

    @Override
    public void ensureCapacity(int groupCount)
    {
        if (groupCount > counts.length) {
            int capacity = grownCapacity(counts.length, groupCount);
            sums = Arrays.copyOf(sums, capacity * 2);
            overflows = Arrays.copyOf(overflows, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
    }

    @Override
    public void add(int[] groupIds, Block block, int[] positions, int count)
    {
        boolean shortDecimal = inputType.isShort();
        if (!shortDecimal && block instanceof io.trino.spi.block.Int128ArrayBlock values) {
            // read the two longs in place instead of allocating an Int128 per row
            for (int i = 0; i < count; i++) {
                int position = positions[i];
                if (values.isNull(position)) {
                    continue;
                }
                int group = groupIds[i];
                int offset = group * 2;
                overflows[group] += Int128Math.addWithOverflow(sums[offset], sums[offset + 1], values.getInt128High(position), values.getInt128Low(position), sums, offset);
                counts[group]++;
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            if (block.isNull(position)) {
                continue;
            }
            long high;
            long low;
            if (shortDecimal) {
                low = inputType.getLong(block, position);
                high = low >> 63;
            }
            else {
                Int128 value = (Int128) inputType.getObject(block, position);
                high = value.getHigh();
                low = value.getLow();
            }
            int group = groupIds[i];
            int offset = group * 2;
            overflows[group] += Int128Math.addWithOverflow(sums[offset], sums[offset + 1], high, low, sums, offset);
            counts[group]++;
        }
    }

    @Override
    public void write(int groupId, BlockBuilder out)
    {
        long count = counts[groupId];
        if (count == 0) {
            out.appendNull();
            return;
        }
        DecimalType resultType = (DecimalType) outputType;
        if (overflows[groupId] == 0 && !average && resultType.getScale() == inputType.getScale()) {
            // the common case, without BigInteger: the 128-bit sum is exact and only needs a range check
            Int128 exact = Int128.valueOf(sums[groupId * 2], sums[groupId * 2 + 1]);
            if (io.trino.spi.type.Decimals.overflows(exact, resultType.getPrecision())) {
                throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Decimal overflow in sum(): result does not fit %s".formatted(outputType.getDisplayName()));
            }
            if (resultType.isShort()) {
                outputType.writeLong(out, exact.toLongExact());
            }
            else {
                outputType.writeObject(out, exact);
            }
            return;
        }
        BigInteger sum = Int128.valueOf(sums[groupId * 2], sums[groupId * 2 + 1]).toBigInteger();
        if (overflows[groupId] != 0) {
            sum = sum.add(TWO_TO_128.multiply(BigInteger.valueOf(overflows[groupId])));
        }
        BigInteger result = sum;
        if (average) {
            result = new BigDecimal(sum).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).toBigIntegerExact();
        }
        DecimalType decimalOutput = (DecimalType) outputType;
        if (decimalOutput.getScale() != inputType.getScale()) {
            result = new BigDecimal(result, inputType.getScale()).setScale(decimalOutput.getScale(), RoundingMode.HALF_UP).unscaledValue();
        }
        if (result.abs().compareTo(MAX_UNSCALED_DECIMAL) > 0 || result.abs().compareTo(BigInteger.TEN.pow(decimalOutput.getPrecision())) >= 0) {
            throw new TrawlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Decimal overflow in %s(): result does not fit %s".formatted(average ? "avg" : "sum", outputType.getDisplayName()));
        }
        if (decimalOutput.isShort()) {
            outputType.writeLong(out, result.longValueExact());
        }
        else {
            outputType.writeObject(out, Int128.valueOf(result));
        }
    }

    @Override
    public long retainedBytes()
    {
        return counts.length * 32L;
    }
}
