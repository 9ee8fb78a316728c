package io.trawl.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hive's partition folder names, {@code k1=v1/k2=v2}: values escaped as Hive's FileUtils.escapePathName does
 * (plus a leading '.', which would hide the folder), so any value survives a trip through a path or a key.
 */
public final class PartitionNames
{
    private static final String ESCAPED = "\"#%'*/:=?\\{[]^";

    private PartitionNames() {}

    public static String escape(String value)
    {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c == 0x7F || ESCAPED.indexOf(c) >= 0 || (i == 0 && c == '.')) {
                escaped.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            }
            else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    public static String unescape(String text)
    {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder value = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                value.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            }
            else {
                value.append(c);
            }
        }
        return value.toString();
    }

    /** {@code k1=v1/k2=v2} for a table's partition keys and the values in key order. */
    public static String folderName(List<Column> keys, List<String> values)
    {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            parts.add(keys.get(i).name().toLowerCase(Locale.ROOT) + "=" + escape(values.get(i)));
        }
        return String.join("/", parts);
    }

    /** Where Hive puts a partition that was added without a LOCATION: its folder under the table's location. */
    public static String defaultLocation(Table table, List<String> values)
    {
        String base = table.storageDescriptor().location();
        return (base.endsWith("/") ? base : base + "/") + folderName(table.partitionKeys(), values) + "/";
    }
}
