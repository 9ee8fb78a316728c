package io.trawl.engine.ddl;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Partition;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.parser.HiveStatement;
import io.trawl.engine.scan.PartitionFolder;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The partition and table-alteration statements Athena accepts: ALTER TABLE ADD/DROP PARTITION, SET
 * LOCATION, SET TBLPROPERTIES, ADD/REPLACE COLUMNS, SHOW PARTITIONS and MSCK REPAIR TABLE. Every check
 * (partition keys, value types) runs before the one catalog write, so a failed statement changes nothing.
 */
final class PartitionStatements
{
    /** Characters Hive escapes in partition folder names (FileUtils.escapePathName). */
    private static final String HIVE_ESCAPED = "\"#%'*/:=?\\\u007F{[]^";

    private final CatalogStore catalog;
    private final ScanProvider storage;

    PartitionStatements(CatalogStore catalog, ScanProvider storage)
    {
        this.catalog = catalog;
        this.storage = storage;
    }

    QueryResult addPartitions(Table table, HiveStatement.AddPartitions statement, Session session)
    {
        requirePartitioned(table);
        List<Partition> partitions = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (HiveStatement.PartitionLocation partition : statement.partitions()) {
            List<String> values = values(table, partition.spec());
            if (!seen.add(values)) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Partition %s is listed twice".formatted(describe(table, values)));
            }
            String location = partition.location().orElseGet(() -> defaultLocation(table, values));
            partitions.add(partition(table, values, location));
        }
        catalog.addPartitions(table.databaseName(), table.name(), partitions, statement.ifNotExists());
        return TextResult.empty(session);
    }

    QueryResult dropPartitions(Table table, HiveStatement.DropPartitions statement, Session session)
    {
        requirePartitioned(table);
        List<List<String>> values = statement.partitions().stream().map(spec -> values(table, spec)).toList();
        catalog.dropPartitions(table.databaseName(), table.name(), values, statement.ifExists());
        return TextResult.empty(session);
    }

    QueryResult setLocation(Table table, HiveStatement.SetLocation statement, LocationValidator locations, Session session)
    {
        if (statement.partition().isPresent()) {
            requirePartitioned(table);
            List<String> values = values(table, statement.partition().get());
            Partition existing = catalog.findPartition(table.databaseName(), table.name(), values).orElseThrow(() -> new TrawlException(ErrorCode.INVALID_ARGUMENT,
                    "Partition %s does not exist".formatted(describe(table, values))));
            catalog.dropPartitions(table.databaseName(), table.name(), List.of(values), false);
            catalog.addPartitions(table.databaseName(), table.name(), List.of(new Partition(existing.databaseName(), existing.tableName(), values,
                    withLocation(existing.storageDescriptor(), statement.location()), existing.parameters())), false);
            return TextResult.empty(session);
        }
        locations.validate(java.net.URI.create(statement.location()));
        catalog.updateTable(withStorage(table, withLocation(table.storageDescriptor(), statement.location())));
        return TextResult.empty(session);
    }

    QueryResult setTableProperties(Table table, HiveStatement.SetTableProperties statement, Session session)
    {
        Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
        parameters.putAll(statement.properties());
        catalog.updateTable(new Table(table.databaseName(), table.name(), table.owner(), table.tableType(), parameters, table.storageDescriptor(),
                table.partitionKeys(), table.viewOriginalText(), table.version()));
        return TextResult.empty(session);
    }

    QueryResult changeColumns(Table table, HiveStatement.ChangeColumns statement, Session session)
    {
        List<Column> columns = new ArrayList<>(statement.replace() ? List.of() : table.storageDescriptor().columns());
        Set<String> names = new HashSet<>();
        table.partitionKeys().forEach(key -> names.add(key.name().toLowerCase(Locale.ROOT)));
        columns.forEach(column -> names.add(column.name().toLowerCase(Locale.ROOT)));
        for (HiveStatement.ColumnDefinition definition : statement.columns()) {
            String name = definition.name().toLowerCase(Locale.ROOT);
            if (!names.add(name)) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Column '%s' already exists in %s".formatted(name, table.qualifiedName()));
            }
            try {
                HiveTypes.toTrinoType(definition.type());
            }
            catch (TrawlException e) {
                throw new TrawlException(e.errorCode(), "Column '%s': %s".formatted(name, e.getMessage()));
            }
            columns.add(new Column(name, HiveTypes.canonicalize(definition.type()), definition.comment()));
        }
        StorageDescriptor descriptor = table.storageDescriptor();
        catalog.updateTable(withStorage(table, new StorageDescriptor(columns, descriptor.location(), descriptor.inputFormat(), descriptor.outputFormat(),
                descriptor.serdeInfo(), descriptor.compressed())));
        return TextResult.empty(session);
    }

    QueryResult showPartitions(Table table, Session session)
    {
        requirePartitioned(table);
        List<String> rows = new ArrayList<>();
        for (Partition partition : catalog.listPartitions(table.databaseName(), table.name(), TupleDomain.all())) {
            rows.add(folderName(table, partition.values()));
        }
        rows.sort(String::compareTo);
        TextResult result = new TextResult("partition");
        rows.forEach(result::addRow);
        return result.toResult(session);
    }

    /** MSCK REPAIR TABLE: one listing pass over the partition folders, then one batched catalog write of the new ones. */
    QueryResult repair(Table table, Session session)
    {
        requirePartitioned(table);
        Set<List<String>> registered = new HashSet<>();
        for (Partition partition : catalog.listPartitions(table.databaseName(), table.name(), TupleDomain.all())) {
            registered.add(partition.values());
        }
        List<Partition> added = new ArrayList<>();
        for (PartitionFolder folder : storage.listPartitionFolders(table)) {
            if (registered.add(folder.values())) {
                added.add(partition(table, folder.values(), folder.location()));
            }
        }
        if (!added.isEmpty()) {
            catalog.addPartitions(table.databaseName(), table.name(), added, true);
        }
        List<String> rows = new ArrayList<>();
        for (Partition partition : added) {
            rows.add("Repair: Added partition to metastore " + table.name() + ":" + folderName(table, partition.values()));
        }
        if (rows.isEmpty()) {
            rows.add("No partitions to add to the metastore for " + table.qualifiedName());
        }
        TextResult result = new TextResult("result");
        rows.forEach(result::addRow);
        return result.toResult(session);
    }

    private static void requirePartitioned(Table table)
    {
        if (table.partitionKeys().isEmpty()) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s is not partitioned".formatted(table.qualifiedName()));
        }
    }

    /** The spec's values in partition-key order, each checked against its key's type. */
    private static List<String> values(Table table, HiveStatement.PartitionSpec spec)
    {
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : spec.values()) {
            if (given.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()) != null) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Partition key '%s' is given twice".formatted(entry.getKey()));
            }
        }
        List<String> keys = table.partitionKeys().stream().map(key -> key.name().toLowerCase(Locale.ROOT)).toList();
        if (!given.keySet().equals(new HashSet<>(keys))) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Partition spec %s does not match the partition keys %s of %s".formatted(given.keySet(), keys, table.qualifiedName()));
        }
        List<String> values = new ArrayList<>();
        for (Column key : table.partitionKeys()) {
            String value = given.get(key.name().toLowerCase(Locale.ROOT));
            checkValue(key, value);
            values.add(value);
        }
        return values;
    }

    private static void checkValue(Column key, String value)
    {
        Type type = HiveTypes.toTrinoType(key.type());
        try {
            if (type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType) {
                long parsed = Long.parseLong(value.trim());
                if (type instanceof IntegerType && (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE)) {
                    throw new NumberFormatException();
                }
            }
            else if (type instanceof DateType) {
                LocalDate.parse(value.trim());
            }
            else if (type instanceof DecimalType || type instanceof DoubleType || type instanceof RealType) {
                new BigDecimal(value.trim());
            }
            else if (type instanceof BooleanType && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new NumberFormatException();
            }
        }
        catch (RuntimeException e) {
            throw new TrawlException(ErrorCode.TYPE_MISMATCH, "Partition value '%s' for key '%s' is not a valid %s".formatted(value, key.name(), key.type()));
        }
    }

    private static Partition partition(Table table, List<String> values, String location)
    {
        return new Partition(table.databaseName(), table.name(), values, withLocation(table.storageDescriptor(), location), Map.of());
    }

    private static String defaultLocation(Table table, List<String> values)
    {
        String base = table.storageDescriptor().location();
        return (base.endsWith("/") ? base : base + "/") + folderName(table, values) + "/";
    }

    /** {@code k1=v1/k2=v2}, with Hive's escaping of the values. */
    static String folderName(Table table, List<String> values)
    {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            parts.add(table.partitionKeys().get(i).name().toLowerCase(Locale.ROOT) + "=" + escape(values.get(i)));
        }
        return String.join("/", parts);
    }

    private static String escape(String value)
    {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c < ' ' || HIVE_ESCAPED.indexOf(c) >= 0) {
                escaped.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            }
            else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String describe(Table table, List<String> values)
    {
        return table.qualifiedName() + "(" + folderName(table, values) + ")";
    }

    private static StorageDescriptor withLocation(StorageDescriptor descriptor, String location)
    {
        return new StorageDescriptor(descriptor.columns(), location, descriptor.inputFormat(), descriptor.outputFormat(), descriptor.serdeInfo(), descriptor.compressed());
    }

    private static Table withStorage(Table table, StorageDescriptor descriptor)
    {
        return new Table(table.databaseName(), table.name(), table.owner(), table.tableType(), table.parameters(), descriptor, table.partitionKeys(),
                table.viewOriginalText(), table.version());
    }
}
