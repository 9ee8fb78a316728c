package io.trawl.scan.writer;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelimitedTextWriterTest
{
    private static final DecimalType SHORT = DecimalType.createDecimalType(15, 2);
    private static final DecimalType LONG = DecimalType.createDecimalType(25, 3);
    private static final List<Type> TYPES = List.of(BIGINT, INTEGER, SHORT, LONG, DOUBLE, VARCHAR, DATE, BOOLEAN);
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f", "g", "h");

    @Test
    void writesCsvWithHeaderPlainDecimalsIsoDatesAndEmptyNulls()
            throws IOException
    {
        assertThat(write(DelimitedTextWriter.Format.csv(), page("x y"))).isEqualTo("""
                a,b,c,d,e,f,g,h
                -5,42,-0.07,123456789012345678901.250,2.5,x y,1970-01-02,true
                ,,,,,,,
                """);
    }

    @Test
    void writesHiveDefaultsWithoutHeaderAndBackslashNNulls()
            throws IOException
    {
        assertThat(write(DelimitedTextWriter.Format.hive(), page("v"))).isEqualTo(
                "-5\u000142\u0001-0.07\u0001123456789012345678901.250\u00012.5\u0001v\u00011970-01-02\u0001true\n"
                        + "\\N\u0001\\N\u0001\\N\u0001\\N\u0001\\N\u0001\\N\u0001\\N\u0001\\N\n");
    }

    @Test
    void refusesTextContainingTheDelimiter()
    {
        assertThatThrownBy(() -> write(DelimitedTextWriter.Format.csv(), page("a,b")))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("'a,b'");
    }

    private static String write(DelimitedTextWriter.Format format, Page page)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DelimitedTextWriter writer = new DelimitedTextWriter(bytes, NAMES, TYPES, format)) {
            writer.write(page);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Page page(String text)
    {
        PageBuilder builder = new PageBuilder(TYPES);
        builder.declarePosition();
        BIGINT.writeLong(builder.getBlockBuilder(0), -5);
        INTEGER.writeLong(builder.getBlockBuilder(1), 42);
        SHORT.writeLong(builder.getBlockBuilder(2), -7);
        LONG.writeObject(builder.getBlockBuilder(3), Int128.valueOf(new java.math.BigInteger("123456789012345678901250")));
        DOUBLE.writeDouble(builder.getBlockBuilder(4), 2.5);
        VARCHAR.writeSlice(builder.getBlockBuilder(5), utf8Slice(text));
        DATE.writeLong(builder.getBlockBuilder(6), 1);
        BOOLEAN.writeBoolean(builder.getBlockBuilder(7), true);
        builder.declarePosition();
        for (int channel = 0; channel < TYPES.size(); channel++) {
            builder.getBlockBuilder(channel).appendNull();
        }
        return builder.build();
    }
}
