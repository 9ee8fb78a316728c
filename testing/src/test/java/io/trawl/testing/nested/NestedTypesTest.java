package io.trawl.testing.nested;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Struct fields, array and map subscripts and collection functions in SQL, over Parquet DuckDB wrote. */
class NestedTypesTest
{
    private static Path root;
    private static DuckDbOracle oracle;
    private static QueryEngine engine;

    @BeforeAll
    static void writeTable()
            throws IOException
    {
        root = Files.createTempDirectory("trawl-nested");
        Path data = root.resolve("people");
        Files.createDirectories(data);
        oracle = DuckDbOracle.open();
        oracle.execute("""
                COPY (SELECT i AS id,
                             {'city': 'c' || (i %% 3), 'zip': i * 10} AS place,
                             CASE WHEN i %% 4 = 0 THEN NULL ELSE [i, i + 1, i + 2] END AS tags,
                             MAP {'a': i, 'b': i * 2} AS scores
                      FROM range(0, 40) t(i))
                TO '%s/part-0.parquet' (FORMAT PARQUET)""".formatted(data));
        oracle.execute("CREATE VIEW people AS SELECT * FROM read_parquet('%s/*.parquet')".formatted(data));
        engine = new QueryEngine(new LocalCatalogStore(root.resolve("catalog")), LakeScanProvider.forLocalFiles(), EngineConfig.defaults());
        engine.execute("""
                CREATE EXTERNAL TABLE people (id bigint, place struct<city:string,zip:bigint>, tags array<bigint>, scores map<string,bigint>)
                STORED AS PARQUET LOCATION '%s/'""".formatted(data.toUri()), Session.defaults());
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

    private static void assertSameAsDuckDb(String trawlSql, String duckSql)
    {
        QueryResult result = engine.execute(trawlSql, Session.defaults());
        ResultComparison.assertMatches(trawlSql, result.columns(), TrawlRows.toRows(result), oracle.query(duckSql), true);
    }

    @Test
    void structFieldsAreColumnsOfTheirOwn()
    {
        assertSameAsDuckDb("SELECT id, place.city, people.place.zip FROM people WHERE place.city = 'c1' ORDER BY id",
                "SELECT id, place.city, place.zip FROM people WHERE place.city = 'c1' ORDER BY id");
        assertSameAsDuckDb("SELECT place.city, count(*), sum(place.zip) FROM people GROUP BY place.city ORDER BY 1",
                "SELECT place.city, count(*), sum(place.zip) FROM people GROUP BY place.city ORDER BY 1");
    }

    @Test
    void arraySubscriptsAndCollectionFunctions()
    {
        assertSameAsDuckDb("SELECT id, tags[1], element_at(tags, -1), cardinality(tags), contains(tags, 7) FROM people ORDER BY id",
                "SELECT id, tags[1], tags[-1], len(tags), list_contains(tags, 7) FROM people ORDER BY id");
        assertThatThrownBy(() -> engine.execute("SELECT tags[5] FROM people WHERE id = 1", Session.defaults()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertSameAsDuckDb("SELECT id, element_at(tags, 5) FROM people WHERE id = 1", "SELECT 1, CAST(NULL AS BIGINT)");
    }

    @Test
    void mapLookups()
    {
        assertSameAsDuckDb("SELECT id, scores['b'], element_at(scores, 'zz'), cardinality(scores) FROM people WHERE id < 5 ORDER BY id",
                "SELECT id, scores['b'], CAST(NULL AS BIGINT), 2 FROM people WHERE id < 5 ORDER BY id");
    }
}
