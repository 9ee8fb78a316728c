package io.trawl.datagen;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.writer.DelimitedTextWriter;
import io.trawl.scan.writer.ParquetFileWriter;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Type;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * Writes the eight TPC-H tables with the reference generator ({@code io.trino.tpch}) as Parquet or CSV files:
 * {@code <directory>/<table>/part-00000.<ext>}, ... and a {@code _SUCCESS} marker, written last, that records
 * the scale factor, format and file count. A table whose marker matches the request is left alone, so calling
 * this again is cheap; any other content of the table folder is replaced.
 *
 * <p>Types: keys ({@code *key}) bigint, other integers int, money and quantities decimal(15,2) (exact: the
 * generator's values are whole cents), dates date, text string. Column names are TPC-H's ({@code l_orderkey}).
 */
public final class TpchGenerator
{
    private static final String MARKER = "_SUCCESS";
    private static final DecimalType MONEY = DecimalType.createDecimalType(15, 2);
    private static final int ROWS_PER_PAGE = 8192;
    // TPC-H comments contain commas, and LazySimpleSerDe has no quoting, so fields are separated by '|' as in
    // dbgen's own .tbl files (TPC-H text never contains '|')
    private static final char CSV_DELIMITER = '|';
    private static final DelimitedTextWriter.Format CSV_FORMAT = new DelimitedTextWriter.Format(CSV_DELIMITER, true, "");

    private TpchGenerator() {}

    public static void generate(Path directory, double scaleFactor, TpchFormat format, int filesPerTable)
    {
        requireNonNull(directory, "directory is null");
        requireNonNull(format, "format is null");
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("scale factor must be positive: " + scaleFactor);
        }
        if (filesPerTable < 1) {
            throw new IllegalArgumentException("filesPerTable must be at least 1: " + filesPerTable);
        }
        ObjectStore store = new LocalObjectStore();
        try (ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            List<CompletableFuture<Void>> tables = new ArrayList<>();
            for (TpchTable<?> table : TpchTable.getTables()) {
                tables.add(generateTable(store, executor, directory.resolve(table.getTableName()), table, scaleFactor, format, filesPerTable));
            }
            CompletableFuture.allOf(tables.toArray(CompletableFuture[]::new)).join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof TrawlException trawlException) {
                throw trawlException;
            }
            throw new TrawlException(ErrorCode.INTERNAL_ERROR, "TPC-H generation into %s failed: %s".formatted(directory, e.getCause()), e.getCause());
        }
    }

    /** The eight TPC-H table names, in the generator's order. */
    public static List<String> tableNames()
    {
        return TpchTable.getTables().stream().map(TpchTable::getTableName).toList();
    }

    /** Where {@link #generate} puts a table: {@code <directory>/<table>/}, with a trailing slash. */
    public static URI tableLocation(Path directory, String table)
    {
        return URI.create(directory.toAbsolutePath().resolve(table).toUri().toString().replaceAll("/?$", "/"));
    }

    /**
     * An Athena DDL statement for one generated table.
     *
     * @param location the table's own folder, as {@link #tableLocation} gives it (not the root directory)
     */
    public static String createTableSql(String schema, String table, URI location, TpchFormat format)
    {
        TpchTable<?> tpchTable = TpchTable.getTable(table);
        StringBuilder sql = new StringBuilder("CREATE EXTERNAL TABLE IF NOT EXISTS ")
                .append(schema).append('.').append(tpchTable.getTableName()).append(" (\n");
        List<? extends TpchColumn<?>> columns = tpchTable.getColumns();
        for (int i = 0; i < columns.size(); i++) {
            sql.append("  ").append(columns.get(i).getColumnName()).append(' ').append(hiveType(columns.get(i)));
            sql.append(i + 1 < columns.size() ? ",\n" : "\n");
        }
        sql.append(")\n");
        String locationText = location.toString().endsWith("/") ? location.toString() : location + "/";
        switch (format) {
            case PARQUET -> sql.append("STORED AS PARQUET\nLOCATION '").append(locationText).append("'");
            case CSV -> sql.append("ROW FORMAT DELIMITED FIELDS TERMINATED BY '").append(CSV_DELIMITER).append("'\nSTORED AS TEXTFILE\nLOCATION '")
                    .append(locationText).append("'\nTBLPROPERTIES ('skip.header.line.count'='1')");
        }
        return sql.toString();
    }

    private static <E extends TpchEntity> CompletableFuture<Void> generateTable(
            ObjectStore store, ExecutorService executor, Path tableDirectory, TpchTable<E> table, double scaleFactor, TpchFormat format, int filesPerTable)
    {
        String marker = "scaleFactor=%s%nformat=%s%nfilesPerTable=%d%n".formatted(scaleFactor, format, filesPerTable);
        if (markerMatches(tableDirectory, marker)) {
            return CompletableFuture.completedFuture(null);
        }
        clear(tableDirectory);
        // the generator gives nation and region only to the first part, so they are one file each
        int parts = isTiny(table) ? 1 : filesPerTable;
        List<CompletableFuture<Void>> files = new ArrayList<>();
        for (int part = 1; part <= parts; part++) {
            int partNumber = part;
            files.add(CompletableFuture.runAsync(() -> writeFile(store, tableDirectory, table, scaleFactor, format, partNumber, parts), executor));
        }
        return CompletableFuture.allOf(files.toArray(CompletableFuture[]::new))
                .thenRun(() -> writeMarker(tableDirectory, marker));
    }

    private static boolean isTiny(TpchTable<?> table)
    {
        return table == TpchTable.NATION || table == TpchTable.REGION;
    }

    private static <E extends TpchEntity> void writeFile(ObjectStore store, Path tableDirectory, TpchTable<E> table, double scaleFactor, TpchFormat format, int part, int partCount)
    {
        List<TpchColumn<E>> columns = table.getColumns();
        List<String> names = columns.stream().map(TpchColumn::getColumnName).toList();
        List<Type> types = columns.stream().map(TpchGenerator::trinoType).toList();
        URI file = tableDirectory.resolve("part-%05d.%s".formatted(part - 1, format.fileExtension())).toUri();
        try (OutputStream output = store.create(file);
                PageSink sink = openSink(output, names, types, format)) {
            PageBuilder pageBuilder = new PageBuilder(types);
            for (E row : table.createGenerator(scaleFactor, part, partCount)) {
                pageBuilder.declarePosition();
                for (int channel = 0; channel < columns.size(); channel++) {
                    appendValue(pageBuilder, channel, columns.get(channel), row);
                }
                if (pageBuilder.getPositionCount() >= ROWS_PER_PAGE || pageBuilder.isFull()) {
                    sink.write(pageBuilder.build());
                    pageBuilder.reset();
                }
            }
            if (!pageBuilder.isEmpty()) {
                sink.write(pageBuilder.build());
            }
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot write %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    private static <E extends TpchEntity> void appendValue(PageBuilder pageBuilder, int channel, TpchColumn<E> column, E row)
    {
        var block = pageBuilder.getBlockBuilder(channel);
        switch (column.getType().getBase()) {
            case IDENTIFIER -> BIGINT.writeLong(block, column.getIdentifier(row));
            case INTEGER -> INTEGER.writeLong(block, column.getInteger(row));
            case DOUBLE -> MONEY.writeLong(block, Math.round(column.getDouble(row) * 100));
            case DATE -> DATE.writeLong(block, column.getDate(row));
            case VARCHAR -> VARCHAR.writeSlice(block, utf8Slice(column.getString(row)));
        }
    }

    private static Type trinoType(TpchColumn<?> column)
    {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> BIGINT;
            case INTEGER -> INTEGER;
            case DOUBLE -> MONEY;
            case DATE -> DATE;
            case VARCHAR -> VARCHAR;
        };
    }

    private static String hiveType(TpchColumn<?> column)
    {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> "bigint";
            case INTEGER -> "int";
            case DOUBLE -> "decimal(15,2)";
            case DATE -> "date";
            case VARCHAR -> "string";
        };
    }

    private interface PageSink
            extends AutoCloseable
    {
        void write(Page page)
                throws IOException;

        @Override
        void close()
                throws IOException;
    }

    private static PageSink openSink(OutputStream output, List<String> names, List<Type> types, TpchFormat format)
            throws IOException
    {
        return switch (format) {
            case PARQUET -> {
                ParquetFileWriter writer = new ParquetFileWriter(output, names, types, ParquetFileWriter.Options.defaults());
                yield new PageSink()
                {
                    @Override
                    public void write(Page page)
                            throws IOException
                    {
                        writer.write(page);
                    }

                    @Override
                    public void close()
                            throws IOException
                    {
                        writer.close();
                    }
                };
            }
            case CSV -> {
                DelimitedTextWriter writer = new DelimitedTextWriter(output, names, types, CSV_FORMAT);
                yield new PageSink()
                {
                    @Override
                    public void write(Page page)
                            throws IOException
                    {
                        writer.write(page);
                    }

                    @Override
                    public void close()
                            throws IOException
                    {
                        writer.close();
                    }
                };
            }
        };
    }

    private static boolean markerMatches(Path tableDirectory, String expected)
    {
        Path marker = tableDirectory.resolve(MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(expected);
        }
        catch (IOException e) {
            return false;
        }
    }

    private static void writeMarker(Path tableDirectory, String content)
    {
        try {
            Files.writeString(tableDirectory.resolve(MARKER), content, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot write %s: %s".formatted(tableDirectory.resolve(MARKER), e.getMessage()), e);
        }
    }

    private static void clear(Path tableDirectory)
    {
        if (!Files.exists(tableDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tableDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(tableDirectory)) {
                    Files.delete(path);
                }
            }
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot clear %s: %s".formatted(tableDirectory, e.getMessage()), e);
        }
    }
}
