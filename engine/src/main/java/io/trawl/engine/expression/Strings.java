package io.trawl.engine.expression;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.Type;

import java.util.Locale;

/** String functions with Trino's semantics (1-based positions counted in code points). */
final class Strings
{
    private Strings() {}

    static boolean isAscii(Slice slice)
    {
        for (int i = 0; i < slice.length(); i++) {
            if (slice.getByte(i) < 0) {
                return false;
            }
        }
        return true;
    }

    static Vector concat(Type type, Vector[] args, int count)
    {
        Vector result = new Vector(type, count);
        for (int i = 0; i < count; i++) {
            int length = 0;
            boolean anyNull = false;
            for (Vector arg : args) {
                if (arg.isNull(i)) {
                    anyNull = true;
                    break;
                }
                length += arg.slice(i).length();
            }
            if (anyNull) {
                result.setNull(i);
                continue;
            }
            byte[] bytes = new byte[length];
            int offset = 0;
            for (Vector arg : args) {
                Slice part = arg.slice(i);
                part.getBytes(0, bytes, offset, part.length());
                offset += part.length();
            }
            result.objects[i] = Slices.wrappedBuffer(bytes);
        }
        return result;
    }

    static void apply(Function function, Vector[] args, int i, Vector out)
    {
        Slice value = args[0].slice(i);
        switch (function) {
            case SUBSTRING -> out.objects[i] = substring(value, args[1].longs[i], args.length > 2 ? args[2].longs[i] : Long.MAX_VALUE);
            case LENGTH -> out.longs[i] = isAscii(value) ? value.length() : value.toStringUtf8().codePointCount(0, value.toStringUtf8().length());
            case UPPER -> out.objects[i] = Slices.utf8Slice(value.toStringUtf8().toUpperCase(Locale.ROOT));
            case LOWER -> out.objects[i] = Slices.utf8Slice(value.toStringUtf8().toLowerCase(Locale.ROOT));
            case TRIM -> out.objects[i] = Slices.utf8Slice(value.toStringUtf8().strip());
            case LTRIM -> out.objects[i] = Slices.utf8Slice(value.toStringUtf8().stripLeading());
            case RTRIM -> out.objects[i] = Slices.utf8Slice(value.toStringUtf8().stripTrailing());
            case REVERSE -> out.objects[i] = Slices.utf8Slice(new StringBuilder(value.toStringUtf8()).reverse().toString());
            case REPLACE -> out.objects[i] = Slices.utf8Slice(value.toStringUtf8().replace(args[1].slice(i).toStringUtf8(), args.length > 2 ? args[2].slice(i).toStringUtf8() : ""));
            case STRPOS -> {
                String text = value.toStringUtf8();
                int index = text.indexOf(args[1].slice(i).toStringUtf8());
                out.longs[i] = index < 0 ? 0 : text.codePointCount(0, index) + 1;
            }
            case STARTS_WITH -> {
                Slice prefix = args[1].slice(i);
                out.longs[i] = value.length() >= prefix.length() && value.slice(0, prefix.length()).equals(prefix) ? 1 : 0;
            }
            case SPLIT_PART -> {
                long index = args[2].longs[i];
                if (index <= 0) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Index must be greater than zero");
                }
                String delimiter = args[1].slice(i).toStringUtf8();
                String[] parts = value.toStringUtf8().split(java.util.regex.Pattern.quote(delimiter), -1);
                if (index > parts.length) {
                    out.setNull(i);
                }
                else {
                    out.objects[i] = Slices.utf8Slice(parts[(int) index - 1]);
                }
            }
            case LPAD, RPAD -> out.objects[i] = pad(value.toStringUtf8(), args[1].longs[i], args[2].slice(i).toStringUtf8(), function == Function.LPAD);
            default -> throw new IllegalStateException(function.name());
        }
    }

    private static Slice pad(String text, long size, String padding, boolean left)
    {
        if (size < 0) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Target length must be in the range [0.." + Integer.MAX_VALUE + "]");
        }
        int length = text.codePointCount(0, text.length());
        if (length >= size) {
            return Slices.utf8Slice(text.substring(0, text.offsetByCodePoints(0, (int) size)));
        }
        if (padding.isEmpty()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Padding string must not be empty");
        }
        StringBuilder fill = new StringBuilder();
        while (fill.codePointCount(0, fill.length()) < size - length) {
            fill.append(padding);
        }
        String filler = fill.substring(0, fill.offsetByCodePoints(0, (int) (size - length)));
        return Slices.utf8Slice(left ? filler + text : text + filler);
    }

    static Slice substring(Slice value, long start, long length)
    {
        if (isAscii(value)) {
            int size = value.length();
            if (start == 0 || length <= 0) {
                return Slices.EMPTY_SLICE;
            }
            long begin = start > 0 ? start - 1 : size + start;
            if (begin < 0 || begin >= size) {
                return Slices.EMPTY_SLICE;
            }
            long end = Math.min(size, begin + Math.min(length, size));
            return value.slice((int) begin, (int) (end - begin));
        }
        String text = value.toStringUtf8();
        int[] codePoints = text.codePoints().toArray();
        int size = codePoints.length;
        if (start == 0 || length <= 0) {
            return Slices.EMPTY_SLICE;
        }
        long begin = start > 0 ? start - 1 : size + start;
        if (begin < 0 || begin >= size) {
            return Slices.EMPTY_SLICE;
        }
        long end = Math.min(size, begin + Math.min(length, size));
        return Slices.utf8Slice(new String(codePoints, (int) begin, (int) (end - begin)));
    }
}
