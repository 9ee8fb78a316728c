package io.trawl.scan.partition.projection;

import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.partition.PartitionValues;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table's partition projection (Athena's {@code projection.enabled = true}): the partitions a query reads are
 * computed from the table properties and the query's domains on the partition keys, without listing the
 * catalog or the storage tree. Each key is projected by its type ({@code enum}, {@code integer}, {@code date},
 * {@code injected}); a query's partitions are the product of each key's values that its domain admits, so a
 * value outside the projection gives no partition (zero rows), never an error.
 *
 * <p>A query that would read more than {@link #MAX_PARTITIONS} projected partitions fails before anything is
 * listed: a projection over an unconstrained wide range is almost always a missing predicate.
 */
public final class PartitionProjection
{
    public static final long MAX_PARTITIONS = 1_000_000;

    private static final String ENABLED = "projection.enabled";

    private final Table table;
    private final List<Column> keys;
    private final List<ColumnProjection> projections;
    private final LocationTemplate locations;

    private PartitionProjection(Table table, List<ColumnProjection> projections, LocationTemplate locations)
    {
        this.table = table;
        this.keys = table.partitionKeys();
        this.projections = List.copyOf(projections);
        this.locations = locations;
    }

    /** The table's projection when {@code projection.enabled} is true; its properties are checked (see {@link #validate}). */
    public static Optional<PartitionProjection> parse(Table table)
    {
        return parse(table, Clock.systemUTC());
    }

    /** As {@link #parse(Table)}, with {@code NOW} in date ranges read from {@code clock}. */
    public static Optional<PartitionProjection> parse(Table table, Clock clock)
    {
        requireNonNull(table, "table is null");
        requireNonNull(clock, "clock is null");
        ProjectionProperties properties = new ProjectionProperties(table.qualifiedName(), table.parameters());
        if (!properties.find(ENABLED).map(value -> value.strip().equalsIgnoreCase("true")).orElse(false)) {
            return Optional.empty();
        }
        if (table.partitionKeys().isEmpty()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s is configured for partition projection, but has no partition columns".formatted(table.qualifiedName()));
        }
        List<String> missing = table.partitionKeys().stream()
                .map(key -> key.name().toLowerCase(Locale.ROOT))
                .filter(name -> properties.optional(name, "type").isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s is configured for partition projection, but the following partition columns are missing projection configuration: %s"
                    .formatted(table.qualifiedName(), missing));
        }
        List<ColumnProjection> projections = new ArrayList<>();
        for (Column key : table.partitionKeys()) {
            ColumnProjection projection = projection(properties, key, clock);
            checkEnumValues(table, key, projection);
            projections.add(projection);
        }
        return Optional.of(new PartitionProjection(table, projections, LocationTemplate.parse(properties, table.storageDescriptor().location(), table.partitionKeys())));
    }

    /**
     * Checks a table's projection properties (types, ranges, formats, intervals, the location template), for DDL
     * to call when a table is created or its properties change; a table without projection passes.
     *
     * @throws TrawlException naming the table and the property at fault
     */
    public static void validate(Table table)
    {
        parse(table);
    }

    private static ColumnProjection projection(ProjectionProperties properties, Column key, Clock clock)
    {
        String column = key.name().toLowerCase(Locale.ROOT);
        String type = properties.required(column, "type");
        Type keyType = HiveTypes.toTrinoType(key.type());
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "enum" -> EnumProjection.parse(properties, column);
            case "integer" -> IntegerProjection.parse(properties, column, keyType);
            case "date" -> DateProjection.parse(properties, column, keyType, clock);
            case "injected" -> new InjectedProjection(column, keyType);
            default -> throw properties.invalid(column, "type", type, "one of enum, integer, date, injected");
        };
    }

    private static void checkEnumValues(Table table, Column key, ColumnProjection projection)
    {
        if (!(projection instanceof EnumProjection enumeration)) {
            return;
        }
        String column = key.name().toLowerCase(Locale.ROOT);
        for (String value : enumeration.values()) {
            try {
                PartitionValues.typedValue(table, key, Map.of(column, value), ProjectionProperties.name(column, "values"));
            }
            catch (TrawlException e) {
                throw new ProjectionProperties(table.qualifiedName(), table.parameters())
                        .invalid(column, "values", String.join(",", enumeration.values()), "values of the column's type %s ('%s' is not)".formatted(key.type(), value));
            }
        }
    }

    /**
     * The partitions a query with {@code predicate} (domains keyed by column name, typed values) may read, with
     * their values and locations. Nothing is listed.
     *
     * @throws TrawlException when an {@code injected} key lacks static equality conditions, or when more than
     * {@link #MAX_PARTITIONS} partitions would be read
     */
    public List<ProjectedPartition> partitions(TupleDomain<String> predicate)
    {
        requireNonNull(predicate, "predicate is null");
        if (predicate.isNone()) {
            return List.of();
        }
        Map<String, Domain> domains = new HashMap<>();
        predicate.getDomains().orElseThrow().forEach((name, domain) -> domains.put(name.toLowerCase(Locale.ROOT), domain));
        List<List<ProjectedValue>> valuesPerKey = new ArrayList<>();
        long combinations = 1;
        for (int i = 0; i < keys.size(); i++) {
            Domain domain = domains.get(keys.get(i).name().toLowerCase(Locale.ROOT));
            List<ProjectedValue> values;
            try {
                values = admitted(keys.get(i), domain, projections.get(i).values(domain, MAX_PARTITIONS));
            }
            catch (TooManyPartitions e) {
                throw tooMany();
            }
            valuesPerKey.add(values);
            combinations = Math.multiplyExact(combinations, (long) values.size());
            if (combinations > MAX_PARTITIONS) {
                throw tooMany();
            }
        }
        List<ProjectedPartition> partitions = new ArrayList<>();
        addPartitions(valuesPerKey, 0, new ArrayList<>(), partitions);
        return List.copyOf(partitions);
    }

    /**
     * The data files of the query's projected partitions, in partition order, each with its partition's values
     * (lower-case key to Hive string); only those partitions' folders are listed, and a missing folder is empty.
     */
    public Map<StoredObject, Map<String, String>> files(ObjectStore store, TupleDomain<String> predicate)
    {
        requireNonNull(store, "store is null");
        Map<StoredObject, Map<String, String>> files = new LinkedHashMap<>();
        for (ProjectedPartition partition : partitions(predicate)) {
            for (StoredObject file : partition.listFiles(store)) {
                files.put(file, partition.values());
            }
        }
        return files;
    }

    private List<ProjectedValue> admitted(Column key, Domain domain, List<ProjectedValue> candidates)
    {
        if (domain == null || domain.isAll()) {
            return candidates;
        }
        String column = key.name().toLowerCase(Locale.ROOT);
        List<ProjectedValue> admitted = new ArrayList<>();
        for (ProjectedValue candidate : candidates) {
            Object value = PartitionValues.typedValue(table, key, Map.of(column, candidate.partitionValue()), ProjectionProperties.name(column, "type")).orElseThrow();
            if (domain.includesNullableValue(value == PartitionValues.NullValue.NULL ? null : value)) {
                admitted.add(candidate);
            }
        }
        return admitted;
    }

    private void addPartitions(List<List<ProjectedValue>> valuesPerKey, int level, List<ProjectedValue> chosen, List<ProjectedPartition> partitions)
    {
        if (level == keys.size()) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                values.put(keys.get(i).name().toLowerCase(Locale.ROOT), chosen.get(i).partitionValue());
                texts.add(chosen.get(i).locationText());
            }
            partitions.add(new ProjectedPartition(values, locations.render(texts)));
            return;
        }
        for (ProjectedValue value : valuesPerKey.get(level)) {
            chosen.add(value);
            addPartitions(valuesPerKey, level + 1, chosen, partitions);
            chosen.removeLast();
        }
    }

    private TrawlException tooMany()
    {
        List<String> names = keys.stream().map(key -> key.name().toLowerCase(Locale.ROOT)).toList();
        return new TrawlException(ErrorCode.INVALID_ARGUMENT, "Query on table %s would read more than %,d projected partitions; add predicates on the partition columns %s or narrow the projection ranges"
                .formatted(table.qualifiedName(), MAX_PARTITIONS, names));
    }

    /** Thrown by a key's projection when its values alone exceed the limit, before any is made. */
    static TooManyPartitions tooManyPartitions()
    {
        return new TooManyPartitions();
    }

    static final class TooManyPartitions
            extends RuntimeException
    {
        TooManyPartitions()
        {
            super(null, null, false, false);
        }
    }
}
