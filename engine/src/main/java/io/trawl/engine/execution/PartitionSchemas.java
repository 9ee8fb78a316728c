package io.trawl.engine.execution;

import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Partition;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Partition schema evolution as Athena applies it: a partition keeps the column list it was registered with,
 * and is read with the table's current schema when each of its columns can be coerced to the table's type.
 * Columns are matched by position for the text SerDes (their fields have no names) and by name for the
 * self-describing formats (Parquet, Avro, JSON). An incompatible pair fails with Athena's
 * HIVE_PARTITION_SCHEMA_MISMATCH message rather than reading wrong data.
 */
final class PartitionSchemas
{
    private static final Set<String> POSITIONAL_SERDES = Set.of(SerDeInfo.LAZY_SIMPLE_SERDE, SerDeInfo.OPEN_CSV_SERDE);

    private PartitionSchemas() {}

    static void check(Table table, Partition partition)
    {
        List<Column> partitionColumns = partition.storageDescriptor().columns();
        List<Column> tableColumns = table.storageDescriptor().columns();
        if (partitionColumns.isEmpty() || partitionColumns.equals(tableColumns)) {
            return;
        }
        boolean positional = POSITIONAL_SERDES.contains(table.storageDescriptor().serdeInfo().serializationLibrary());
        for (int i = 0; i < tableColumns.size(); i++) {
            Column tableColumn = tableColumns.get(i);
            Column partitionColumn = positional ? (i < partitionColumns.size() ? partitionColumns.get(i) : null) : byName(partitionColumns, tableColumn.name());
            if (partitionColumn == null) {
                // a column added to the table after the partition was registered reads as NULL there
                continue;
            }
            Type from = HiveTypes.toTrinoType(partitionColumn.type());
            Type to = HiveTypes.toTrinoType(tableColumn.type());
            if (!coercible(from, to)) {
                throw new TrawlException(ErrorCode.TYPE_MISMATCH, ("HIVE_PARTITION_SCHEMA_MISMATCH: There is a mismatch between the table and partition schemas. "
                        + "The types are incompatible and cannot be coerced. The column '%s' in table '%s' is declared as type '%s', but partition '%s' declared column '%s' as type '%s'.")
                        .formatted(tableColumn.name(), table.qualifiedName(), tableColumn.type(), partition.displayName(table.partitionKeys()), partitionColumn.name(), partitionColumn.type()));
            }
        }
    }

    private static Column byName(List<Column> columns, String name)
    {
        for (Column column : columns) {
            if (column.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return column;
            }
        }
        return null;
    }

    /** Hive's implicit widenings: integers to wider integers or doubles, float to double, decimals that lose no digits, any text to string. */
    static boolean coercible(Type from, Type to)
    {
        if (from.equals(to)) {
            return true;
        }
        if (integralRank(from) > 0 && integralRank(to) > 0) {
            return integralRank(from) <= integralRank(to);
        }
        if (integralRank(from) > 0 || from instanceof RealType) {
            if (to instanceof DoubleType) {
                return true;
            }
        }
        if (from instanceof DecimalType a && to instanceof DecimalType b) {
            return b.getScale() >= a.getScale() && b.getPrecision() - b.getScale() >= a.getPrecision() - a.getScale();
        }
        return (from instanceof VarcharType || from instanceof CharType) && to instanceof VarcharType varchar && varchar.isUnbounded();
    }

    private static int integralRank(Type type)
    {
        return io.trawl.engine.analyzer.TypeCoercion.integralRank(type);
    }
}
