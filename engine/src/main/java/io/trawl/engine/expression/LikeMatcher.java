package io.trawl.engine.expression;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SQL LIKE. Patterns made only of literals and '%' (the common case: 'PROMO%', '%BRASS', '%green%',
 * '%special%requests%') are matched on UTF-8 bytes without decoding: leftmost-first matching of the
 * literal segments is exact for such patterns. Anything with '_' falls back to a regular expression.
 */
final class LikeMatcher
{
    private final Slice prefix;
    private final Slice suffix;
    private final List<Slice> middle;
    private final boolean exact;
    private final Pattern regex;

    private LikeMatcher(Slice prefix, Slice suffix, List<Slice> middle, boolean exact, Pattern regex)
    {
        this.prefix = prefix;
        this.suffix = suffix;
        this.middle = middle;
        this.exact = exact;
        this.regex = regex;
    }

    static LikeMatcher compile(String pattern, Character escape)
    {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        StringBuilder regex = new StringBuilder();
        boolean hasSingle = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (i + 1 >= pattern.length()) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "LIKE pattern must not end with escape character: " + pattern);
                }
                char next = pattern.charAt(++i);
                if (next != '%' && next != '_' && next != escape) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Escape character must be followed by '%', '_' or the escape character: " + pattern);
                }
                current.append(next);
                regex.append(Pattern.quote(String.valueOf(next)));
            }
            else if (c == '%') {
                segments.add(current.toString());
                current.setLength(0);
                regex.append(".*");
            }
            else if (c == '_') {
                hasSingle = true;
                current.append(c);
                regex.append('.');
            }
            else {
                current.append(c);
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        segments.add(current.toString());
        if (hasSingle) {
            return new LikeMatcher(null, null, null, false, Pattern.compile(regex.toString(), Pattern.DOTALL));
        }
        if (segments.size() == 1) {
            return new LikeMatcher(Slices.utf8Slice(segments.getFirst()), null, List.of(), true, null);
        }
        List<Slice> middle = new ArrayList<>();
        for (int i = 1; i < segments.size() - 1; i++) {
            if (!segments.get(i).isEmpty()) {
                middle.add(Slices.utf8Slice(segments.get(i)));
            }
        }
        return new LikeMatcher(Slices.utf8Slice(segments.getFirst()), Slices.utf8Slice(segments.getLast()), List.copyOf(middle), false, null);
    }

    boolean matches(Slice value)
    {
        if (regex != null) {
            return regex.matcher(value.toStringUtf8()).matches();
        }
        if (exact) {
            return value.equals(prefix);
        }
        int length = value.length();
        int start = prefix.length();
        int end = length - suffix.length();
        if (start > end) {
            return false;
        }
        if (start > 0 && !value.slice(0, start).equals(prefix)) {
            return false;
        }
        if (suffix.length() > 0 && !value.slice(end, suffix.length()).equals(suffix)) {
            return false;
        }
        int position = start;
        for (Slice segment : middle) {
            int found = value.indexOf(segment, position);
            if (found < 0 || found + segment.length() > end) {
                return false;
            }
            position = found + segment.length();
        }
        return true;
    }
}
