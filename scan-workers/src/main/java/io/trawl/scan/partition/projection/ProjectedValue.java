package io.trawl.scan.partition.projection;

import static java.util.Objects.requireNonNull;

/**
 * One value of a projected key: {@code locationText} is what goes into the partition's folder name (the
 * projection's own spelling, e.g. a date in the projection's format), {@code partitionValue} the key's value
 * as a Hive string of the key's declared type (for a {@code date} key, ISO {@code yyyy-MM-dd}).
 */
record ProjectedValue(String locationText, String partitionValue)
{
    ProjectedValue
    {
        requireNonNull(locationText, "locationText is null");
        requireNonNull(partitionValue, "partitionValue is null");
    }

    static ProjectedValue of(String text)
    {
        return new ProjectedValue(text, text);
    }
}
