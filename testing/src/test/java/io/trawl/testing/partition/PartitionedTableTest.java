package io.trawl.testing.partition;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hive-style partition folders written by an independent writer (DuckDB's PARTITION_BY), read as a
 * partitioned external table: partition keys come from the folder names, predicates on them prune whole
 * folders (fewer bytes scanned), and the pseudo-columns name each row's object.
 */
class PartitionedTableTest
{
    private static Path root;
    private static Path data;
    private static DuckDbOracle oracle;
    private static QueryEngine engine;
    private static RecordingObjectStore store;
    private static Session session;

    @BeforeAll
    static void writeTable()
            throws IOException
    {
        root = Files.createTempDirectory("trawl-partitions");
        data = root.resolve("events");
        oracle = DuckDbOracle.open();
        oracle.execute("""
                COPY (SELECT i AS id, CAST(i * 1.5 AS DOUBLE) AS amount, 'c' || (i %% 7) AS category, 2020 + (i %% 3) AS year, CASE WHEN i %% 2 = 0 THEN 'eu' ELSE 'us' END AS region
                      FROM range(0, 3000) t(i))
                TO '%s' (FORMAT PARQUET, PARTITION_BY (year, region))""".formatted(data));
        oracle.execute("CREATE VIEW events AS SELECT * FROM read_parquet('%s/**/*.parquet', hive_partitioning = true)".formatted(data));
        store = new RecordingObjectStore(new io.trawl.scan.store.LocalObjectStore());
        engine = new QueryEngine(new LocalCatalogStore(root.resolve("catalog")), LakeScanProvider.create(store), EngineConfig.defaults());
        session = Session.defaults();
        engine.execute("""
                CREATE EXTERNAL TABLE events (id bigint, amount double, category string)
                PARTITIONED BY (year int, region string)
                STORED AS PARQUET LOCATION '%s/'""".formatted(data.toUri()), session);
    }

    @AfterAll
    static void cleanUp()
            throws IOException
    {
        oracle.close();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void assertSameAsDuckDb(String sql, boolean ordered)
    {
        QueryResult result = engine.execute(sql, session);
        ResultComparison.assertMatches(sql, result.columns(), TrawlRows.toRows(result), oracle.query(sql), ordered);
    }

    @Test
    void partitionKeysComeFromFolderNames()
    {
        assertSameAsDuckDb("SELECT year, region, count(*), sum(amount), min(id) FROM events GROUP BY year, region ORDER BY year, region", true);
        assertSameAsDuckDb("SELECT id, amount, category, year, region FROM events WHERE id < 20 ORDER BY id", true);
    }

    @Test
    void predicatesOnPartitionKeysPruneFolders()
    {
        long all = engine.execute("SELECT sum(amount) FROM events", session).bytesScanned();
        QueryResult pruned = engine.execute("SELECT sum(amount) FROM events WHERE year = 2021 AND region = 'eu'", session);
        ResultComparison.assertMatches("pruned", pruned.columns(), TrawlRows.toRows(pruned), oracle.query("SELECT sum(amount) FROM events WHERE year = 2021 AND region = 'eu'"), false);
        assertThat(pruned.bytesScanned()).as("one of six partitions read").isGreaterThan(0).isLessThan(all / 3);
        store.clear();
        engine.execute("SELECT count(*) FROM events WHERE year = 2021", session);
        assertThat(store.listed()).as("pruned year folders are never listed").noneMatch(prefix -> prefix.contains("year=2020") || prefix.contains("year=2022"))
                .anyMatch(prefix -> prefix.contains("year=2021"));
        QueryResult none = engine.execute("SELECT count(*) FROM events WHERE year = 1999", session);
        assertThat(TrawlRows.toRows(none)).containsExactly(List.of(0L));
        assertThat(none.bytesScanned()).as("no partition matches: nothing read").isZero();
    }

    @Test
    void pseudoColumnsNameTheObjectOfEachRowAndPruneByPath()
            throws IOException
    {
        QueryResult perFile = engine.execute("SELECT \"$path\", count(*), max(\"$file_size\") FROM events GROUP BY \"$path\" ORDER BY 1", session);
        List<List<Object>> rows = TrawlRows.toRows(perFile);
        assertThat(rows).hasSize(6);
        List<Path> files;
        try (Stream<Path> paths = Files.walk(data)) {
            files = paths.filter(Files::isRegularFile).sorted().toList();
        }
        for (List<Object> row : rows) {
            Path file = Path.of(java.net.URI.create((String) row.get(0)));
            assertThat(files).as("$path names a real object").contains(file);
            assertThat(row.get(2)).as("$file_size").isEqualTo(Files.size(file));
        }
        String onePath = (String) rows.getFirst().get(0);
        QueryResult one = engine.execute("SELECT count(*) FROM events WHERE \"$path\" = '" + onePath + "'", session);
        assertThat(TrawlRows.toRows(one)).containsExactly(List.of(rows.getFirst().get(1)));
        assertThat(one.bytesScanned()).as("only that object is read").isLessThanOrEqualTo(Files.size(Path.of(java.net.URI.create(onePath))));
        assertThat(TrawlRows.toRows(engine.execute("SELECT count(*) FROM events", session)).getFirst().getFirst()).as("SELECT * does not show pseudo-columns")
                .isEqualTo(3000L);
        assertThat(engine.execute("SELECT * FROM events LIMIT 1", session).columns()).extracting(column -> column.name())
                .containsExactly("id", "amount", "category", "year", "region");
    }
}
