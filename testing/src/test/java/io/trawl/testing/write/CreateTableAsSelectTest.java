package io.trawl.testing.write;

import io.trawl.catalog.Partition;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.StatementKind;
import io.trawl.engine.write.WriteLocations;
import io.trawl.engine.write.WrittenFile;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.testing.TrawlRows;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.BigintType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import static io.trawl.testing.QueryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CREATE TABLE AS with Athena's table properties, end to end over real files: the new table answers queries as its
 * source does (DuckDB on the source files is the oracle), its catalog entry is what CREATE EXTERNAL TABLE would make,
 * its files sit in Hive partition folders with Hive's names, and every refusal names what was wrong.
 */
class CreateTableAsSelectTest
{
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

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
    void ctasCopiesATableThatAnswersQueriesAsItsSourceDoes()
    {
        QueryControl control = QueryControl.create();
        QueryResult result = lake.run(lake.engine(), "CREATE TABLE copy WITH (external_location = '%s') AS SELECT * FROM src".formatted(lake.location("copy")),
                control, WriteLocations.none());

        assertThat(result.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(result).hasColumnNames("rows").matches("SELECT CAST(2000 AS BIGINT)");
        assertThat(result.columns().getFirst().type()).isEqualTo(BigintType.BIGINT);
        assertThat(result.bytesScanned()).as("the SELECT's reads are metered").isPositive();
        assertThat(lake.run("SELECT * FROM copy")).matchesOracle(lake.oracle(), "SELECT * FROM src");
        assertThat(lake.run("SELECT region, count(*), sum(amount), min(dt), max(name) FROM copy GROUP BY region"))
                .matchesOracle(lake.oracle(), "SELECT region, count(*), sum(amount), min(dt), max(name) FROM src GROUP BY region");

        assertThat(lake.files("copy")).as("files named <query id>_<n>_<uuid>.parquet, no staging left")
                .isNotEmpty()
                .allSatisfy(file -> assertThat(file).matches(control.queryId() + "_\\d+_" + UUID + "\\.parquet"));
        assertThat(lake.folders("copy")).as("the staging folder is gone").isEmpty();
        assertThat(result.writtenFiles()).extracting(WrittenFile::location).extracting(URI::getPath)
                .containsExactlyInAnyOrderElementsOf(lake.files("copy").stream().map(file -> lake.root().resolve("copy").resolve(file).toString()).toList());
        assertThat(result.writtenFiles().stream().mapToLong(WrittenFile::rows).sum()).isEqualTo(WriteLake.SOURCE_ROWS);
    }

    @Test
    void theNewTableIsWhatCreateExternalTableStoredAsParquetMakes()
    {
        lake.run("CREATE TABLE copy WITH (format = 'PARQUET', write_compression = 'ZSTD', external_location = '%s') AS SELECT id, name, amount FROM src".formatted(lake.location("copy")));
        lake.run("CREATE EXTERNAL TABLE reference (id bigint, name string, amount decimal(12,2)) STORED AS PARQUET LOCATION '%s' TBLPROPERTIES ('parquet.compression' = 'ZSTD')"
                .formatted(lake.location("copy")));
        Table copy = lake.catalog().findTable("default", "copy").orElseThrow();
        Table reference = lake.catalog().findTable("default", "reference").orElseThrow();

        assertThat(copy.storageDescriptor()).isEqualTo(reference.storageDescriptor());
        assertThat(copy.parameters()).isEqualTo(reference.parameters());
        assertThat(copy.tableType()).isEqualTo(Table.EXTERNAL_TABLE);
        assertThat(copy.partitionKeys()).isEmpty();
        assertThat(copy.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo(SerDeInfo.PARQUET_SERDE);
        assertThat(copy.parameters()).containsEntry("parquet.compression", "ZSTD").containsEntry("classification", "parquet");
    }

    @Test
    void partitionedCtasWritesHiveFoldersAndRegistersEveryPartition()
    {
        QueryResult result = lake.run("""
                CREATE TABLE parts
                WITH (external_location = '%s', partitioned_by = ARRAY['dt', 'region'])
                AS SELECT id, name, amount, ratio, dt, region FROM src""".formatted(lake.location("parts")));

        assertThat(result).matches("SELECT CAST(2000 AS BIGINT)");
        assertThat(lake.run("SELECT * FROM parts")).matchesOracle(lake.oracle(), "SELECT id, name, amount, ratio, dt, region FROM src");
        assertThat(lake.run("SELECT dt, region, count(*), sum(id) FROM parts WHERE region IS NULL OR region = 'x=y' GROUP BY dt, region"))
                .matchesOracle(lake.oracle(), "SELECT dt, region, count(*), sum(id) FROM src WHERE region IS NULL OR region = 'x=y' GROUP BY dt, region");

        Table table = lake.catalog().findTable("default", "parts").orElseThrow();
        assertThat(table.partitionKeys()).extracting(column -> column.name() + " " + column.type()).containsExactly("dt date", "region string");
        assertThat(table.storageDescriptor().columns()).extracting(column -> column.name()).containsExactly("id", "name", "amount", "ratio");
        List<Partition> partitions = lake.catalog().listPartitions("default", "parts", TupleDomain.all());
        assertThat(partitions).as("5 dates x (4 regions and NULL)").hasSize(25);
        assertThat(partitions).extracting(Partition::values)
                .contains(List.of("2024-01-03", "east/west"), List.of("2024-01-05", "x=y"), List.of("2024-01-01", Partition.HIVE_DEFAULT_PARTITION));
        for (Partition partition : partitions) {
            Path folder = Path.of(URI.create(partition.storageDescriptor().location()));
            assertThat(folder).as("partition %s has its folder with files", partition.values()).isDirectory();
            assertThat(folder.startsWith(lake.root().resolve("parts"))).isTrue();
        }
        assertThat(lake.folders("parts")).as("Hive's escaping in folder names, NULL as __HIVE_DEFAULT_PARTITION__")
                .contains("dt=2024-01-02", "dt=2024-01-02/region=east%2Fwest", "dt=2024-01-02/region=x%3Dy", "dt=2024-01-02/region=__HIVE_DEFAULT_PARTITION__")
                .noneMatch(folder -> folder.contains(".trawl-staging"));
        assertThat(TrawlRows.toRows(lake.run("SHOW PARTITIONS parts"))).hasSize(25).contains(List.of("dt=2024-01-04/region=east%2Fwest"));
    }

    @Test
    void rollsToANewFileOnceAFileReachesTheTargetSize()
    {
        QueryEngine engine = lake.engine(EngineConfig.defaults().withTargetFileBytes(1), UnaryOperator.identity(), UnaryOperator.identity());
        lake.run(engine, "CREATE TABLE many WITH (external_location = '%s') AS SELECT * FROM src UNION ALL SELECT * FROM src".formatted(lake.location("many")),
                QueryControl.create(), WriteLocations.none());

        assertThat(lake.files("many")).as("a file per page once every file is over its target").hasSizeGreaterThan(1);
        assertThat(lake.run("SELECT * FROM many")).matchesOracle(lake.oracle(), "SELECT * FROM src UNION ALL SELECT * FROM src");
    }

    @Test
    void textfileCtasRecordsItsDelimiterAndReadsBack()
    {
        lake.run("CREATE TABLE text_copy WITH (format = 'TEXTFILE', field_delimiter = '|', external_location = '%s') AS SELECT * FROM src".formatted(lake.location("text")));

        Table table = lake.catalog().findTable("default", "text_copy").orElseThrow();
        assertThat(table.storageDescriptor().inputFormat()).isEqualTo(StorageDescriptor.TEXT_INPUT_FORMAT);
        assertThat(table.storageDescriptor().serdeInfo()).isEqualTo(new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE, Map.of("field.delim", "|", "serialization.format", "|")));
        assertThat(lake.run("SELECT * FROM text_copy")).matchesOracle(lake.oracle(), "SELECT * FROM src");
        assertThat(lake.files("text")).allSatisfy(file -> assertThat(file).doesNotEndWith(".parquet"));
    }

    @Test
    void columnAliasesNameTheColumns()
    {
        lake.run("CREATE TABLE renamed (key, label) WITH (external_location = '%s') AS SELECT id, upper(name) FROM src WHERE id < 10".formatted(lake.location("renamed")));

        assertThat(lake.run("SELECT key, label FROM renamed")).matchesOracle(lake.oracle(), "SELECT id, upper(name) FROM src WHERE id < 10");
    }

    @Test
    void withoutExternalLocationTheTableGoesUnderTheQueryResultLocation()
            throws IOException
    {
        QueryControl control = QueryControl.create();
        URI output = URI.create(lake.location("results"));
        lake.run(lake.engine(), "CREATE TABLE placed AS SELECT id FROM src WHERE id < 5", control, WriteLocations.underOutputLocation(output, control.queryId()));

        Table table = lake.catalog().findTable("default", "placed").orElseThrow();
        assertThat(table.storageDescriptor().location()).isEqualTo(lake.location("results/tables/" + control.queryId()));
        assertThat(lake.rows("SELECT count(*) FROM placed")).containsExactly(List.of(5L));
        assertThat(lake.files("results")).as("the manifest sits beside the tables folder")
                .contains(control.queryId() + "-manifest.csv")
                .anySatisfy(file -> assertThat(file).startsWith("tables/" + control.queryId() + "/"));
        assertThat(Files.readAllLines(lake.root().resolve("results").resolve(control.queryId() + "-manifest.csv")))
                .containsExactlyInAnyOrderElementsOf(lake.files("results/tables/" + control.queryId()).stream()
                        .map(file -> lake.root().resolve("results/tables/" + control.queryId()).resolve(file).toUri().toString())
                        .toList());

        QueryControl second = QueryControl.create();
        QueryEngine configured = lake.engine(EngineConfig.defaults().withTablesLocation(URI.create(lake.location("warehouse"))), UnaryOperator.identity(), UnaryOperator.identity());
        lake.run(configured, "CREATE TABLE configured AS SELECT id FROM src WHERE id < 3", second, WriteLocations.none());
        assertThat(lake.catalog().findTable("default", "configured").orElseThrow().storageDescriptor().location())
                .as("the engine's configured tables location, when the caller gives none")
                .isEqualTo(lake.location("warehouse/" + second.queryId()));

        assertThatThrownBy(() -> lake.run("CREATE TABLE nowhere AS SELECT id FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION);
                    assertThat(e.getMessage()).contains("external_location").contains("default.nowhere");
                });
    }

    @Test
    void withNoDataCreatesTheTableWithoutFiles()
    {
        QueryResult result = lake.run("CREATE TABLE empty WITH (external_location = '%s', partitioned_by = ARRAY['dt']) AS SELECT id, name, dt FROM src WITH NO DATA"
                .formatted(lake.location("empty")));

        assertThat(result).matches("SELECT CAST(0 AS BIGINT)");
        assertThat(lake.files("empty")).isEmpty();
        assertThat(lake.rows("SELECT count(*) FROM empty")).containsExactly(List.of(0L));
        Table table = lake.catalog().findTable("default", "empty").orElseThrow();
        assertThat(table.partitionKeys()).extracting(column -> column.name()).containsExactly("dt");
        assertThat(lake.run("SELECT * FROM empty").columns()).extracting(column -> column.name()).containsExactly("id", "name", "dt");
    }

    @Test
    void ifNotExistsLeavesAnExistingTableAloneAndWithoutItTheCtasFails()
    {
        lake.run("CREATE TABLE copy WITH (external_location = '%s') AS SELECT id FROM src WHERE id < 3".formatted(lake.location("copy")));
        List<String> files = lake.files("copy");

        assertThat(lake.run("CREATE TABLE IF NOT EXISTS copy WITH (external_location = '%s') AS SELECT id FROM src".formatted(lake.location("other"))))
                .matches("SELECT CAST(0 AS BIGINT)");
        assertThatThrownBy(() -> lake.run("CREATE TABLE copy WITH (external_location = '%s') AS SELECT id FROM src".formatted(lake.location("other"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS));
        assertThat(lake.files("copy")).isEqualTo(files);
        assertThat(lake.files("other")).isEmpty();
        assertThat(lake.rows("SELECT count(*) FROM copy")).containsExactly(List.of(3L));
    }

    @Test
    void bucketedCtasWritesAFilePerBucketNamedAfterItByHiveHash()
    {
        QueryControl control = QueryControl.create();
        lake.run(lake.engine(), "CREATE TABLE buckets WITH (external_location = '%s', bucketed_by = ARRAY['id'], bucket_count = 4) AS SELECT id, name FROM src"
                .formatted(lake.location("buckets")), control, WriteLocations.none());

        assertThat(lake.files("buckets")).hasSize(4)
                .allSatisfy(file -> assertThat(file).matches("00000[0-3]_0_" + control.queryId() + "_\\d+_" + UUID + "\\.parquet"));
        for (String file : lake.files("buckets")) {
            long bucket = Long.parseLong(file.substring(0, 6));
            // Hive's hash of a small bigint is the value itself, so bucket = id mod 4
            assertThat(lake.oracle().query("SELECT DISTINCT id %% 4 FROM read_parquet('%s')".formatted(lake.root().resolve("buckets").resolve(file))))
                    .as("rows of %s", file)
                    .containsExactly(List.of(bucket));
        }
        assertThat(lake.catalog().findTable("default", "buckets").orElseThrow().parameters()).containsEntry("bucketed_by", "id").containsEntry("bucket_count", "4");
        assertThat(lake.run("SELECT * FROM buckets")).matchesOracle(lake.oracle(), "SELECT id, name FROM src");
    }

    @Test
    void aNonEmptyExternalLocationIsRefusedAndNothingIsWritten()
            throws IOException
    {
        Path existing = lake.root().resolve("occupied");
        Files.createDirectories(existing);
        Files.writeString(existing.resolve("old.csv"), "1\n");

        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (external_location = '%s') AS SELECT id FROM src".formatted(lake.location("occupied"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION);
                    assertThat(e.getMessage()).startsWith("HIVE_PATH_ALREADY_EXISTS: Target directory for table 'default.t' already exists: ");
                });
        assertThat(lake.catalog().findTable("default", "t")).isEmpty();
        assertThat(lake.files("occupied")).containsExactly("old.csv");
    }

    @Test
    void partitionColumnsMustComeLastInTheirOrder()
    {
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (external_location = '%s', partitioned_by = ARRAY['dt']) AS SELECT dt, id FROM src".formatted(lake.location("t"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo("line 1:1: HIVE_COLUMN_ORDER_MISMATCH: Partition keys must be the last columns in the table and in the same order "
                            + "as the table properties: [dt] (the SELECT's columns are [dt, id])");
                });
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (external_location = '%s', partitioned_by = ARRAY['region', 'dt']) AS SELECT id, dt, region FROM src"
                .formatted(lake.location("t"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).contains("Partition keys must be the last columns"));
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (external_location = '%s', partitioned_by = ARRAY['nope']) AS SELECT id FROM src".formatted(lake.location("t"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).isEqualTo("line 1:1: Partition columns [nope] not present in schema"));
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (external_location = '%s', partitioned_by = ARRAY['id']) AS SELECT id FROM src".formatted(lake.location("t"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).isEqualTo("line 1:1: Table contains only partition columns"));
        assertThat(lake.catalog().findTable("default", "t")).isEmpty();
        assertThat(lake.files("t")).isEmpty();
    }

    @Test
    void formatsOtherThanParquetTextJsonAndAvroAreRefusedByName()
    {
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (format = 'ORC', external_location = '%s') AS SELECT id FROM src".formatted(lake.location("t"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED);
                    assertThat(e.getMessage()).isEqualTo("line 1:22: format 'ORC' is not supported yet: use PARQUET, TEXTFILE, JSON or AVRO");
                });
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (format = 'XML', external_location = '%s') AS SELECT id FROM src".formatted(lake.location("t"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED);
                    assertThat(e.getMessage()).isEqualTo("line 1:22: format 'XML' is not supported: use PARQUET, TEXTFILE, JSON or AVRO");
                });
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (format = 'PARQUET', write_compression = 'DEFLATE') AS SELECT id FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("line 1:42: write_compression 'DEFLATE' is not valid for format 'PARQUET': use one of [GZIP, NONE, SNAPPY, UNCOMPRESSED, ZSTD]"));
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (colour = 'blue') AS SELECT id FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).isEqualTo("line 1:22: Catalog 'awsdatacatalog' table property 'colour' does not exist"));
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (format = 'PARQUET', field_delimiter = ',') AS SELECT id FROM src"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).contains("field_delimiter applies to format 'TEXTFILE' only"));
        assertThat(lake.catalog().findTable("default", "t")).isEmpty();
    }

    @Test
    void jsonAndAvroTablesReadBackTheirRows()
    {
        for (String format : java.util.List.of("JSON", "AVRO", "TEXTFILE")) {
            String table = "copy_" + format.toLowerCase(java.util.Locale.ROOT);
            lake.run("CREATE TABLE %s WITH (format = '%s', external_location = '%s') AS SELECT id, name FROM src".formatted(table, format, lake.location(table)));
            assertThat(lake.rows("SELECT count(*), count(name), sum(id) FROM " + table)).as(format).isEqualTo(lake.rows("SELECT count(*), count(name), sum(id) FROM src"));
        }
    }

    @Test
    void everyColumnNeedsAUniqueName()
    {
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (external_location = '%s') AS SELECT id, id + 1 FROM src".formatted(lake.location("t"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).endsWith("Column name not specified at position 2"));
        assertThatThrownBy(() -> lake.run("CREATE TABLE t WITH (external_location = '%s') AS SELECT id, name AS id FROM src".formatted(lake.location("t"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).endsWith("Column name 'id' specified more than once"));
        assertThat(lake.catalog().findTable("default", "t")).isEmpty();
    }

    @Test
    void tooManyPartitionsFailsNamingTheLimitAndLeavesNothing()
    {
        QueryEngine engine = lake.engine(EngineConfig.defaults().withMaxWritePartitions(3), UnaryOperator.identity(), UnaryOperator.identity());

        assertThatThrownBy(() -> lake.run(engine, "CREATE TABLE t WITH (external_location = '%s', partitioned_by = ARRAY['dt']) AS SELECT id, dt FROM src".formatted(lake.location("t")),
                new QueryControl("limit-test", OptionalLong.empty()), WriteLocations.none()))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).startsWith("HIVE_TOO_MANY_OPEN_PARTITIONS: Exceeded limit of 3 open writers for partitions/buckets");
                });
        assertThat(lake.catalog().findTable("default", "t")).isEmpty();
        assertThat(lake.files("t")).isEmpty();
        assertThat(lake.folders("t")).isEmpty();

        lake.run(engine, "CREATE TABLE t WITH (external_location = '%s', partitioned_by = ARRAY['dt']) AS SELECT id, dt FROM src WHERE dt <= DATE '2024-01-03'".formatted(lake.location("t")),
                QueryControl.create(), WriteLocations.none());
        assertThat(lake.rows("SELECT count(*) FROM t")).as("three partitions are within the limit").containsExactly(List.of(1200L));
    }

    @Test
    void aTableThatExistsOrASchemaThatDoesNotFailBeforeAnythingIsRead()
    {
        assertThatThrownBy(() -> lake.run("CREATE TABLE src AS SELECT 1 AS x"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS));
        assertThatThrownBy(() -> lake.run("CREATE TABLE nowhere.t AS SELECT 1 AS x"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> lake.run("CREATE OR REPLACE TABLE src AS SELECT 1 AS x"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED));
    }
}
