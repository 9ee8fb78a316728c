package io.trawl.engine.result;

import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.CharType.createCharType;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.VarcharType.createVarcharType;
import static org.assertj.core.api.Assertions.assertThat;

class ValueFormatterTest
{
    @Test
    void nullIsReturnedAsJavaNullForEveryType()
    {
        for (Type type : new Type[] {BIGINT, INTEGER, DOUBLE, VARCHAR, DATE, BOOLEAN, DecimalType.createDecimalType(15, 2), DecimalType.createDecimalType(38, 4), TimestampType.TIMESTAMP_MILLIS}) {
            BlockBuilder builder = type.createBlockBuilder(null, 1);
            builder.appendNull();
            assertThat(ValueFormatter.format(type, builder.build(), 0)).as("NULL of %s", type).isNull();
        }
    }

    @Test
    void integersAreDigits()
    {
        assertThat(formatLong(BIGINT, -9_223_372_036_854_775_808L)).as("bigint min").isEqualTo("-9223372036854775808");
        assertThat(formatLong(INTEGER, 42)).as("integer").isEqualTo("42");
        assertThat(formatLong(SMALLINT, -7)).as("smallint").isEqualTo("-7");
        assertThat(formatLong(TINYINT, 127)).as("tinyint").isEqualTo("127");
    }

    @Test
    void shortDecimalsKeepTheirDeclaredScale()
    {
        DecimalType money = DecimalType.createDecimalType(15, 2);
        assertThat(formatLong(money, 1250)).as("12.50 keeps its trailing zero").isEqualTo("12.50");
        assertThat(formatLong(money, -5)).as("small negative").isEqualTo("-0.05");
        assertThat(formatLong(money, 0)).as("zero").isEqualTo("0.00");
        assertThat(formatLong(DecimalType.createDecimalType(10, 0), 123)).as("scale 0").isEqualTo("123");
    }

    @Test
    void longDecimalsKeepTheirDeclaredScale()
    {
        DecimalType wide = DecimalType.createDecimalType(38, 4);
        BlockBuilder builder = wide.createBlockBuilder(null, 2);
        wide.writeObject(builder, Int128.valueOf(new BigInteger("123456789012345678901234567890")));
        wide.writeObject(builder, Int128.valueOf(-10));
        Block block = builder.build();
        assertThat(ValueFormatter.format(wide, block, 0)).as("30-digit decimal(38,4)").isEqualTo("12345678901234567890123456.7890");
        assertThat(ValueFormatter.format(wide, block, 1)).as("negative decimal(38,4)").isEqualTo("-0.0010");
    }

    @Test
    void doublesPrintLikeTrinosCli()
    {
        assertThat(formatDouble(0.1)).isEqualTo("0.1");
        assertThat(formatDouble(1.0)).isEqualTo("1.0");
        assertThat(formatDouble(1.0E10)).isEqualTo("1.0E10");
        assertThat(formatDouble(-2.5E-7)).isEqualTo("-2.5E-7");
        assertThat(formatDouble(Double.NaN)).isEqualTo("NaN");
        assertThat(formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void realsPrintAsFloats()
    {
        BlockBuilder builder = REAL.createBlockBuilder(null, 1);
        REAL.writeFloat(builder, 0.1f);
        assertThat(ValueFormatter.format(REAL, builder.build(), 0)).as("real 0.1 is not widened to 0.10000000149").isEqualTo("0.1");
    }

    @Test
    void textIsReturnedAsIs()
    {
        BlockBuilder builder = VARCHAR.createBlockBuilder(null, 2);
        VARCHAR.writeSlice(builder, utf8Slice("Grüße, \"world\""));
        VARCHAR.writeSlice(builder, utf8Slice(""));
        Block block = builder.build();
        assertThat(ValueFormatter.format(VARCHAR, block, 0)).isEqualTo("Grüße, \"world\"");
        assertThat(ValueFormatter.format(createVarcharType(10), block, 1)).as("empty string is not NULL").isEqualTo("");

        BlockBuilder chars = createCharType(3).createBlockBuilder(null, 1);
        createCharType(3).writeSlice(chars, utf8Slice("ab"));
        assertThat(ValueFormatter.format(createCharType(3), chars.build(), 0)).as("char(3) is padded").isEqualTo("ab ");
    }

    @Test
    void booleansAreTrueOrFalse()
    {
        BlockBuilder builder = BOOLEAN.createBlockBuilder(null, 2);
        BOOLEAN.writeBoolean(builder, true);
        BOOLEAN.writeBoolean(builder, false);
        Block block = builder.build();
        assertThat(ValueFormatter.format(BOOLEAN, block, 0)).isEqualTo("true");
        assertThat(ValueFormatter.format(BOOLEAN, block, 1)).isEqualTo("false");
    }

    @Test
    void datesAreIsoDays()
    {
        assertThat(formatLong(DATE, LocalDate.of(1998, 9, 2).toEpochDay())).isEqualTo("1998-09-02");
        assertThat(formatLong(DATE, LocalDate.of(1969, 12, 31).toEpochDay())).as("before the epoch").isEqualTo("1969-12-31");
    }

    @Test
    void timestampsShowAsManyFractionDigitsAsTheirPrecision()
    {
        long micros = LocalDateTime.of(2024, 2, 29, 13, 5, 9, 123_000_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000 + 123_000;
        assertThat(formatLong(TimestampType.TIMESTAMP_MILLIS, micros)).as("timestamp(3)").isEqualTo("2024-02-29 13:05:09.123");
        assertThat(formatLong(TimestampType.TIMESTAMP_MICROS, micros + 456)).as("timestamp(6)").isEqualTo("2024-02-29 13:05:09.123456");
        assertThat(formatLong(TimestampType.TIMESTAMP_SECONDS, micros - 123_000)).as("timestamp(0)").isEqualTo("2024-02-29 13:05:09");

        TimestampType nanos = TimestampType.TIMESTAMP_NANOS;
        BlockBuilder builder = nanos.createBlockBuilder(null, 1);
        nanos.writeObject(builder, new LongTimestamp(micros, 789_000));
        assertThat(ValueFormatter.format(nanos, builder.build(), 0)).as("timestamp(9)").isEqualTo("2024-02-29 13:05:09.123000789");
    }

    private static String formatLong(Type type, long value)
    {
        BlockBuilder builder = type.createBlockBuilder(null, 1);
        type.writeLong(builder, value);
        return ValueFormatter.format(type, builder.build(), 0);
    }

    private static String formatDouble(double value)
    {
        BlockBuilder builder = DOUBLE.createBlockBuilder(null, 1);
        DOUBLE.writeDouble(builder, value);
        return ValueFormatter.format(DOUBLE, builder.build(), 0);
    }
}
