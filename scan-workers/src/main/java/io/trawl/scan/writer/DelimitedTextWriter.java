package io.trawl.scan.writer;

import io.airlift.slice.Slice;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
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

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Writes Pages as delimited text that LazySimpleSerDe reads back to the same values: integers and decimals
 * as plain digits, dates as yyyy-MM-dd, doubles as Java prints them, booleans as true/false. Values are not
 * quoted or escaped (LazySimpleSerDe has no quoting), so a string containing the delimiter or a line break is
 * refused rather than written in a way that would shift the fields of its row.
 */
public final class DelimitedTextWriter
        implements AutoCloseable
{
    /**
     * @param nullText what a NULL is written as: Hive's default is {@code \N}; an empty string suits CSV
     */
    public record Format(char delimiter, boolean headerLine, String nullText)
    {
        public Format
        {
            requireNonNull(nullText, "nullText is null");
        }

        /** Comma-separated, a header line with the column names, NULL as an empty field. */
        public static Format csv()
        {
            return new Format(',', true, "");
        }

        /** Hive's TEXTFILE defaults: fields separated by \u0001, no header, NULL as \N. */
        public static Format hive()
        {
            return new Format('\u0001', false, "\\N");
        }
    }

    private final OutputStream output;
    private final List<Type> columnTypes;
    private final byte[] delimiter;
    private final char delimiterCharacter;
    private final byte[] nullText;
    private final StringBuilder line = new StringBuilder(256);

    public DelimitedTextWriter(OutputStream output, List<String> columnNames, List<Type> columnTypes, Format format)
            throws IOException
    {
        requireNonNull(output, "output is null");
        requireNonNull(format, "format is null");
        this.output = new BufferedOutputStream(output, 256 * 1024);
        this.columnTypes = List.copyOf(columnTypes);
        if (columnNames.size() != columnTypes.size()) {
            throw new IllegalArgumentException("%d column names for %d types".formatted(columnNames.size(), columnTypes.size()));
        }
        this.delimiterCharacter = format.delimiter();
        this.delimiter = String.valueOf(format.delimiter()).getBytes(StandardCharsets.UTF_8);
        this.nullText = format.nullText().getBytes(StandardCharsets.UTF_8);
        if (format.headerLine()) {
            this.output.write(String.join(String.valueOf(format.delimiter()), columnNames).getBytes(StandardCharsets.UTF_8));
            this.output.write('\n');
        }
    }

    public void write(Page page)
            throws IOException
    {
        if (page.getChannelCount() != columnTypes.size()) {
            throw new IllegalArgumentException("page has %d channels, writer has %d columns".formatted(page.getChannelCount(), columnTypes.size()));
        }
        for (int position = 0; position < page.getPositionCount(); position++) {
            for (int channel = 0; channel < columnTypes.size(); channel++) {
                if (channel > 0) {
                    output.write(delimiter);
                }
                Block block = page.getBlock(channel);
                if (block.isNull(position)) {
                    output.write(nullText);
                    continue;
                }
                line.setLength(0);
                appendValue(columnTypes.get(channel), block, position);
                output.write(line.toString().getBytes(StandardCharsets.UTF_8));
            }
            output.write('\n');
        }
    }

    private void appendValue(Type type, Block block, int position)
    {
        switch (type) {
            case BigintType bigint -> line.append(bigint.getLong(block, position));
            case IntegerType integer -> line.append(integer.getInt(block, position));
            case SmallintType smallint -> line.append(smallint.getShort(block, position));
            case TinyintType tinyint -> line.append(tinyint.getByte(block, position));
            case BooleanType bool -> line.append(bool.getBoolean(block, position));
            case DoubleType doubleType -> line.append(doubleType.getDouble(block, position));
            case RealType real -> line.append(real.getFloat(block, position));
            case DateType date -> line.append(LocalDate.ofEpochDay(date.getInt(block, position)));
            case DecimalType decimal when decimal.isShort() -> line.append(Decimals.toString(decimal.getLong(block, position), decimal.getScale()));
            case DecimalType decimal -> line.append(Decimals.toString((Int128) decimal.getObject(block, position), decimal.getScale()));
            case VarcharType varchar -> {
                Slice value = varchar.getSlice(block, position);
                String text = value.toStringUtf8();
                if (text.indexOf(delimiterCharacter) >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                    // without quoting such a value would silently shift the fields of its row
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Cannot write value '%s' as delimited text: it contains the delimiter or a line break".formatted(text));
                }
                line.append(text);
            }
            default -> throw new IllegalArgumentException("Cannot write %s as delimited text".formatted(type));
        }
    }

    @Override
    public void close()
            throws IOException
    {
        output.close();
    }
}
