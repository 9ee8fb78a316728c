package io.trawl.testing.tpch;

import io.trawl.datagen.TpchFormat;
import io.trawl.datagen.TpchGenerator;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.testing.DuckDbOracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * TPC-H data on local disk and its two readers: Trawl (tables registered with the generator's DDL) and the
 * DuckDB oracle (views over the same files, CSV column types and delimiters taken from the same DDL text).
 */
public final class TpchTables
{
    /** Written last, so a directory without it is a generation that did not finish. */
    private static final String COMPLETE_MARKER = "_TPCH_COMPLETE";

    private TpchTables() {}

    /**
     * Generates the data into {@code directory} unless a complete generation is already there. Generation goes
     * to a sibling directory first and is moved into place, so an interrupted run never leaves a partial
     * directory that looks complete.
     */
    public static synchronized void generateIfAbsent(Path directory, double scaleFactor, TpchFormat format, int filesPerTable)
    {
        requireNonNull(directory, "directory is null");
        requireNonNull(format, "format is null");
        Path target = directory.toAbsolutePath();
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            deleteRecursively(target);
            Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".staging-");
            TpchGenerator.generate(staging, scaleFactor, format, filesPerTable);
            Files.writeString(staging.resolve(COMPLETE_MARKER), "scale factor %s, %s, %d files per table%n".formatted(scaleFactor, format, filesPerTable));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot generate TPC-H data into " + target, e);
        }
    }

    /** Creates database {@code schema} and the 8 TPC-H tables over {@code directory}; returns a session using it. */
    public static Session registerTables(QueryEngine engine, Session session, String schema, Path directory, TpchFormat format)
    {
        Session current = engine.execute("CREATE DATABASE IF NOT EXISTS " + schema, session).session();
        for (String table : TpchGenerator.tableNames()) {
            String ddl = TpchGenerator.createTableSql(schema, table, tableLocation(directory, table).toUri(), format);
            current = engine.execute(ddl, current).session();
        }
        return current.withSchema(schema);
    }

    /** Views named after the 8 TPC-H tables over the same files Trawl reads. */
    public static void createOracleViews(DuckDbOracle oracle, Path directory, TpchFormat format)
    {
        for (String table : TpchGenerator.tableNames()) {
            Path location = tableLocation(directory, table);
            switch (format) {
                case PARQUET -> oracle.createParquetView(table, location);
                case CSV -> {
                    String ddl = TpchGenerator.createTableSql("tpch", table, location.toUri(), format);
                    oracle.createCsvView(table, location, HiveDdl.columns(ddl), HiveDdl.csvDialect(ddl));
                }
            }
        }
    }

    private static Path tableLocation(Path directory, String table)
    {
        return directory.toAbsolutePath().resolve(table);
    }

    static void deleteRecursively(Path path)
            throws IOException
    {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
