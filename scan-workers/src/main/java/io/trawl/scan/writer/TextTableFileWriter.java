package io.trawl.scan.writer;

import io.airlift.slice.DynamicSliceOutput;
import io.airlift.slice.Slice;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.hive.formats.compression.CompressionKind;
import io.trino.hive.formats.line.LineSerializer;
import io.trino.hive.formats.line.text.TextLineWriter;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarbinaryType;
import io.trino.spi.type.VarcharType;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A line-oriented text file (delimited text, OpenCSV, JSON lines) through trino-hive-formats: one line per row
 * from the SerDe's {@link LineSerializer}, written by its {@link TextLineWriter}, which compresses with the Hadoop
 * codecs the readers decompress.
 *
 * <p>Values a line format cannot hold are refused, naming the column and row, rather than written so that they read
 * back as other rows or fields: a line break inside a value (every reader splits lines first) for delimited text
 * and OpenCSV, and for delimited text without an {@code escape.delim} a string containing a delimiter (the field
 * delimiter, or for strings inside arrays, maps and structs any of the nested delimiters). With
 * {@code escape.delim} set, LazySimpleSerDe escapes delimiters and reads them back. JSON escapes strings itself;
 * the Hive JSON SerDe writes binary as the bytes' UTF-8 text, so binary that is not UTF-8 is refused.
 */
final class TextTableFileWriter
        extends TableFileWriter
{
    private static final int LINE_BYTES = 1024;

    private final LineSerializer serializer;
    private final TextLineWriter lineWriter;
    private final DynamicSliceOutput line = new DynamicSliceOutput(LINE_BYTES);
    private final ValueCheck check;

    TextTableFileWriter(FileOutput output, List<Type> types, LineSerializer serializer, Optional<CompressionKind> compression, ValueCheck check)
            throws IOException
    {
        super(output, types);
        this.serializer = requireNonNull(serializer, "serializer is null");
        this.check = requireNonNull(check, "check is null");
        this.lineWriter = new TextLineWriter(output, compression);
    }

    @Override
    void writePage(Page page)
            throws IOException
    {
        check.check(page, writtenRows());
        for (int position = 0; position < page.getPositionCount(); position++) {
            line.reset();
            serializer.write(page, position, line);
            lineWriter.write(line.slice());
        }
    }

    @Override
    void finish()
            throws IOException
    {
        lineWriter.close();
    }

    /**
     * Bytes that left the compressor (all bytes, uncompressed). A codec holds back at most one block (gzip's deflate
     * buffer, Hadoop snappy and LZ4's 256 KB blocks) until it fills, so the estimate trails the file by that much.
     */
    @Override
    public long writtenBytes()
    {
        return output().bytes();
    }

    /**
     * Which string bytes a line format cannot store: for each column, the bytes forbidden in its top-level strings,
     * and in strings nested inside its arrays, maps and structs.
     */
    static final class ValueCheck
    {
        private final List<String> columnNames;
        private final List<Type> types;
        /** How errors name the format; null when the format can hold every value and nothing is checked. */
        private final String formatName;
        private final boolean[] forbiddenTopLevel;
        private final boolean[] forbiddenNested;
        private final String advice;
        private final boolean binaryMustBeUtf8;

        private ValueCheck(List<String> columnNames, List<Type> types, String formatName, boolean[] forbiddenTopLevel, boolean[] forbiddenNested, String advice, boolean binaryMustBeUtf8)
        {
            this.binaryMustBeUtf8 = binaryMustBeUtf8;
            this.columnNames = List.copyOf(columnNames);
            this.types = List.copyOf(types);
            this.formatName = formatName;
            this.forbiddenTopLevel = forbiddenTopLevel;
            this.forbiddenNested = forbiddenNested;
            this.advice = advice;
        }

        /** Nothing to check: JSON escapes every byte it has to. */
        static ValueCheck none(List<String> columnNames, List<Type> types)
        {
            return new ValueCheck(columnNames, types, null, new boolean[256], new boolean[256], "", false);
        }

        /** Hive JSON writes binary as the bytes' UTF-8 text: anything else would read back changed. Strings it escapes. */
        static ValueCheck utf8Binary(List<String> columnNames, List<Type> types)
        {
            return new ValueCheck(columnNames, types, "JSON", new boolean[256], new boolean[256], "", true);
        }

        /** OpenCSV quotes every value, so only line breaks cannot be stored. */
        static ValueCheck lineBreaks(List<String> columnNames, List<Type> types, String formatName)
        {
            boolean[] forbidden = lineBreakBytes();
            return new ValueCheck(columnNames, types, formatName, forbidden, forbidden, "", false);
        }

        /**
         * LazySimpleSerDe: line breaks always; without an escape byte also the field delimiter in top-level strings and
         * every delimiter in nested strings.
         */
        static ValueCheck delimitedText(List<String> columnNames, List<Type> types, Slice separators, Optional<Byte> escape)
        {
            boolean[] topLevel = lineBreakBytes();
            boolean[] nested = lineBreakBytes();
            if (escape.isEmpty()) {
                topLevel[separators.getUnsignedByte(0)] = true;
                for (int i = 0; i < separators.length(); i++) {
                    nested[separators.getUnsignedByte(i)] = true;
                }
            }
            String advice = escape.isEmpty() ? " (set the SerDe property escape.delim, e.g. '\\\\', to write delimiters inside values)" : "";
            return new ValueCheck(columnNames, types, "TEXTFILE", topLevel, nested, advice, false);
        }

        void check(Page page, long rowsBefore)
        {
            if (formatName == null) {
                return;
            }
            for (int channel = 0; channel < types.size(); channel++) {
                Type type = types.get(channel);
                if (binaryMustBeUtf8 && type instanceof VarbinaryType) {
                    checkUtf8(page, channel, rowsBefore);
                    continue;
                }
                if (!containsStrings(type) || binaryMustBeUtf8) {
                    continue;
                }
                Block block = page.getBlock(channel);
                boolean topLevelString = type instanceof VarcharType || type instanceof CharType;
                for (int position = 0; position < page.getPositionCount(); position++) {
                    if (block.isNull(position)) {
                        continue;
                    }
                    int forbidden = topLevelString
                            ? firstForbidden(type.getSlice(block, position), forbiddenTopLevel)
                            : firstForbiddenNested(type.getObjectValue(block, position));
                    if (forbidden >= 0) {
                        throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Cannot write row %d as %s: a value of column '%s' contains %s, which %s files cannot hold%s".formatted(
                                rowsBefore + position + 1, formatName, columnNames.get(channel), describe(forbidden), formatName, advice));
                    }
                }
            }
        }

        private void checkUtf8(Page page, int channel, long rowsBefore)
        {
            Block block = page.getBlock(channel);
            for (int position = 0; position < page.getPositionCount(); position++) {
                if (block.isNull(position)) {
                    continue;
                }
                Slice value = VarbinaryType.VARBINARY.getSlice(block, position);
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(value.toByteBuffer());
                }
                catch (CharacterCodingException e) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Cannot write row %d as JSON: binary column '%s' holds bytes that are not UTF-8 text, which the Hive JSON SerDe cannot store (the OpenX JSON SerDe stores binary as base64)".formatted(
                            rowsBefore + position + 1, columnNames.get(channel)));
                }
            }
        }

        private int firstForbiddenNested(Object value)
        {
            return switch (value) {
                case null -> -1;
                case String text -> firstForbidden(text.getBytes(StandardCharsets.UTF_8), forbiddenNested);
                case List<?> elements -> {
                    for (Object element : elements) {
                        int forbidden = firstForbiddenNested(element);
                        if (forbidden >= 0) {
                            yield forbidden;
                        }
                    }
                    yield -1;
                }
                case Map<?, ?> entries -> {
                    for (Map.Entry<?, ?> entry : entries.entrySet()) {
                        int forbidden = Math.max(firstForbiddenNested(entry.getKey()), firstForbiddenNested(entry.getValue()));
                        if (forbidden >= 0) {
                            yield forbidden;
                        }
                    }
                    yield -1;
                }
                default -> -1;
            };
        }

        private static int firstForbidden(Slice value, boolean[] forbidden)
        {
            byte[] bytes = value.byteArray();
            int start = value.byteArrayOffset();
            int end = start + value.length();
            for (int i = start; i < end; i++) {
                if (forbidden[bytes[i] & 0xff]) {
                    return bytes[i] & 0xff;
                }
            }
            return -1;
        }

        private static int firstForbidden(byte[] bytes, boolean[] forbidden)
        {
            for (byte value : bytes) {
                if (forbidden[value & 0xff]) {
                    return value & 0xff;
                }
            }
            return -1;
        }

        private static boolean containsStrings(Type type)
        {
            return switch (type) {
                case VarcharType ignored -> true;
                case CharType ignored -> true;
                case ArrayType array -> containsStrings(array.getElementType());
                case MapType map -> containsStrings(map.getKeyType()) || containsStrings(map.getValueType());
                case RowType row -> row.getTypeParameters().stream().anyMatch(ValueCheck::containsStrings);
                default -> false;
            };
        }

        private static boolean[] lineBreakBytes()
        {
            boolean[] forbidden = new boolean[256];
            forbidden['\n'] = true;
            forbidden['\r'] = true;
            return forbidden;
        }

        private static String describe(int value)
        {
            return switch (value) {
                case '\n', '\r' -> "a line break";
                default -> value >= 0x20 && value < 0x7f ? "the delimiter '%c'".formatted((char) value) : "the delimiter byte \\u%04x".formatted(value);
            };
        }
    }
}
