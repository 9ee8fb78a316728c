package io.trawl.engine.ddl;

/**
 * Writes Hive string literals that our Hive grammar reads back to the same value: quotes and
 * backslashes escaped, control characters as three-digit octal escapes ({@code '\001'}).
 */
final class HiveLiterals
{
    private HiveLiterals() {}

    static String quote(String value)
    {
        return "'" + escape(value) + "'";
    }

    static String escape(String value)
    {
        StringBuilder result = new StringBuilder(value.length());
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            switch (character) {
                case '\'' -> result.append("\\'");
                case '\\' -> result.append("\\\\");
                case '\t' -> result.append("\\t");
                case '\n' -> result.append("\\n");
                case '\r' -> result.append("\\r");
                default -> {
                    if (character < 0x20) {
                        result.append('\\').append(String.format("%03o", (int) character));
                    }
                    else {
                        result.append(character);
                    }
                }
            }
        }
        return result.toString();
    }
}
