package io.trawl.scan;

import io.trawl.catalog.Column;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.engine.scan.TableEstimate;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.CountingByteMeter;
import io.trawl.scan.writer.ParquetFileWriter;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static io.trawl.scan.ScanTesting.parquetTable;
import static io.trawl.scan.ScanTesting.readAll;
import static io.trawl.scan.ScanTesting.readSplit;
import static io.trawl.scan.ScanTesting.rows;
import static io.trawl.scan.ScanTesting.scanColumns;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.airlift.slice.Slices.utf8Slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetScanTest
{
    private static final DecimalType SHORT_DECIMAL = DecimalType.createDecimalType(15, 2);
    private static final DecimalType LONG_DECIMAL = DecimalType.createDecimalType(30, 5);
    private static final List<String> NAMES = List.of("id", "qty", "price", "big", "ratio", "name", "day", "flag");
    private static final List<Type> TYPES = List.of(BIGINT, INTEGER, SHORT_DECIMAL, LONG_DECIMAL, DOUBLE, VARCHAR, DATE, BOOLEAN);
    private static final List<Column> TABLE_COLUMNS = List.of(
            new Column("id", "bigint"), new Column("qty", "int"), new Column("price", "decimal(15,2)"), new Column("big", "decimal(30,5)"),
            new Column("ratio", "double"), new Column("name", "string"), new Column("day", "date"), new Column("flag", "boolean"));

    @TempDir
    Path directory;

    @Test
    void readsBackEveryTypeAndNullWrittenByTheWriter()
            throws IOException
    {
        List<Page> pages = List.of(page(0, 1000), page(1000, 2500));
        writeParquet(directory.resolve("part-00000.parquet"), pages, ParquetFileWriter.Options.defaults());

        List<List<Object>> expected = new ArrayList<>();
        for (Page page : pages) {
            expected.addAll(rows(page, TYPES));
        }
        Table table = parquetTable(directory, TABLE_COLUMNS);
        List<List<Object>> actual = readAll(LakeScanProvider.forLocalFiles(), table, scanColumns(NAMES, TYPES, TABLE_COLUMNS), TupleDomain.all(), new CountingByteMeter());

        assertThat(actual).as("all rows and columns, NULLs included, in file order").isEqualTo(expected);
        assertThat(actual.stream().filter(row -> row.contains(null)).count()).as("the data has NULLs to compare").isGreaterThan(100);
    }

    @Test
    void producesExactlyTheRequestedColumnsInOrderMatchingNamesIgnoringCase()
            throws IOException
    {
        Page page = page(0, 300);
        writeParquet(directory.resolve("data.parquet"), List.of(page), ParquetFileWriter.Options.defaults());
        Table table = parquetTable(directory, TABLE_COLUMNS);
        List<ScanColumn> columns = List.of(
                new ScanColumn("NAME", 5, VARCHAR),
                new ScanColumn("id", 0, BIGINT),
                new ScanColumn("Name", 5, VARCHAR),
                new ScanColumn("not_in_file", 8, INTEGER));

        List<List<Object>> actual = readAll(LakeScanProvider.forLocalFiles(), table, columns, TupleDomain.all(), new CountingByteMeter());

        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : rows(page, TYPES)) {
            expected.add(java.util.Arrays.asList(row.get(5), row.get(0), row.get(5), null));
        }
        assertThat(actual).as("duplicates repeated, missing column NULL").isEqualTo(expected);
    }

    @Test
    void readsRowCountWithoutColumns()
            throws IOException
    {
        writeParquet(directory.resolve("a.parquet"), List.of(page(0, 777)), ParquetFileWriter.Options.defaults());
        Table table = parquetTable(directory, TABLE_COLUMNS);

        List<List<Object>> rows = readAll(LakeScanProvider.forLocalFiles(), table, List.of(), TupleDomain.all(), new CountingByteMeter());

        assertThat(rows).as("one empty row per stored row").hasSize(777);
    }

    @Test
    void projectionFetchesOnlyTheFooterAndTheProjectedColumnChunks()
            throws IOException
    {
        Path file = directory.resolve("wide.parquet");
        writeParquet(file, List.of(page(0, 100_000), page(100_000, 200_000)), ParquetFileWriter.Options.defaults());
        long fileSize = Files.size(file);
        Table table = parquetTable(directory, TABLE_COLUMNS);

        CountingObjectStore store = new CountingObjectStore();
        LakeScanProvider provider = new LakeScanProvider(store, ScanConfig.defaults());
        CountingByteMeter planning = new CountingByteMeter();
        List<ScanSplit> splits = provider.planSplits(table, planning);
        CountingByteMeter oneColumn = new CountingByteMeter();
        List<ScanColumn> qty = scanColumns(List.of("qty"), List.of(INTEGER), TABLE_COLUMNS);
        long rows = 0;
        for (ScanSplit split : splits) {
            rows += readSplit(provider, table, split, qty, TupleDomain.all(), oneColumn).size();
        }

        CountingObjectStore allStore = new CountingObjectStore();
        LakeScanProvider allProvider = new LakeScanProvider(allStore, ScanConfig.defaults());
        CountingByteMeter all = new CountingByteMeter();
        readAll(allProvider, table, scanColumns(NAMES, TYPES, TABLE_COLUMNS), TupleDomain.all(), all);

        assertThat(rows).as("rows of one column").isEqualTo(200_000);
        assertThat(planning.bytes()).as("planning fetched the footer").isPositive().isLessThan(fileSize);
        assertThat(oneColumn.bytes()).as("one column is a fraction of the file").isPositive().isLessThan(fileSize / 4);
        assertThat(oneColumn.bytes()).as("one column costs less than all columns").isLessThan(all.bytes());
        assertThat(all.bytes()).as("reading everything fetches every byte but the leading magic once: the column chunks, then exactly the footer")
                .isEqualTo(fileSize - 4);
        assertThat(planning.bytes() + oneColumn.bytes()).as("the meters saw every byte the store served").isEqualTo(store.bytesServed());
        assertThat(all.bytes()).as("the meter saw every byte the store served").isEqualTo(allStore.bytesServed());
    }

    @Test
    void footersAreFetchedOncePerProviderAndOnlyThenMetered()
            throws IOException
    {
        writeParquet(directory.resolve("a.parquet"), List.of(page(0, 3000)), ParquetFileWriter.Options.defaults());
        Table table = parquetTable(directory, TABLE_COLUMNS);
        CountingObjectStore store = new CountingObjectStore();
        LakeScanProvider provider = new LakeScanProvider(store, ScanConfig.defaults());

        CountingByteMeter first = new CountingByteMeter();
        provider.planSplits(table, first);
        CountingByteMeter second = new CountingByteMeter();
        provider.planSplits(table, second);

        assertThat(first.bytes()).as("first planning fetches the footer").isPositive().isEqualTo(store.bytesServed());
        assertThat(second.bytes()).as("cached footer: nothing fetched, nothing billed").isZero();
        assertThat(store.bytesServed()).as("store served the footer once").isEqualTo(first.bytes());
    }

    @Test
    void statisticsPruneRowGroupsThatCannotMatch()
            throws IOException
    {
        writeParquet(directory.resolve("sorted.parquet"), List.of(page(0, 40_000)), ParquetFileWriter.Options.defaults().withMaxRowGroupRows(10_000));
        Table table = parquetTable(directory, TABLE_COLUMNS);
        List<ScanColumn> columns = scanColumns(NAMES, TYPES, TABLE_COLUMNS);
        // ids are 7 * row: rows 20_000..20_099 lie in the third row group
        TupleDomain<String> predicate = TupleDomain.withColumnDomains(Map.of("id", Domain.create(
                io.trino.spi.predicate.ValueSet.ofRanges(io.trino.spi.predicate.Range.range(BIGINT, 7L * 20_000, true, 7L * 20_099, true)), false)));

        CountingByteMeter unfilteredMeter = new CountingByteMeter();
        List<List<Object>> unfiltered = readAll(new LakeScanProvider(new CountingObjectStore(), ScanConfig.defaults()), table, columns, TupleDomain.all(), unfilteredMeter);
        CountingByteMeter prunedMeter = new CountingByteMeter();
        List<List<Object>> pruned = readAll(new LakeScanProvider(new CountingObjectStore(), ScanConfig.defaults()), table, columns, predicate, prunedMeter);

        assertThat(matching(pruned)).as("same matching rows with pruning").isEqualTo(matching(unfiltered)).hasSize(100);
        assertThat(pruned.size()).as("only the third row group was read").isEqualTo(10_000);
        assertThat(prunedMeter.bytes()).as("pruned scan reads less").isLessThan(unfilteredMeter.bytes() / 2);
    }

    @Test
    void predicateThatMatchesNothingReadsNoRowGroups()
            throws IOException
    {
        writeParquet(directory.resolve("sorted.parquet"), List.of(page(0, 20_000)), ParquetFileWriter.Options.defaults().withMaxRowGroupRows(5_000));
        Table table = parquetTable(directory, TABLE_COLUMNS);
        TupleDomain<String> predicate = TupleDomain.withColumnDomains(Map.of("id", Domain.singleValue(BIGINT, -5L)));

        List<List<Object>> rows = readAll(LakeScanProvider.forLocalFiles(), table, scanColumns(List.of("qty"), List.of(INTEGER), TABLE_COLUMNS), predicate, new CountingByteMeter());

        assertThat(rows).as("no row group has id -5").isEmpty();
    }

    @Test
    void splitsOfAMultiRowGroupFileCoverEveryRowExactlyOnce()
            throws IOException
    {
        writeParquet(directory.resolve("a.parquet"), List.of(page(0, 30_000)), ParquetFileWriter.Options.defaults().withMaxRowGroupRows(4_000));
        writeParquet(directory.resolve("b.parquet"), List.of(page(30_000, 35_000)), ParquetFileWriter.Options.defaults().withMaxRowGroupRows(4_000));
        Table table = parquetTable(directory, TABLE_COLUMNS);
        LakeScanProvider provider = new LakeScanProvider(new CountingObjectStore(), new ScanConfig(1, 0));
        List<ScanColumn> id = scanColumns(List.of("id"), List.of(BIGINT), TABLE_COLUMNS);

        List<ScanSplit> splits = provider.planSplits(table, new CountingByteMeter());
        List<Long> ids = new ArrayList<>();
        for (ScanSplit split : splits) {
            List<List<Object>> rows = readSplit(provider, table, split, id, TupleDomain.all(), new CountingByteMeter());
            assertThat(rows).as("split %s holds whole row groups", split).isNotEmpty();
            rows.forEach(row -> ids.add((Long) row.getFirst()));
        }

        assertThat(splits).as("one split per row group: 8 + 2").hasSize(10);
        ids.sort(Comparator.naturalOrder());
        List<Long> expected = new ArrayList<>();
        for (long row = 0; row < 35_000; row++) {
            expected.add(row * 7);
        }
        assertThat(ids).as("every row exactly once").isEqualTo(expected);
    }

    @Test
    void estimateSumsFileSizesAndFooterRowCounts()
            throws IOException
    {
        writeParquet(directory.resolve("a.parquet"), List.of(page(0, 1200)), ParquetFileWriter.Options.defaults());
        writeParquet(directory.resolve("nested/b.parquet"), List.of(page(0, 800)), ParquetFileWriter.Options.defaults());
        Files.writeString(directory.resolve("_SUCCESS"), "not data");

        TableEstimate estimate = LakeScanProvider.forLocalFiles().estimate(parquetTable(directory, TABLE_COLUMNS));

        assertThat(estimate.totalBytes()).as("two data files, marker ignored").isEqualTo(Files.size(directory.resolve("a.parquet")) + Files.size(directory.resolve("nested/b.parquet")));
        assertThat(estimate.rowCount()).isEqualTo(OptionalLong.of(2000));
        assertThat(estimate.integerRanges()).as("integer columns have min/max statistics over both files").isNotEmpty();
        estimate.integerRanges().values().forEach(range -> assertThat(range.min()).isLessThanOrEqualTo(range.max()));
    }

    @Test
    void corruptFileIsBadDataNamingTheFile()
            throws IOException
    {
        Path file = directory.resolve("broken.parquet");
        Files.writeString(file, "PAR1 this is not really parquet at all PAR2");
        Table table = parquetTable(directory, TABLE_COLUMNS);

        assertThatThrownBy(() -> LakeScanProvider.forLocalFiles().planSplits(table, new CountingByteMeter()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_DATA))
                .hasMessageStartingWith("Corrupt Parquet file " + file.toUri() + ": ")
                .hasMessageContaining("magic");
    }

    @Test
    void truncatedFileIsBadDataNamingTheFile()
            throws IOException
    {
        Path file = directory.resolve("cut.parquet");
        writeParquet(file, List.of(page(0, 5000)), ParquetFileWriter.Options.defaults());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Table table = parquetTable(directory, TABLE_COLUMNS);

        assertThatThrownBy(() -> readAll(LakeScanProvider.forLocalFiles(), table, scanColumns(NAMES, TYPES, TABLE_COLUMNS), TupleDomain.all(), new CountingByteMeter()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_DATA))
                .hasMessageStartingWith("Corrupt Parquet file " + file.toUri() + ": ");
    }

    @Test
    void corruptColumnDataIsBadDataNamingTheFile()
            throws IOException
    {
        Path file = directory.resolve("scrambled.parquet");
        writeParquet(file, List.of(page(0, 5000)), ParquetFileWriter.Options.defaults());
        byte[] bytes = Files.readAllBytes(file);
        // the first column chunk starts right after the 4-byte magic with a page header
        java.util.Arrays.fill(bytes, 4, 64, (byte) 0xFF);
        Files.write(file, bytes);
        Table table = parquetTable(directory, TABLE_COLUMNS);

        assertThatThrownBy(() -> readAll(LakeScanProvider.forLocalFiles(), table, scanColumns(NAMES, TYPES, TABLE_COLUMNS), TupleDomain.all(), new CountingByteMeter()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_DATA))
                .hasMessageStartingWith("Corrupt Parquet file " + file.toUri() + ": ");
    }

    @Test
    void columnStoredWithAnIncompatibleTypeIsBadDataNamingFileAndColumn()
            throws IOException
    {
        Path file = directory.resolve("typed.parquet");
        writeParquet(file, List.of(page(0, 100)), ParquetFileWriter.Options.defaults());
        Table table = parquetTable(directory, TABLE_COLUMNS);

        assertThatThrownBy(() -> readAll(LakeScanProvider.forLocalFiles(), table, List.of(new ScanColumn("name", 5, BIGINT)), TupleDomain.all(), new CountingByteMeter()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_DATA))
                .hasMessage("Parquet file %s: column 'name' is stored as BINARY (STRING), which cannot be read as bigint".formatted(file.toUri()));
        assertThatThrownBy(() -> readAll(LakeScanProvider.forLocalFiles(), table, List.of(new ScanColumn("id", 0, INTEGER)), TupleDomain.all(), new CountingByteMeter()))
                .as("narrowing would change values")
                .hasMessage("Parquet file %s: column 'id' is stored as INT64 (INTEGER(64,true)), which cannot be read as integer".formatted(file.toUri()));
    }

    @Test
    void integerColumnWidensToBigint()
            throws IOException
    {
        writeParquet(directory.resolve("w.parquet"), List.of(page(0, 100)), ParquetFileWriter.Options.defaults());
        Table table = parquetTable(directory, TABLE_COLUMNS);

        List<List<Object>> rows = readAll(LakeScanProvider.forLocalFiles(), table, List.of(new ScanColumn("qty", 1, BIGINT)), TupleDomain.all(), new CountingByteMeter());

        List<List<Object>> expected = rows(page(0, 100), TYPES).stream()
                .map(row -> java.util.Arrays.<Object>asList(row.get(1) == null ? null : ((Integer) row.get(1)).longValue()))
                .toList();
        assertThat(rows).isEqualTo(expected);
    }

    @Test
    void missingLocationIsInvalidLocation()
    {
        Path missing = directory.resolve("nope");
        Table table = parquetTable(missing, TABLE_COLUMNS);

        assertThatThrownBy(() -> LakeScanProvider.forLocalFiles().planSplits(table, new CountingByteMeter()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION))
                .hasMessage("Location '%s' does not exist".formatted(missing.toUri()));
    }

    private static List<List<Object>> matching(List<List<Object>> rows)
    {
        return rows.stream()
                .filter(row -> row.getFirst() != null && (Long) row.getFirst() >= 7L * 20_000 && (Long) row.getFirst() <= 7L * 20_099)
                .toList();
    }

    private static void writeParquet(Path file, List<Page> pages, ParquetFileWriter.Options options)
            throws IOException
    {
        Files.createDirectories(file.getParent());
        try (OutputStream output = Files.newOutputStream(file);
                ParquetFileWriter writer = new ParquetFileWriter(output, NAMES, TYPES, options)) {
            for (Page page : pages) {
                writer.write(page);
            }
        }
    }

    /** Rows {@code [from, to)}: ids ascending (7 * row, never NULL), other columns NULL now and then. */
    static Page page(int from, int to)
    {
        PageBuilder builder = new PageBuilder(TYPES);
        for (int position = from; position < to; position++) {
            int row = position;
            builder.declarePosition();
            BIGINT.writeLong(builder.getBlockBuilder(0), 7L * row);
            writeOrNull(builder.getBlockBuilder(1), row % 11 == 1, block -> INTEGER.writeLong(block, (row % 1000) - 500));
            writeOrNull(builder.getBlockBuilder(2), row % 13 == 2, block -> SHORT_DECIMAL.writeLong(block, row * 12_345L - 99_999));
            writeOrNull(builder.getBlockBuilder(3), row % 17 == 3, block -> LONG_DECIMAL.writeObject(block, Int128.valueOf(new java.math.BigInteger("123456789012345678901234").multiply(java.math.BigInteger.valueOf(row - 5)))));
            writeOrNull(builder.getBlockBuilder(4), row % 19 == 4, block -> DOUBLE.writeDouble(block, row / 3.0));
            writeOrNull(builder.getBlockBuilder(5), row % 7 == 5, block -> VARCHAR.writeSlice(block, utf8Slice("name-" + (row % 5000) + "-ü")));
            writeOrNull(builder.getBlockBuilder(6), row % 23 == 6, block -> DATE.writeLong(block, 8000 + row % 3000));
            writeOrNull(builder.getBlockBuilder(7), row % 29 == 7, block -> BOOLEAN.writeBoolean(block, row % 2 == 0));
        }
        return builder.build();
    }

    private static void writeOrNull(BlockBuilder block, boolean isNull, java.util.function.Consumer<BlockBuilder> writer)
    {
        if (isNull) {
            block.appendNull();
        }
        else {
            writer.accept(block);
        }
    }
}
