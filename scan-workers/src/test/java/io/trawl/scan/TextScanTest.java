package io.trawl.scan;

import io.trawl.catalog.Column;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.scan.meter.CountingByteMeter;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.SqlDate;
import io.trino.spi.type.SqlDecimal;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.trawl.scan.ScanTesting.readAll;
import static io.trawl.scan.ScanTesting.readSplit;
import static io.trawl.scan.ScanTesting.scanColumns;
import static io.trawl.scan.ScanTesting.textTable;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class TextScanTest
{
    private static final DecimalType MONEY = DecimalType.createDecimalType(15, 2);
    private static final List<Column> COLUMNS = List.of(new Column("id", "bigint"), new Column("name", "string"), new Column("price", "decimal(15,2)"), new Column("day", "date"));
    private static final List<String> NAMES = List.of("id", "name", "price", "day");
    private static final List<Type> TYPES = List.of(BIGINT, VARCHAR, MONEY, DATE);

    @TempDir
    Path directory;

    @Test
    void readsDelimitedFieldsSkippingTheHeaderLine()
            throws IOException
    {
        Files.writeString(directory.resolve("data.csv"), "id|name|price|day\n1|apple|1.50|2024-01-31\n2||abc|1999-12-31\n3|cherry|\\N|\n");
        Table table = textTable(directory, COLUMNS, Map.of("field.delim", "|"), Map.of("skip.header.line.count", "1"));

        List<List<Object>> rows = readAll(LakeScanProvider.forLocalFiles(), table, scanColumns(NAMES, TYPES, COLUMNS), TupleDomain.all(), new CountingByteMeter());

        assertThat(rows).as("header skipped; unparsable values and \\N are NULL; empty string stays empty for text").containsExactly(
                row(1L, "apple", money(150), date(2024, 1, 31)),
                row(2L, "", null, date(1999, 12, 31)),
                row(3L, "cherry", null, null));
    }

    @Test
    void readsGzipFilesAsOneSplit()
            throws IOException
    {
        StringBuilder text = new StringBuilder("id,name,price,day\n");
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            text.append(i).append(",n").append(i).append(',').append(i).append(".25,2020-02-29\n");
            expected.add(row((long) i, "n" + i, money(i * 100L + 25), date(2020, 2, 29)));
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(directory.resolve("data.csv.gz")))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        Table table = textTable(directory, COLUMNS, Map.of("field.delim", ","), Map.of("skip.header.line.count", "1"));
        LakeScanProvider provider = new LakeScanProvider(new CountingObjectStore(), new ScanConfig(100, 0));

        List<ScanSplit> splits = provider.planSplits(table, new CountingByteMeter());
        CountingByteMeter meter = new CountingByteMeter();
        List<List<Object>> rows = readAll(provider, table, scanColumns(NAMES, TYPES, COLUMNS), TupleDomain.all(), meter);

        assertThat(splits).as("compressed text is not splittable").hasSize(1);
        assertThat(rows).as("all rows decompressed").isEqualTo(expected);
        assertThat(meter.bytes()).as("compressed bytes fetched, once").isEqualTo(Files.size(directory.resolve("data.csv.gz")));
    }

    @Test
    void linesSpanningSplitBoundariesAreReadExactlyOnce()
            throws IOException
    {
        StringBuilder text = new StringBuilder("id,name,price,day\r\n");
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            String name = "x".repeat(i % 37);
            text.append(i).append(',').append(name).append(',').append(i % 50).append(".0").append(i % 10).append(",2001-0").append(1 + i % 9).append("-1").append(i % 10).append(i % 3 == 0 ? "\r\n" : "\n");
            expected.add(row((long) i, name, money((i % 50) * 100L + i % 10), date(2001, 1 + i % 9, 10 + i % 10)));
        }
        Files.writeString(directory.resolve("data.csv"), text);
        Table table = textTable(directory, COLUMNS, Map.of("field.delim", ","), Map.of("skip.header.line.count", "1"));

        for (long splitBytes : new long[] {1, 7, 64, 1000, 1 << 20}) {
            CountingObjectStore store = new CountingObjectStore();
            LakeScanProvider provider = new LakeScanProvider(store, new ScanConfig(splitBytes, 0));
            CountingByteMeter meter = new CountingByteMeter();
            List<ScanSplit> splits = provider.planSplits(table, meter);
            List<List<Object>> rows = new ArrayList<>();
            for (ScanSplit split : splits) {
                rows.addAll(readSplit(provider, table, split, scanColumns(NAMES, TYPES, COLUMNS), TupleDomain.all(), meter));
            }
            assertThat(rows).as("every line once with %d-byte splits", splitBytes).isEqualTo(expected);
            assertThat(meter.bytes()).as("metered bytes are the bytes served").isEqualTo(store.bytesServed());
        }
    }

    @Test
    void shortRowsReadNullForMissingFieldsAndLongRowsDropExtraFieldsAsAthenaDoes()
            throws IOException
    {
        StringBuilder text = new StringBuilder("id,name,price,day\n");
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            if (i == 150) {
                text.append("150,too,few\n");
                expected.add(row(150L, "too", null, null));
            }
            else if (i == 151) {
                text.append("151,n,1.00,2020-01-01,extra,fields\n");
                expected.add(row(151L, "n", money(100), date(2020, 1, 1)));
            }
            else {
                text.append(i).append(",n,1.00,2020-01-01\n");
                expected.add(row((long) i, "n", money(100), date(2020, 1, 1)));
            }
        }
        Files.writeString(directory.resolve("ragged.csv"), text);
        Table table = textTable(directory, COLUMNS, Map.of("field.delim", ","), Map.of("skip.header.line.count", "1"));

        for (long splitBytes : new long[] {1 << 20, 100}) {
            LakeScanProvider provider = new LakeScanProvider(new CountingObjectStore(), new ScanConfig(splitBytes, 0));
            assertThat(readAll(provider, table, scanColumns(NAMES, TYPES, COLUMNS), TupleDomain.all(), new CountingByteMeter()))
                    .as("split size %d: missing fields NULL, extra fields dropped", splitBytes)
                    .isEqualTo(expected);
        }
    }

    @Test
    void hiddenAndEmptyFilesAreSkipped()
            throws IOException
    {
        Files.writeString(directory.resolve("part-0"), "1\u0001a\u00011.00\u00012020-01-01\n");
        Files.createDirectories(directory.resolve("sub"));
        Files.writeString(directory.resolve("sub/part-1"), "2\u0001b\u00012.00\u00012020-01-02\n");
        Files.writeString(directory.resolve("_SUCCESS"), "garbage");
        Files.writeString(directory.resolve(".part-2.crc"), "garbage");
        Files.createDirectories(directory.resolve("_temporary"));
        Files.writeString(directory.resolve("_temporary/part-3"), "garbage");
        Files.writeString(directory.resolve("empty"), "");
        Table table = textTable(directory, COLUMNS, Map.of(), Map.of());

        List<ScanSplit> splits = LakeScanProvider.forLocalFiles().planSplits(table, new CountingByteMeter());
        List<List<Object>> rows = readAll(LakeScanProvider.forLocalFiles(), table, scanColumns(NAMES, TYPES, COLUMNS), TupleDomain.all(), new CountingByteMeter());

        assertThat(splits).as("only the two data files").extracting(ScanSplit::path)
                .containsExactly(directory.resolve("part-0").toUri().toString(), directory.resolve("sub/part-1").toUri().toString());
        assertThat(rows).as("Hive's default \\u0001 delimiter").containsExactly(
                row(1L, "a", money(100), date(2020, 1, 1)),
                row(2L, "b", money(200), date(2020, 1, 2)));
    }

    @Test
    void projectsColumnsByOrdinalInRequestedOrder()
            throws IOException
    {
        Files.writeString(directory.resolve("d.csv"), "7,seven,7.77,2007-07-07\n");
        Table table = textTable(directory, COLUMNS, Map.of("field.delim", ","), Map.of());
        List<ScanColumn> columns = List.of(new ScanColumn("day", 3, DATE), new ScanColumn("id", 0, BIGINT), new ScanColumn("day", 3, DATE), new ScanColumn("name", 1, VARCHAR));

        List<List<Object>> rows = readAll(LakeScanProvider.forLocalFiles(), table, columns, TupleDomain.all(), new CountingByteMeter());

        assertThat(rows).containsExactly(row(date(2007, 7, 7), 7L, date(2007, 7, 7), "seven"));
    }

    @Test
    void openCsvSerdeHonoursQuotesWhenSplittingFields()
            throws IOException
    {
        Path file = directory.resolve("q.csv");
        Files.writeString(file, "\"a,1\",plain\nx,\"y \"\"z\"\"\"\n\"only one field, quoted\"\n");
        List<Column> columns = List.of(new Column("first", "string"), new Column("second", "string"));
        Table table = new Table("test", "t", "tester", Table.EXTERNAL_TABLE, Map.of(),
                new io.trawl.catalog.StorageDescriptor(columns, directory.toUri().toString(), io.trawl.catalog.StorageDescriptor.TEXT_INPUT_FORMAT,
                        io.trawl.catalog.StorageDescriptor.TEXT_OUTPUT_FORMAT, new io.trawl.catalog.SerDeInfo(io.trawl.catalog.SerDeInfo.OPEN_CSV_SERDE, Map.of()), false),
                List.of(), java.util.Optional.empty(), 1);
        List<ScanColumn> scan = scanColumns(List.of("second", "first"), List.of(VARCHAR, VARCHAR), columns);

        assertThat(readAll(LakeScanProvider.forLocalFiles(), table, scan, TupleDomain.all(), new CountingByteMeter()))
                .as("quoted separators are data; a missing field is NULL").containsExactly(row("plain", "a,1"), row("y \"z\"", "x"), row(null, "only one field, quoted"));
    }

    private static List<Object> row(Object... values)
    {
        return Arrays.asList(values);
    }

    private static SqlDecimal money(long cents)
    {
        return new SqlDecimal(BigInteger.valueOf(cents), 15, 2);
    }

    private static SqlDate date(int year, int month, int day)
    {
        return new SqlDate((int) java.time.LocalDate.of(year, month, day).toEpochDay());
    }
}
