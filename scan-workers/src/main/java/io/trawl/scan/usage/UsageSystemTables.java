package io.trawl.scan.usage;

import io.trawl.billing.ledger.UsageRecordFormat;
import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.analyzer.SystemTables;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The {@code system} catalog: {@code system.billing.usage} is the usage ledger read as an external Avro table over
 * {@code <meta>/usage/}, so the ordinary scan path reads the ledger's real files (every file under the location,
 * recursively, as Hive lists a table) and any report is a SQL query:
 * <pre>
 *   SELECT workgroup, sum(cost) FROM system.billing.usage WHERE usage_date &gt;= DATE '2026-12-01' GROUP BY 1
 * </pre>
 * Columns are {@link UsageRecordFormat#COLUMNS}; the table's Avro schema is the one the ledger writes with, so the
 * decimal cost and the millisecond timestamps read back exactly. The table is marked with
 * {@link SystemTables#SYSTEM_TABLE_PARAMETER}: reading it is not billed.
 */
public final class UsageSystemTables
        implements SystemTables
{
    public static final String CATALOG = "system";
    public static final String SCHEMA = "billing";
    public static final String TABLE = "usage";
    public static final String QUALIFIED_NAME = CATALOG + "." + SCHEMA + "." + TABLE;

    private final Table usage;

    public UsageSystemTables(URI metaLocation)
    {
        this.usage = usageTable(ObjectStoreLedgerStorage.usageLocation(requireNonNull(metaLocation, "metaLocation is null")));
    }

    @Override
    public Set<String> catalogs()
    {
        return Set.of(CATALOG);
    }

    @Override
    public Optional<Table> find(String catalog, String schema, String table)
    {
        return CATALOG.equals(catalog) && SCHEMA.equals(schema) && TABLE.equals(table) ? Optional.of(usage) : Optional.empty();
    }

    private static Table usageTable(URI location)
    {
        List<Column> columns = UsageRecordFormat.COLUMNS.stream().map(column -> new Column(column.name(), column.hiveType())).toList();
        StorageDescriptor storage = new StorageDescriptor(columns, location.toString(), StorageDescriptor.AVRO_INPUT_FORMAT, StorageDescriptor.AVRO_OUTPUT_FORMAT,
                new SerDeInfo(SerDeInfo.AVRO_SERDE, Map.of()), false);
        Map<String, String> parameters = Map.of(
                "avro.schema.literal", UsageRecordFormat.SCHEMA.toString(),
                "classification", "avro",
                SYSTEM_TABLE_PARAMETER, QUALIFIED_NAME,
                // each user's own usage is its to read
                io.trawl.engine.analyzer.SystemTables.OWNER_COLUMN_PARAMETER, "principal");
        // the database part carries the catalog, so plans, errors and task statistics say system.billing.usage
        return new Table(CATALOG + "." + SCHEMA, TABLE, "trawl", Table.EXTERNAL_TABLE, parameters, storage, List.of(), Optional.empty(), 0);
    }
}
