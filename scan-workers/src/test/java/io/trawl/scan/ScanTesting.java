package io.trawl.scan;

import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanSplit;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builders for catalog tables over test directories, and a way to read splits back as plain rows. */
final class ScanTesting
{
    private ScanTesting() {}

    static Table parquetTable(Path directory, List<Column> columns)
    {
        return new Table("test", "t", "tester", Table.EXTERNAL_TABLE, Map.of(),
                new StorageDescriptor(columns, directory.toUri().toString(), StorageDescriptor.PARQUET_INPUT_FORMAT, StorageDescriptor.PARQUET_OUTPUT_FORMAT,
                        new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of()), false),
                List.of(), Optional.empty(), 1);
    }

    static Table textTable(Path directory, List<Column> columns, Map<String, String> serdeParameters, Map<String, String> tableParameters)
    {
        return new Table("test", "t", "tester", Table.EXTERNAL_TABLE, tableParameters,
                new StorageDescriptor(columns, directory.toUri().toString(), StorageDescriptor.TEXT_INPUT_FORMAT, StorageDescriptor.TEXT_OUTPUT_FORMAT,
                        new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE, serdeParameters), false),
                List.of(), Optional.empty(), 1);
    }

    static Table table(Path directory, List<Column> columns, String inputFormat, String serde, Map<String, String> serdeParameters, Map<String, String> tableParameters)
    {
        return new Table("test", "t", "tester", Table.EXTERNAL_TABLE, tableParameters,
                new StorageDescriptor(columns, directory.toUri().toString(), inputFormat, StorageDescriptor.TEXT_OUTPUT_FORMAT,
                        new SerDeInfo(serde, serdeParameters), false),
                List.of(), Optional.empty(), 1);
    }

    /** Every table column, in table order, with the Trino type its Hive spelling names. */
    static List<ScanColumn> allColumns(List<Column> tableColumns)
    {
        List<ScanColumn> columns = new ArrayList<>();
        for (int i = 0; i < tableColumns.size(); i++) {
            columns.add(new ScanColumn(tableColumns.get(i).name(), i, HiveTypes.toTrinoType(tableColumns.get(i).type())));
        }
        return columns;
    }

    static List<ScanColumn> scanColumns(List<String> names, List<Type> types, List<Column> tableColumns)
    {
        List<ScanColumn> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int ordinal = -1;
            for (int j = 0; j < tableColumns.size(); j++) {
                if (tableColumns.get(j).name().equalsIgnoreCase(name)) {
                    ordinal = j;
                }
            }
            columns.add(new ScanColumn(name, ordinal, types.get(i)));
        }
        return columns;
    }

    static List<List<Object>> readAll(ScanProvider provider, Table table, List<ScanColumn> columns, TupleDomain<String> predicate, ByteMeter meter)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (ScanSplit split : provider.planSplits(table, meter)) {
            rows.addAll(readSplit(provider, table, split, columns, predicate, meter));
        }
        return rows;
    }

    static List<List<Object>> readSplit(ScanProvider provider, Table table, ScanSplit split, List<ScanColumn> columns, TupleDomain<String> predicate, ByteMeter meter)
    {
        try (PageSource source = provider.createPageSource(table, split, columns, predicate, meter)) {
            List<List<Object>> rows = new ArrayList<>();
            for (Page page = source.nextPage(); page != null; page = source.nextPage()) {
                rows.addAll(rows(page, columns.stream().map(ScanColumn::type).toList()));
            }
            return rows;
        }
    }

    static List<List<Object>> rows(Page page, List<Type> types)
    {
        if (page.getChannelCount() != types.size()) {
            throw new AssertionError("page has %d channels, expected %d".formatted(page.getChannelCount(), types.size()));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int position = 0; position < page.getPositionCount(); position++) {
            Object[] row = new Object[types.size()];
            for (int channel = 0; channel < types.size(); channel++) {
                Block block = page.getBlock(channel);
                row[channel] = types.get(channel).getObjectValue(block, position);
            }
            rows.add(Arrays.asList(row));
        }
        return rows;
    }
}
