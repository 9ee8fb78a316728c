package io.trawl.testing.metering;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.ScanConfig;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parquet files written by an independent writer (DuckDB) read back through Trawl's engine, whole results
 * compared with DuckDB reading the same files: every codec DuckDB writes, NULLs, nested types, and schema
 * evolution by column name.
 */
class ParquetRoundTripTest
{
    private static final String FLAT_ROWS = """
            SELECT i AS id,
                   CAST(i % 1000 - 500 AS INTEGER) AS qty,
                   CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i AS DOUBLE) / 4 END AS ratio,
                   CAST(i * 1.5 AS DECIMAL(15, 2)) AS price,
                   CASE WHEN i % 11 = 0 THEN NULL ELSE 'name-' || (i % 97) END AS name,
                   DATE '1995-01-01' + CAST(i % 3000 AS INTEGER) AS day,
                   i % 3 = 0 AS flag
            FROM range(20000) t(i)""";
    private static final String FLAT_DDL = "(id bigint, qty int, ratio double, price decimal(15,2), name string, day date, flag boolean)";

    private static DuckDbOracle duckDb;

    @TempDir
    Path directory;

    private QueryEngine engine;
    private Session session;

    @BeforeAll
    static void openWriter()
    {
        duckDb = DuckDbOracle.open();
    }

    @AfterAll
    static void closeWriter()
    {
        duckDb.close();
    }

    @BeforeEach
    void createEngine()
    {
        engine = new QueryEngine(new LocalCatalogStore(directory.resolve("catalog")), LakeScanProvider.forLocalFiles(), EngineConfig.defaults());
        session = engine.execute("CREATE DATABASE IF NOT EXISTS lake", Session.defaults()).session().withSchema("lake");
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncompressed", "snappy", "gzip", "zstd"})
    void readsEveryCodecDuckDbWritesWithNulls(String codec)
            throws IOException
    {
        Path table = Files.createDirectories(directory.resolve("flat_" + codec));
        write("COPY (%s) TO '%s' (FORMAT PARQUET, COMPRESSION %s, ROW_GROUP_SIZE 5000)".formatted(FLAT_ROWS, table.resolve("part-0.parquet"), codec));
        createTable("flat_" + codec, FLAT_DDL, table);

        assertMatchesDuckDb("SELECT * FROM flat_%s".formatted(codec), "SELECT * FROM read_parquet('%s/*.parquet')".formatted(table));
    }

    /**
     * Row groups whose min/max admit the value but whose dictionary (and DuckDB's bloom filter) lacks it are
     * skipped: odd row groups hold only odd codes, even ones only even codes, all spanning the same range.
     */
    @Test
    void equalityPredicateSkipsRowGroupsWhoseDictionaryLacksTheValue()
            throws IOException
    {
        Path table = Files.createDirectories(directory.resolve("coded"));
        write("""
                COPY (SELECT i AS id, (i // 2048) %% 2 + 2 * (i %% 5) AS code, 'payload-' || i AS payload
                      FROM range(20480) t(i) ORDER BY i)
                TO '%s' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)""".formatted(table.resolve("part-0.parquet")));
        createTable("coded", "(id bigint, code bigint, payload string)", table);
        // row groups here are ~19 KB: with the default 64 KB merge distance the gap a skipped row group leaves
        // is fetched (and billed) anyway, so measure with merging off
        engine = new QueryEngine(new LocalCatalogStore(directory.resolve("catalog")), new LakeScanProvider(new LocalObjectStore(), new ScanConfig(ScanConfig.defaults().targetSplitBytes(), 0)), EngineConfig.defaults());

        QueryResult pruned = engine.execute("SELECT count(*), sum(id), min(payload) FROM coded WHERE code = 4", session);
        QueryResult full = engine.execute("SELECT count(*), sum(id), min(payload) FROM coded WHERE code + 0 = 4", session);

        ResultComparison.assertMatches("code = 4", pruned.columns(), TrawlRows.toRows(pruned),
                duckDb.query("SELECT count(*), sum(id), min(payload) FROM read_parquet('%s/*.parquet') WHERE code = 4".formatted(table)), false);
        assertThat(TrawlRows.toRows(full)).as("same answer without pushdown").isEqualTo(TrawlRows.toRows(pruned));
        assertThat(duckDb.query("SELECT count(*) FROM parquet_metadata('%s/part-0.parquet') WHERE path_in_schema = 'code' AND stats_min = '1' AND stats_max = '9'".formatted(table)).getFirst().getFirst())
                .as("DuckDB wrote five odd row groups whose min/max (1..9) admit 4").isEqualTo(5L);
        assertThat(pruned.bytesScanned()).as("odd row groups (codes 1..9 odd) are skipped without reading their chunks").isLessThan(full.bytesScanned() * 2 / 3);
    }

    /** DuckDB's lz4 is Parquet's LZ4_RAW; trino-parquet 483 decodes neither it nor BROTLI. */
    @ParameterizedTest
    @ValueSource(strings = {"lz4_raw", "brotli"})
    void codecTheReaderCannotDecodeFailsNamingFileAndCodec(String codec)
            throws IOException
    {
        Path table = Files.createDirectories(directory.resolve("flat_" + codec));
        write("COPY (%s) TO '%s' (FORMAT PARQUET, COMPRESSION %s)".formatted(FLAT_ROWS, table.resolve("part-0.parquet"), codec));
        createTable("flat_" + codec, FLAT_DDL, table);

        assertThatThrownBy(() -> engine.execute("SELECT * FROM flat_" + codec, session))
                .as("a clear NOT_SUPPORTED error, not 'corrupt file'")
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED))
                .hasMessageContaining(table.resolve("part-0.parquet").toUri().toString().replace("file:/", ""))
                .hasMessageContaining("compression codec " + codec.toUpperCase(Locale.ROOT) + " is not supported");
    }

    @Test
    void matchesColumnsByNameIgnoringCaseReadsMissingColumnsAsNullAndIgnoresExtraOnes()
            throws IOException
    {
        Path table = Files.createDirectories(directory.resolve("evolving"));
        write("COPY (SELECT i AS id, 'old-' || i AS name FROM range(100) t(i)) TO '%s' (FORMAT PARQUET)".formatted(table.resolve("a-old.parquet")));
        write("COPY (SELECT 'new-' || i AS NAME, i * 2 AS extra, 100 + i AS ID, i %% 5 AS added FROM range(50) t(i)) TO '%s' (FORMAT PARQUET)".formatted(table.resolve("b-new.parquet")));
        createTable("evolving", "(id bigint, name string, added bigint)", table);

        assertMatchesDuckDb(
                "SELECT id, name, added FROM evolving",
                """
                SELECT id, name, NULL::BIGINT AS added FROM read_parquet('%1$s/a-old.parquet')
                UNION ALL SELECT "ID", "NAME", added FROM read_parquet('%1$s/b-new.parquet')""".formatted(table));
    }

    @Test
    void readsNestedStructArrayAndMapColumnsWithNulls()
            throws IOException
    {
        Path table = Files.createDirectories(directory.resolve("nested"));
        write("""
                COPY (SELECT i AS id,
                             CASE WHEN i %% 5 = 0 THEN NULL ELSE {'a': CAST(i AS INTEGER), 'b': CASE WHEN i %% 3 = 0 THEN NULL ELSE 'b' || i END} END AS s,
                             CASE WHEN i %% 4 = 0 THEN NULL ELSE [CAST(i AS INTEGER), NULL, CAST(i * 2 AS INTEGER)] END AS arr,
                             CASE WHEN i %% 6 = 0 THEN NULL ELSE MAP {'k' || (i %% 3): i} END AS m
                      FROM range(300) t(i))
                TO '%s' (FORMAT PARQUET)""".formatted(table.resolve("part-0.parquet")));
        createTable("nested", "(id bigint, s struct<a:int,b:string>, arr array<int>, m map<string,bigint>)", table);

        QueryResult result = engine.execute("SELECT id, s, arr, m FROM nested ORDER BY id", session);
        List<List<Object>> rows = TrawlRows.toRows(result);
        List<List<Object>> expected = duckDb.query("""
                SELECT id, s.a, s.b, s IS NULL, CAST(arr AS VARCHAR), CAST(m AS VARCHAR) FROM read_parquet('%s/*.parquet') ORDER BY id""".formatted(table));

        assertThat(rows).as("one row per file row").hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = rows.get(i);
            List<Object> oracle = expected.get(i);
            assertThat(((Number) row.get(0)).longValue()).as("id").isEqualTo(((Number) oracle.get(0)).longValue());
            assertThat(text(row.get(1))).as("struct of row %s", oracle.get(0)).isEqualTo(structText(oracle));
            assertThat(text(row.get(2))).as("array of row %s", oracle.get(0)).isEqualTo(text(oracle.get(4)));
            assertThat(text(row.get(3))).as("map of row %s", oracle.get(0)).isEqualTo(text(oracle.get(5)));
        }
    }

    private static String structText(List<Object> oracle)
    {
        if (Boolean.TRUE.equals(oracle.get(3))) {
            return "NULL";
        }
        return text(Arrays.asList(oracle.get(1), oracle.get(2)));
    }

    /** Trino's object values (List for ROW and ARRAY, Map for MAP) and DuckDB's VARCHAR casts print alike, up to NULL's case. */
    private static String text(Object value)
    {
        return value == null ? "NULL" : value.toString().replace("null", "NULL");
    }

    private void assertMatchesDuckDb(String sql, String duckDbSql)
    {
        QueryResult result = engine.execute(sql, session);
        ResultComparison.assertMatches(sql, result.columns(), TrawlRows.toRows(result), duckDb.query(duckDbSql), false);
    }

    private void createTable(String name, String columns, Path location)
    {
        session = engine.execute("CREATE EXTERNAL TABLE %s %s STORED AS PARQUET LOCATION '%s'".formatted(name, columns, location.toUri()), session).session();
    }

    /** DuckDB as the writer: its own connection, so the oracle's stays read-only. */
    private static void write(String copy)
    {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute(copy);
        }
        catch (SQLException e) {
            throw new AssertionError("DuckDB could not write: " + copy, e);
        }
    }
}
