package io.trawl.datagen;

import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.meter.CountingByteMeter;
import io.trawl.engine.scan.ScanColumn;
import io.trino.spi.Page;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.SqlDate;
import io.trino.spi.type.SqlDecimal;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class TpchGeneratorTest
{
    private static final Map<String, Long> SF_001_ROWS = Map.of(
            "lineitem", 60175L, "orders", 15000L, "customer", 1500L, "part", 2000L,
            "partsupp", 8000L, "supplier", 100L, "nation", 25L, "region", 5L);

    @TempDir
    Path directory;

    @Test
    void parquetTablesHaveTpchRowCountsAtScaleFactorOneHundredth()
    {
        TpchGenerator.generate(directory, 0.01, TpchFormat.PARQUET, 3);

        assertThat(rowCounts(TpchFormat.PARQUET)).as("row counts per table").isEqualTo(SF_001_ROWS);
        assertThat(directory.resolve("lineitem/part-00002.parquet")).as("lineitem is split into three files").exists();
        assertThat(directory.resolve("nation/part-00001.parquet")).as("nation is one file").doesNotExist();
    }

    @Test
    void csvTablesHaveTpchRowCountsAtScaleFactorOneHundredth()
    {
        TpchGenerator.generate(directory, 0.01, TpchFormat.CSV, 2);

        assertThat(rowCounts(TpchFormat.CSV)).as("row counts per table").isEqualTo(SF_001_ROWS);
    }

    @Test
    void lineitemValuesAreTheGeneratorsWithExactDecimalsAndDates()
            throws IOException
    {
        TpchGenerator.generate(directory, 0.01, TpchFormat.PARQUET, 1);
        Path csvRoot = directory.resolve("csv");
        TpchGenerator.generate(csvRoot, 0.01, TpchFormat.CSV, 1);

        List<ScanColumn> columns = List.of(
                new ScanColumn("l_orderkey", 0, BIGINT),
                new ScanColumn("l_linenumber", 3, INTEGER),
                new ScanColumn("l_extendedprice", 5, DecimalType.createDecimalType(15, 2)),
                new ScanColumn("l_shipdate", 10, DATE),
                new ScanColumn("l_comment", 15, VARCHAR));
        List<List<Object>> expected = new ArrayList<>();
        for (LineItem item : TpchTable.LINE_ITEM.createGenerator(0.01, 1, 1)) {
            expected.add(List.of(item.orderKey(), item.lineNumber(), new SqlDecimal(BigInteger.valueOf(item.extendedPriceInCents()), 15, 2), new SqlDate(item.shipDate()), item.comment()));
        }

        assertThat(read(table(directory, "lineitem", TpchFormat.PARQUET), columns)).as("parquet lineitem").isEqualTo(expected);
        assertThat(read(table(csvRoot, "lineitem", TpchFormat.CSV), columns)).as("csv lineitem").isEqualTo(expected);
        assertThat(Files.readAllLines(csvRoot.resolve("lineitem/part-00000.csv")).getFirst())
                .as("header line").startsWith("l_orderkey|l_partkey|l_suppkey|l_linenumber|l_quantity|");
    }

    @Test
    void generatingAgainLeavesCompleteTablesAlone()
            throws IOException
    {
        TpchGenerator.generate(directory, 0.01, TpchFormat.PARQUET, 2);
        Path file = directory.resolve("orders/part-00000.parquet");
        FileTime before = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, before);

        TpchGenerator.generate(directory, 0.01, TpchFormat.PARQUET, 2);
        assertThat(Files.getLastModifiedTime(file)).as("same request: file untouched").isEqualTo(before);

        TpchGenerator.generate(directory, 0.01, TpchFormat.PARQUET, 1);
        assertThat(Files.getLastModifiedTime(file)).as("different request: regenerated").isNotEqualTo(before);
        assertThat(directory.resolve("orders/part-00001.parquet")).as("old files removed").doesNotExist();
        assertThat(rowCounts(TpchFormat.PARQUET)).as("still exact").isEqualTo(SF_001_ROWS);
    }

    @Test
    void createTableSqlDescribesTheGeneratedFiles()
    {
        java.net.URI location = TpchGenerator.tableLocation(Path.of("/data/tpch"), "region");

        assertThat(TpchGenerator.createTableSql("tpch", "region", location, TpchFormat.PARQUET)).isEqualTo("""
                CREATE EXTERNAL TABLE IF NOT EXISTS tpch.region (
                  r_regionkey bigint,
                  r_name string,
                  r_comment string
                )
                STORED AS PARQUET
                LOCATION 'file:///data/tpch/region/'""");
        assertThat(TpchGenerator.createTableSql("tpch", "nation", TpchGenerator.tableLocation(Path.of("/data/tpch"), "nation"), TpchFormat.CSV)).isEqualTo("""
                CREATE EXTERNAL TABLE IF NOT EXISTS tpch.nation (
                  n_nationkey bigint,
                  n_name string,
                  n_regionkey bigint,
                  n_comment string
                )
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'
                STORED AS TEXTFILE
                LOCATION 'file:///data/tpch/nation/'
                TBLPROPERTIES ('skip.header.line.count'='1')""");
        assertThat(TpchGenerator.tableNames()).containsExactly("customer", "orders", "lineitem", "part", "partsupp", "supplier", "nation", "region");
    }

    private Map<String, Long> rowCounts(TpchFormat format)
    {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : TpchGenerator.tableNames()) {
            counts.put(name, (long) read(table(directory, name, format), List.of()).size());
        }
        return counts;
    }

    private static List<List<Object>> read(Table table, List<ScanColumn> columns)
    {
        LakeScanProvider provider = LakeScanProvider.forLocalFiles();
        CountingByteMeter meter = new CountingByteMeter();
        List<List<Object>> rows = new ArrayList<>();
        for (ScanSplit split : provider.planSplits(table, meter)) {
            try (PageSource source = provider.createPageSource(table, split, columns, TupleDomain.all(), meter)) {
                for (Page page = source.nextPage(); page != null; page = source.nextPage()) {
                    for (int position = 0; position < page.getPositionCount(); position++) {
                        List<Object> row = new ArrayList<>();
                        for (int channel = 0; channel < columns.size(); channel++) {
                            row.add(columns.get(channel).type().getObjectValue(page.getBlock(channel), position));
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    private static Table table(Path root, String name, TpchFormat format)
    {
        List<Column> columns = TpchTable.getTable(name).getColumns().stream()
                .map(column -> new Column(column.getColumnName(), "unused"))
                .toList();
        String location = TpchGenerator.tableLocation(root, name).toString();
        StorageDescriptor descriptor = switch (format) {
            case PARQUET -> new StorageDescriptor(columns, location, StorageDescriptor.PARQUET_INPUT_FORMAT, StorageDescriptor.PARQUET_OUTPUT_FORMAT,
                    new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of()), false);
            case CSV -> new StorageDescriptor(columns, location, StorageDescriptor.TEXT_INPUT_FORMAT, StorageDescriptor.TEXT_OUTPUT_FORMAT,
                    new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE, Map.of("field.delim", "|")), false);
        };
        Map<String, String> parameters = format == TpchFormat.CSV ? Map.of("skip.header.line.count", "1") : Map.of();
        return new Table("tpch", name, "tester", Table.EXTERNAL_TABLE, parameters, descriptor, List.of(), Optional.empty(), 1);
    }
}
