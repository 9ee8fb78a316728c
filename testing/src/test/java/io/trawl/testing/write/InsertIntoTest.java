package io.trawl.testing.write;

import io.trawl.catalog.Partition;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryResult;
import io.trawl.engine.StatementKind;
import io.trawl.engine.write.WriteLocations;
import io.trawl.engine.write.WrittenFile;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.TupleDomain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.trawl.testing.QueryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * INSERT INTO existing tables over real files: new files only, in the table's format, rows visible to the next query,
 * new partitions registered, the data manifest naming exactly the files written, and type errors before any write.
 */
class InsertIntoTest
{
    private WriteLake lake;

    @BeforeEach
    void setUp()
    {
        lake = new WriteLake();
        lake.run("CREATE TABLE copy WITH (external_location = '%s') AS SELECT * FROM src".formatted(lake.location("copy")));
        lake.run("CREATE TABLE parts WITH (external_location = '%s', partitioned_by = ARRAY['dt']) AS SELECT id, name, amount, dt FROM src WHERE dt <= DATE '2024-01-02'"
                .formatted(lake.location("parts")));
    }

    @AfterEach
    void tearDown()
    {
        lake.close();
    }

    @Test
    void insertAddsRowsVisibleToTheNextQueryAndWritesTheManifest()
            throws IOException
    {
        List<String> before = lake.files("copy");
        QueryControl control = QueryControl.create();
        URI output = URI.create(lake.location("results"));

        QueryResult result = lake.run(lake.engine(), "INSERT INTO copy SELECT * FROM src WHERE id < 100", control, WriteLocations.underOutputLocation(output, control.queryId()));

        assertThat(result.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(result).hasColumnNames("rows").matches("SELECT CAST(100 AS BIGINT)");
        assertThat(lake.run("SELECT * FROM copy")).matchesOracle(lake.oracle(), "SELECT * FROM src UNION ALL SELECT * FROM src WHERE id < 100");
        List<String> added = new ArrayList<>(lake.files("copy"));
        assertThat(added).as("existing files are kept").containsAll(before);
        added.removeAll(before);
        assertThat(added).as("new files only, named after the query").isNotEmpty().allSatisfy(file -> assertThat(file).startsWith(control.queryId() + "_"));
        List<String> manifest = Files.readAllLines(lake.root().resolve("results").resolve(control.queryId() + "-manifest.csv"));
        assertThat(manifest).as("the manifest names exactly the files written")
                .containsExactlyInAnyOrderElementsOf(added.stream().map(file -> lake.root().resolve("copy").resolve(file).toUri().toString()).toList());
        assertThat(result.writtenFiles()).extracting(file -> file.location().toString()).containsExactlyInAnyOrderElementsOf(manifest);
        assertThat(result.writtenFiles().stream().mapToLong(WrittenFile::rows).sum()).isEqualTo(100);
        assertThat(lake.folders("copy")).as("no staging folder left").isEmpty();
    }

    @Test
    void aColumnListWritesNullsElsewhereAndValuesAreCastToTheColumnTypes()
    {
        QueryResult result = lake.run("INSERT INTO copy (ratio, id, amount, name) VALUES (1, CAST(5000 AS INTEGER), 7, 'five thousand'), (2.5E0, 5001, 0.5, NULL)");

        assertThat(result).matches("SELECT CAST(2 AS BIGINT)");
        assertThat(lake.rows("SELECT id, name, amount, ratio, dt, region FROM copy WHERE id >= 5000 ORDER BY id")).containsExactly(
                java.util.Arrays.asList(5000L, "five thousand", new BigDecimal("7.00"), 1.0, null, null),
                java.util.Arrays.asList(5001L, null, new BigDecimal("0.50"), 2.5, null, null));
    }

    @Test
    void insertIntoAPartitionedTableAddsFilesToItsPartitionsAndRegistersNewOnes()
    {
        List<String> oldPartitionFiles = lake.files("parts/dt=2024-01-02");

        QueryResult result = lake.run("INSERT INTO parts SELECT id, name, amount, dt FROM src WHERE dt >= DATE '2024-01-02' AND dt <= DATE '2024-01-03'");

        assertThat(result).matches("SELECT CAST(800 AS BIGINT)");
        assertThat(lake.catalog().listPartitions("default", "parts", TupleDomain.all())).extracting(Partition::values)
                .containsExactlyInAnyOrder(List.of("2024-01-01"), List.of("2024-01-02"), List.of("2024-01-03"));
        assertThat(lake.files("parts/dt=2024-01-02")).as("the existing partition gets a new file beside its old ones")
                .containsAll(oldPartitionFiles).hasSizeGreaterThan(oldPartitionFiles.size());
        assertThat(lake.run("SELECT dt, count(*), sum(id) FROM parts GROUP BY dt")).matchesOracle(lake.oracle(),
                "SELECT dt, count(*), sum(id) FROM (SELECT * FROM src WHERE dt <= DATE '2024-01-02' UNION ALL SELECT * FROM src WHERE dt BETWEEN DATE '2024-01-02' AND DATE '2024-01-03') GROUP BY dt");
    }

    @Test
    void aTableWhosePartitionsAreDiscoveredKeepsThemDiscovered()
            throws IOException
    {
        Path data = lake.root().resolve("discovered");
        lake.oracle().execute("COPY (SELECT id, name, dt FROM src WHERE dt <= DATE '2024-01-02') TO '%s' (FORMAT PARQUET, PARTITION_BY (dt))".formatted(data));
        lake.run("CREATE EXTERNAL TABLE discovered (id bigint, name string) PARTITIONED BY (dt date) STORED AS PARQUET LOCATION '%s/'".formatted(data.toUri()));

        lake.run("INSERT INTO discovered SELECT id, name, dt FROM src WHERE dt = DATE '2024-01-05'");

        assertThat(lake.catalog().listPartitions("default", "discovered", TupleDomain.all()))
                .as("registering only the new partition would hide the folders the table is read from").isEmpty();
        assertThat(lake.run("SELECT dt, count(*) FROM discovered GROUP BY dt")).matches(
                "VALUES (DATE '2024-01-01', CAST(400 AS BIGINT)), (DATE '2024-01-02', CAST(400 AS BIGINT)), (DATE '2024-01-05', CAST(400 AS BIGINT))");
    }

    @Test
    void mismatchedTypesAndColumnsFailBeforeAnythingIsWritten()
    {
        List<String> before = lake.files("copy");

        assertThatThrownBy(() -> lake.run("INSERT INTO copy SELECT name, id, amount, ratio, dt, region FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
                    assertThat(e.getMessage()).isEqualTo("line 1:1: Insert query has mismatched column types: "
                            + "Table: [bigint, varchar, decimal(12,2), double, date, varchar], Query: [varchar, bigint, decimal(12,2), double, date, varchar]");
                });
        assertThatThrownBy(() -> lake.run("INSERT INTO copy SELECT id, name FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).startsWith("line 1:1: Insert query has mismatched column types: Table: [bigint, varchar, "));
        assertThatThrownBy(() -> lake.run("INSERT INTO copy (id, nope) SELECT id, name FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("line 1:23: Insert column name does not exist in target table: nope");
                });
        assertThatThrownBy(() -> lake.run("INSERT INTO copy (id, id) SELECT id, id FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).isEqualTo("line 1:23: Insert column name is specified more than once: id"));
        assertThatThrownBy(() -> lake.run("INSERT INTO missing SELECT * FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
        assertThat(lake.files("copy")).isEqualTo(before);
        assertThat(lake.folders("copy")).isEmpty();
        assertThat(lake.rows("SELECT count(*) FROM copy")).containsExactly(List.of((long) WriteLake.SOURCE_ROWS));
    }

    @Test
    void aTableWhoseReadersSkipHeaderLinesIsRefused()
    {
        lake.run("CREATE EXTERNAL TABLE with_header (id bigint) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '%s' TBLPROPERTIES ('skip.header.line.count'='1')"
                .formatted(lake.location("src")));

        assertThatThrownBy(() -> lake.run("INSERT INTO with_header VALUES 1"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED);
                    assertThat(e.getMessage()).isEqualTo("line 1:1: Cannot insert into 'default.with_header': its skip.header.line.count would skip rows of the files written");
                });
    }

    @Test
    void insertingIntoAViewIsRefused()
    {
        lake.run("CREATE VIEW recent AS SELECT * FROM src WHERE dt > DATE '2024-01-03'");

        assertThatThrownBy(() -> lake.run("INSERT INTO recent SELECT * FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED);
                    assertThat(e.getMessage()).contains("Inserting into views is not supported");
                });
    }

    @Test
    void insertIntoABucketedTableBucketsTheNewRowsAlike()
    {
        lake.run("CREATE TABLE buckets WITH (external_location = '%s', bucketed_by = ARRAY['id'], bucket_count = 2) AS SELECT id, name FROM src WHERE id < 10"
                .formatted(lake.location("buckets")));

        lake.run("INSERT INTO buckets SELECT id, name FROM src WHERE id >= 10 AND id < 20");

        assertThat(lake.files("buckets")).hasSize(4).allSatisfy(file -> assertThat(file).matches("00000[01]_0_.*"));
        for (String file : lake.files("buckets")) {
            long bucket = Long.parseLong(file.substring(0, 6));
            assertThat(lake.oracle().query("SELECT DISTINCT id %% 2 FROM read_parquet('%s')".formatted(lake.root().resolve("buckets").resolve(file))))
                    .containsExactly(List.of(bucket));
        }
        assertThat(lake.run("SELECT count(*), min(id), max(id) FROM buckets")).matches("VALUES (CAST(20 AS BIGINT), CAST(0 AS BIGINT), CAST(19 AS BIGINT))");
    }

    @Test
    void anEmptySelectWritesNoFilesAndReportsZeroRows()
    {
        List<String> before = lake.files("copy");

        assertThat(lake.run("INSERT INTO copy SELECT * FROM src WHERE id < 0")).matches("SELECT CAST(0 AS BIGINT)");
        assertThat(lake.files("copy")).isEqualTo(before);
        assertThat(lake.folders("copy")).isEmpty();
    }
}
