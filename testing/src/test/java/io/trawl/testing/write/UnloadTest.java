package io.trawl.testing.write;

import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryResult;
import io.trawl.engine.StatementKind;
import io.trawl.engine.write.WriteLocations;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.testing.ResultComparison;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.trawl.testing.QueryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * UNLOAD over real files: the output is readable by DuckDB (an independent reader) with the SELECT's rows, partition
 * folders for partitioned_by, the data manifest, no catalog change, and the location and syntax errors Athena gives.
 */
class UnloadTest
{
    private WriteLake lake;

    @BeforeEach
    void setUp()
    {
        lake = new WriteLake();
    }

    @AfterEach
    void tearDown()
    {
        lake.close();
    }

    @Test
    void unloadWritesParquetThatDuckDbReadsAsTheSelectsRows()
            throws IOException
    {
        QueryControl control = QueryControl.create();
        List<String> tablesBefore = lake.catalog().listTables("default");

        QueryResult result = lake.run(lake.engine(), "UNLOAD (SELECT id, name, amount, dt FROM src WHERE id %% 3 = 0) TO '%s' WITH (format = 'PARQUET', compression = 'SNAPPY')"
                .formatted(lake.location("export")), control, WriteLocations.underOutputLocation(URI.create(lake.location("results")), control.queryId()));

        assertThat(result.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(result).matches("SELECT CAST(667 AS BIGINT)");
        assertThat(lake.files("export")).isNotEmpty().allSatisfy(file -> assertThat(file).endsWith(".parquet"));
        List<List<Object>> unloaded = lake.oracle().query("SELECT id, name, amount, dt FROM read_parquet('%s/*.parquet')".formatted(lake.root().resolve("export")));
        List<List<Object>> expected = lake.oracle().query("SELECT id, name, amount, dt FROM src WHERE id % 3 = 0");
        ResultComparison.assertMatches(lake.run("SELECT id, name, amount, dt FROM src LIMIT 0").columns(), unloaded, expected, false);
        assertThat(lake.catalog().listTables("default")).as("UNLOAD changes no catalog").isEqualTo(tablesBefore);
        assertThat(Files.readAllLines(lake.root().resolve("results").resolve(control.queryId() + "-manifest.csv")))
                .containsExactlyInAnyOrderElementsOf(lake.files("export").stream().map(file -> lake.root().resolve("export").resolve(file).toUri().toString()).toList());
    }

    @Test
    void jsonUnloadIsReadByDuckDbAsTheSelectsRows()
    {
        lake.run("UNLOAD (SELECT id, name, amount, dt FROM src WHERE id < 500) TO '%s' WITH (format = 'JSON', compression = 'GZIP')".formatted(lake.location("json-export")));

        assertThat(lake.files("json-export")).isNotEmpty().allSatisfy(file -> assertThat(file).endsWith(".json.gz"));
        List<List<Object>> unloaded = lake.oracle().query(
                "SELECT id, name, CAST(amount AS DECIMAL(12,2)), CAST(dt AS DATE) FROM read_json('%s/*.json.gz', format = 'newline_delimited', columns = {id: 'BIGINT', name: 'VARCHAR', amount: 'VARCHAR', dt: 'VARCHAR'})"
                        .formatted(lake.root().resolve("json-export")));
        List<List<Object>> expected = lake.oracle().query("SELECT id, name, amount, dt FROM src WHERE id < 500");
        ResultComparison.assertMatches(lake.run("SELECT id, name, amount, dt FROM src LIMIT 0").columns(), unloaded, expected, false);
    }

    @Test
    void avroUnloadReadsBackThroughAnAvroTable()
    {
        lake.run("UNLOAD (SELECT id, name, dt FROM src WHERE id < 500) TO '%s' WITH (format = 'AVRO')".formatted(lake.location("avro-export")));

        assertThat(lake.files("avro-export")).isNotEmpty().allSatisfy(file -> assertThat(file).endsWith(".avro"));
        lake.run("CREATE EXTERNAL TABLE avro_export (id bigint, name string, dt date) STORED AS AVRO LOCATION '%s'".formatted(lake.location("avro-export")));
        assertThat(lake.rows("SELECT id, name, dt FROM avro_export ORDER BY id")).isEqualTo(lake.rows("SELECT id, name, dt FROM src WHERE id < 500 ORDER BY id"));
    }

    @Test
    void partitionedUnloadWritesAFolderPerValueLast()
    {
        lake.run("UNLOAD (SELECT id, name, dt FROM src WHERE id < 500) TO '%s' WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'])".formatted(lake.location("by_day")));

        assertThat(lake.folders("by_day")).containsExactly("dt=2024-01-01", "dt=2024-01-02", "dt=2024-01-03", "dt=2024-01-04", "dt=2024-01-05");
        List<List<Object>> unloaded = lake.oracle().query(
                "SELECT id, name, CAST(dt AS DATE) FROM read_parquet('%s/*/*.parquet', hive_partitioning = true)".formatted(lake.root().resolve("by_day")));
        ResultComparison.assertMatches(lake.run("SELECT id, name, dt FROM src LIMIT 0").columns(), unloaded,
                lake.oracle().query("SELECT id, name, dt FROM src WHERE id < 500"), false);
    }

    @Test
    void textUnloadUsesTheFieldDelimiter()
    {
        lake.run("UNLOAD (SELECT id, name FROM src WHERE id < 10) TO '%s' WITH (format = 'TEXTFILE', field_delimiter = '\\t')".formatted(lake.location("text")));

        List<List<Object>> unloaded = lake.oracle().query(
                "SELECT * FROM read_csv('%s/*', delim = '\\t', header = false, columns = {'id': 'BIGINT', 'name': 'VARCHAR'})".formatted(lake.root().resolve("text")));
        assertThat(unloaded).containsExactlyInAnyOrderElementsOf(lake.oracle().query("SELECT id, name FROM src WHERE id < 10"));
    }

    @Test
    void theTargetMustBeEmptyUnlessPartitioned()
            throws IOException
    {
        Path export = lake.root().resolve("export");
        Files.createDirectories(export);
        Files.writeString(export.resolve("earlier.txt"), "x\n");

        assertThatThrownBy(() -> lake.run("UNLOAD (SELECT id FROM src)\nTO '%s' WITH (format = 'PARQUET')".formatted(lake.location("export"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION);
                    assertThat(e.getMessage()).isEqualTo("line 2:4: HIVE_PATH_ALREADY_EXISTS: UNLOAD location is not empty: " + lake.location("export"));
                });
        assertThat(lake.files("export")).containsExactly("earlier.txt");

        lake.run("UNLOAD (SELECT id, dt FROM src) TO '%s' WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'])".formatted(lake.location("export")));
        assertThat(lake.files("export")).hasSizeGreaterThan(5).contains("earlier.txt");
    }

    @Test
    void syntaxErrorsInTheQueryNameTheirPlaceInTheStatement()
    {
        assertThatThrownBy(() -> lake.run("UNLOAD (\n  SELECT id FROM src WHERE\n) TO '%s' WITH (format = 'PARQUET')".formatted(lake.location("x"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.getMessage()).isEqualTo("line 3:1: mismatched input '<EOF>'. Expecting: <expression>");
                });
        assertThatThrownBy(() -> lake.run("UNLOAD (SELECT nope FROM src) TO '%s' WITH (format = 'PARQUET')".formatted(lake.location("x"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
                    assertThat(e.getMessage()).startsWith("line 1:16: ");
                });
        assertThatThrownBy(() -> lake.run("UNLOAD (SELECT id FROM src) INTO '%s'".formatted(lake.location("x"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).startsWith("line 1:29: mismatched input 'INTO'. Expecting: 'TO'"));
        assertThatThrownBy(() -> lake.run("UNLOAD (SELECT id FROM src) TO '%s'".formatted(lake.location("x"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).startsWith("line 1:1: UNLOAD needs the format property"));
        assertThatThrownBy(() -> lake.run("UNLOAD (SELECT id FROM src) TO '%s' WITH (format = 'PARQUET', external_location = 'x')".formatted(lake.location("x"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).contains("UNLOAD property 'external_location' does not exist"));
        assertThat(lake.files("x")).isEmpty();
    }
}
