package io.trawl.scan.crawl;

import java.util.Locale;

/**
 * Athena's naming rules for what the crawler creates: table and column names are lower case letters, digits
 * and underscores (https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html); any
 * other character becomes an underscore, as Glue's crawler does.
 */
final class Names
{
    private Names() {}

    static String tableName(String folderName)
    {
        return sanitize(folderName);
    }

    static String columnName(String name)
    {
        return sanitize(name);
    }

    private static String sanitize(String name)
    {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        StringBuilder result = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            result.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return result.toString();
    }
}
