package io.trawl.scan.partition;

import io.airlift.slice.Slices;
import io.trawl.catalog.Column;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.PseudoColumns;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides from a file's partition folders and attributes alone whether any of its rows can match the
 * query's column domains, so files in pruned partitions, or excluded by a WHERE on {@code "$path"},
 * {@code "$file_size"} or {@code "$file_modified_time"}, are never opened (and never billed).
 */
public final class FilePruner
{
    private FilePruner() {}

    public static boolean mayMatch(Table table, TupleDomain<String> predicate, String path, long size, long lastModifiedMillis, Map<String, String> partitionValues)
    {
        if (predicate.isNone()) {
            return false;
        }
        Optional<Map<String, Domain>> domains = predicate.getDomains();
        if (domains.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, Domain> entry : domains.get().entrySet()) {
            Optional<Object> value = valueOf(table, entry.getKey(), path, size, lastModifiedMillis, partitionValues);
            if (value.isPresent() && !entry.getValue().includesNullableValue(value.get() == PartitionValues.NullValue.NULL ? null : value.get())) {
                return false;
            }
        }
        return true;
    }

    /** The value a partition or pseudo-column has for every row of the file; empty for data columns. */
    public static Optional<Object> valueOf(Table table, String column, String path, long size, long lastModifiedMillis, Map<String, String> partitionValues)
    {
        Optional<PseudoColumns> pseudo = PseudoColumns.byName(column);
        if (pseudo.isPresent()) {
            return Optional.of(switch (pseudo.get()) {
                case PATH -> Slices.utf8Slice(path);
                case FILE_SIZE -> size;
                case FILE_MODIFIED_TIME -> lastModifiedMillis * 1000;
            });
        }
        String name = column.toLowerCase(Locale.ROOT);
        for (Column key : table.partitionKeys()) {
            if (key.name().toLowerCase(Locale.ROOT).equals(name)) {
                return PartitionValues.typedValue(table, key, partitionValues, path);
            }
        }
        return Optional.empty();
    }
}
