package io.trawl.testing.write;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.engine.write.FileWriterFactory;
import io.trawl.engine.write.WriteLocations;
import io.trawl.engine.write.WriteStorage;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.ObjectStoreWriteStorage;
import io.trawl.scan.writer.LakeFileWriters;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.TrawlRows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A lake on local disk for the write path's tests: a catalog, a source table {@code src} written by DuckDB (an
 * independent writer) with the same rows in DuckDB as a view {@code src}, and an engine that writes through
 * {@link LakeFileWriters}. 2,000 rows: ids 0..1999, five dates, four regions and NULL, values with '/' and '='.
 */
final class WriteLake
        implements AutoCloseable
{
    static final int SOURCE_ROWS = 2000;

    private final Path root;
    private final ObjectStore store = new LocalObjectStore();
    private final CatalogStore catalog;
    private final DuckDbOracle oracle;
    private Session session = Session.defaults();

    WriteLake()
    {
        try {
            root = Files.createTempDirectory("trawl-write");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catalog = new LocalCatalogStore(root.resolve("catalog"));
        oracle = DuckDbOracle.open();
        Path source = root.resolve("src");
        try {
            Files.createDirectories(source);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        oracle.execute("""
                COPY (SELECT i AS id,
                             'name-' || i AS name,
                             CAST(i * 1.25 AS DECIMAL(12,2)) AS amount,
                             CAST(i AS DOUBLE) / 8 AS ratio,
                             DATE '2024-01-01' + CAST(i %% 5 AS INTEGER) AS dt,
                             CASE WHEN i %% 7 = 0 THEN NULL ELSE ['north', 'south', 'east/west', 'x=y'][1 + i %% 4] END AS region
                      FROM range(0, %d) t(i))
                TO '%s' (FORMAT PARQUET)""".formatted(SOURCE_ROWS, source.resolve("data.parquet")));
        oracle.createParquetView("src", source);
        run("CREATE EXTERNAL TABLE src (id bigint, name string, amount decimal(12,2), ratio double, dt date, region string) STORED AS PARQUET LOCATION '%s'"
                .formatted(source.toUri()));
    }

    Path root()
    {
        return root;
    }

    CatalogStore catalog()
    {
        return catalog;
    }

    DuckDbOracle oracle()
    {
        return oracle;
    }

    ObjectStore store()
    {
        return store;
    }

    Session session()
    {
        return session;
    }

    /** A folder under the lake's root as the {@code file:///.../} text a statement names it by. */
    String location(String folder)
    {
        return root.resolve(folder).toUri().toString();
    }

    QueryEngine engine()
    {
        return engine(EngineConfig.defaults(), UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** An engine over this lake whose writers and write storage are wrapped (to fail or cancel on cue). */
    QueryEngine engine(EngineConfig config, UnaryOperator<FileWriterFactory> writers, UnaryOperator<WriteStorage> storage)
    {
        return new QueryEngine(catalog, LakeScanProvider.create(store), config)
                .withWriters(writers.apply(new LakeFileWriters(store)), storage.apply(new ObjectStoreWriteStorage(store)));
    }

    QueryResult run(String sql)
    {
        return run(engine(), sql, QueryControl.create(), WriteLocations.none());
    }

    QueryResult run(QueryEngine engine, String sql, QueryControl control, WriteLocations locations)
    {
        QueryResult result = engine.execute(sql, session, control, locations);
        session = result.session();
        return result;
    }

    List<List<Object>> rows(String sql)
    {
        return TrawlRows.toRows(run(sql));
    }

    /** Every regular file under the folder, as paths relative to it ('/'-separated), sorted. */
    List<String> files(String folder)
    {
        Path directory = root.resolve(folder);
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> directory.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every folder under the folder (not the folder itself), relative, sorted. */
    List<String> folders(String folder)
    {
        Path directory = root.resolve(folder);
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isDirectory)
                    .filter(path -> !path.equals(directory))
                    .map(path -> directory.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close()
    {
        oracle.close();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
