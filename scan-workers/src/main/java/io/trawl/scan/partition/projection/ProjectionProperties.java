package io.trawl.scan.partition.projection;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A table's {@code projection.*} properties, looked up by column and suffix; errors name the property.
 * Property names are matched case-insensitively (Glue keeps them as written, Hive column names are lower case).
 */
final class ProjectionProperties
{
    private final String tableName;
    private final Map<String, String> properties = new HashMap<>();

    ProjectionProperties(String tableName, Map<String, String> parameters)
    {
        this.tableName = tableName;
        parameters.forEach((key, value) -> properties.put(key.toLowerCase(Locale.ROOT), value));
    }

    String tableName()
    {
        return tableName;
    }

    Optional<String> find(String name)
    {
        return Optional.ofNullable(properties.get(name.toLowerCase(Locale.ROOT)));
    }

    Optional<String> optional(String column, String suffix)
    {
        return find(name(column, suffix));
    }

    String required(String column, String suffix)
    {
        return optional(column, suffix).orElseThrow(() -> new TrawlException(ErrorCode.INVALID_ARGUMENT,
                "Table %s is configured for partition projection, but table property '%s' is missing".formatted(tableName, name(column, suffix))));
    }

    TrawlException invalid(String column, String suffix, String value, String expected)
    {
        return invalid(name(column, suffix), value, expected);
    }

    TrawlException invalid(String property, String value, String expected)
    {
        return new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: table property '%s' = '%s' is invalid; expected %s".formatted(tableName, property, value, expected));
    }

    static String name(String column, String suffix)
    {
        return "projection." + column + "." + suffix;
    }
}
