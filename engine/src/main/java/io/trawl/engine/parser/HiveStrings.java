package io.trawl.engine.parser;

/**
 * Hive's string literal escapes, as its BaseSemanticAnalyzer.unescapeSQLString decodes them: a backslash
 * and three octal digits is that character ({@code '\001'} is Ctrl-A, LazySimpleSerDe's default field
 * delimiter), {@code \n \t \r \b \0 \Z} are control characters, {@code \\uXXXX} is a UTF-16 unit, and a
 * backslash before anything else stands for that character.
 */
public final class HiveStrings
{
    private HiveStrings() {}

    public static String unescape(String body)
    {
        StringBuilder result = new StringBuilder(body.length());
        int index = 0;
        while (index < body.length()) {
            char current = body.charAt(index);
            if (current != '\\' || index + 1 >= body.length()) {
                result.append(current);
                index++;
                continue;
            }
            if (isOctalEscape(body, index + 1)) {
                result.append((char) Integer.parseInt(body.substring(index + 1, index + 4), 8));
                index += 4;
                continue;
            }
            if (body.charAt(index + 1) == 'u' && isHex(body, index + 2, 4)) {
                result.append((char) Integer.parseInt(body.substring(index + 2, index + 6), 16));
                index += 6;
                continue;
            }
            result.append(switch (body.charAt(index + 1)) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case '0' -> '\0';
                case 'Z' -> (char) 26;
                default -> body.charAt(index + 1);
            });
            index += 2;
        }
        return result.toString();
    }

    private static boolean isOctalEscape(String body, int start)
    {
        if (start + 3 > body.length()) {
            return false;
        }
        for (int index = start; index < start + 3; index++) {
            char digit = body.charAt(index);
            if (digit < '0' || digit > '7') {
                return false;
            }
        }
        // three octal digits are at most 0777; Hive only treats values up to 0377 as one byte
        return body.charAt(start) <= '3';
    }

    private static boolean isHex(String body, int start, int length)
    {
        if (start + length > body.length()) {
            return false;
        }
        for (int index = start; index < start + length; index++) {
            if (Character.digit(body.charAt(index), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
