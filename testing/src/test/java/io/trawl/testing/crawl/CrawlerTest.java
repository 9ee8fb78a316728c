package io.trawl.testing.crawl;

import io.trawl.catalog.Table;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.crawl.CrawlReport;
import io.trawl.scan.crawl.Crawler;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crawler on a folder written by independent writers (DuckDB's Parquet with PARTITION_BY, CSV with a
 * header, gzipped JSON lines; Apache Avro's DataFileWriter): the tables it creates read the same rows as
 * DuckDB reads from the same files, a second crawl changes nothing, and a file with a new column adds it.
 */
class CrawlerTest
{
    private Path root;
    private Path lake;
    private DuckDbOracle oracle;
    private LocalCatalogStore catalog;
    private QueryEngine engine;
    private Crawler crawler;
    private final Session session = Session.defaults().withSchema("lake");

    @BeforeEach
    void writeLake()
            throws IOException
    {
        root = Files.createTempDirectory("trawl-crawl");
        lake = root.resolve("lake");
        Files.createDirectories(lake.resolve("people"));
        Files.createDirectories(lake.resolve("clicks"));
        Files.createDirectories(lake.resolve("sensors"));
        Files.createDirectories(lake.resolve("mixed"));
        oracle = DuckDbOracle.open();
        oracle.execute("""
                COPY (SELECT i AS id, 'item ' || i AS name, CAST(i * 2.5 AS DOUBLE) AS amount, CAST(i * 100000000000 AS BIGINT) AS big,
                             DATE '2024-01-01' + CAST(i %% 3 AS INTEGER) AS dt
                      FROM range(0, 300) t(i))
                TO '%s' (FORMAT PARQUET, PARTITION_BY (dt))""".formatted(lake.resolve("events")));
        oracle.execute("""
                COPY (SELECT CAST(i AS INTEGER) AS id, 'person' || i AS name, i * 0.25 + 0.5 AS score, DATE '2000-01-01' + CAST(i AS INTEGER) AS born, i %% 2 = 0 AS active
                      FROM range(0, 50) t(i))
                TO '%s' (FORMAT CSV, HEADER)""".formatted(lake.resolve("people/people.csv")));
        oracle.execute("""
                COPY (SELECT CAST(i AS INTEGER) AS user_id, 'page/' || (i %% 5) AS page, CAST(i * 1.5 AS DOUBLE) AS seconds, i %% 3 = 0 AS bounced
                      FROM range(0, 80) t(i))
                TO '%s' (FORMAT JSON, COMPRESSION GZIP)""".formatted(lake.resolve("clicks/clicks.json.gz")));
        writeAvro(lake.resolve("sensors/readings.avro"));
        oracle.execute("COPY (SELECT 1 AS a) TO '%s' (FORMAT PARQUET)".formatted(lake.resolve("mixed/one.parquet")));
        Files.writeString(lake.resolve("mixed/two.csv"), "a,b\n1,2\n");

        catalog = new LocalCatalogStore(root.resolve("catalog"));
        engine = new QueryEngine(catalog, LakeScanProvider.create(new LocalObjectStore()), EngineConfig.defaults());
        crawler = new Crawler(new LocalObjectStore(), catalog, "tester");
    }

    @AfterEach
    void cleanUp()
            throws IOException
    {
        oracle.close();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void writeAvro(Path file)
            throws IOException
    {
        Schema schema = SchemaBuilder.record("reading").fields()
                .requiredLong("sensor_id")
                .optionalDouble("Celsius")
                .requiredString("label")
                .endRecord();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            writer.create(schema, file.toFile());
            for (int i = 0; i < 40; i++) {
                GenericRecord record = new GenericData.Record(schema);
                record.put("sensor_id", 1000L + i);
                record.put("Celsius", i % 7 == 0 ? null : i * 0.5);
                record.put("label", "s" + (i % 4));
                writer.append(record);
            }
        }
    }

    private void assertSameAsDuckDb(String trawlSql, String duckDbSql)
    {
        QueryResult result = engine.execute(trawlSql, session);
        ResultComparison.assertMatches(trawlSql, result.columns(), TrawlRows.toRows(result), oracle.query(duckDbSql), true);
    }

    @Test
    void crawledTablesReadTheSameRowsAsDuckDb()
    {
        CrawlReport report = crawler.crawl(lake.toUri().toString(), "lake");

        String mixed = lake.resolve("mixed").toUri() + "";
        assertThat(report.lines()).as("one line per folder, in folder order").containsExactly(
                "created lake.clicks (json, gzip, 4 columns)",
                "created lake.events (parquet, 4 columns, partitioned by dt)",
                "skipped " + mixed + ": mixed formats in one folder: parquet (1 file), csv (1 file); put each format in its own folder",
                "created lake.people (csv, 5 columns)",
                "created lake.sensors (avro, 3 columns)");
        assertThat(report.crawledAnyTable()).isTrue();

        Table events = catalog.findTable("lake", "events").orElseThrow();
        assertThat(events.allColumns()).as("Parquet footer types, date partition key")
                .extracting(column -> column.name() + " " + column.type())
                .containsExactly("id bigint", "name string", "amount double", "big bigint", "dt date");
        assertThat(catalog.findTable("lake", "people").orElseThrow().storageDescriptor().columns()).as("CSV types inferred from the sample")
                .extracting(column -> column.name() + " " + column.type())
                .containsExactly("id int", "name string", "score double", "born date", "active boolean");
        assertThat(catalog.findTable("lake", "people").orElseThrow().parameters()).as("header line skipped")
                .containsEntry("skip.header.line.count", "1");
        assertThat(catalog.findTable("lake", "sensors").orElseThrow().storageDescriptor().columns()).as("Avro names lower-cased, nullable unions unwrapped")
                .extracting(column -> column.name() + " " + column.type())
                .containsExactly("sensor_id bigint", "celsius double", "label string");
        assertThat(catalog.findTable("lake", "mixed")).as("mixed folder is not a table").isEmpty();

        assertSameAsDuckDb("SELECT id, name, amount, big, dt FROM events ORDER BY id",
                "SELECT id, name, amount, big, dt FROM read_parquet('%s/**/*.parquet', hive_partitioning = true) ORDER BY id".formatted(lake.resolve("events")));
        assertSameAsDuckDb("SELECT dt, count(*), sum(amount) FROM events WHERE dt = DATE '2024-01-02' GROUP BY dt",
                "SELECT dt, count(*), sum(amount) FROM read_parquet('%s/**/*.parquet', hive_partitioning = true) WHERE dt = DATE '2024-01-02' GROUP BY dt".formatted(lake.resolve("events")));
        assertSameAsDuckDb("SELECT id, name, score, born, active FROM people ORDER BY id",
                "SELECT id, name, score, born, active FROM read_csv('%s', header = true) ORDER BY id".formatted(lake.resolve("people/people.csv")));
        assertSameAsDuckDb("SELECT user_id, page, seconds, bounced FROM clicks ORDER BY user_id",
                "SELECT user_id, page, seconds, bounced FROM read_json('%s') ORDER BY user_id".formatted(lake.resolve("clicks/clicks.json.gz")));
        oracle.execute("CREATE TABLE sensors AS SELECT 1000 + i AS sensor_id, CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS celsius, 's' || (i % 4) AS label FROM range(0, 40) t(i)");
        assertSameAsDuckDb("SELECT sensor_id, celsius, label FROM sensors ORDER BY sensor_id", "SELECT sensor_id, celsius, label FROM sensors ORDER BY sensor_id");
    }

    @Test
    void crawlingAgainChangesNothingAndANewColumnIsAdded()
            throws IOException
    {
        crawler.crawl(lake.toUri().toString(), "lake");
        long eventsVersion = catalog.findTable("lake", "events").orElseThrow().version();

        CrawlReport again = crawler.crawl(lake.toUri().toString(), "lake");
        assertThat(again.lines()).as("nothing changed on disk").contains(
                "unchanged lake.clicks", "unchanged lake.events", "unchanged lake.people", "unchanged lake.sensors");
        assertThat(catalog.findTable("lake", "events").orElseThrow().version()).as("no write").isEqualTo(eventsVersion);

        Files.createDirectories(lake.resolve("events/dt=2024-01-04"));
        oracle.execute("""
                COPY (SELECT 1000 + i AS id, 'late ' || i AS name, CAST(i AS DOUBLE) AS amount, CAST(i AS BIGINT) AS big, CAST(i * 10 AS BIGINT) AS extra
                      FROM range(0, 5) t(i))
                TO '%s' (FORMAT PARQUET)""".formatted(lake.resolve("events/dt=2024-01-04/late.parquet")));
        CrawlReport afterNewFile = crawler.crawl(lake.toUri().toString(), "lake");
        assertThat(afterNewFile.lines()).as("the new file's column is added, nothing else changes")
                .contains("updated lake.events: added column extra bigint", "unchanged lake.people");
        assertThat(catalog.findTable("lake", "events").orElseThrow().allColumns())
                .extracting(column -> column.name() + " " + column.type())
                .containsExactly("id bigint", "name string", "amount double", "big bigint", "extra bigint", "dt date");

        assertSameAsDuckDb("SELECT id, extra, dt FROM events WHERE id < 3 OR id >= 1000 ORDER BY id",
                "SELECT id, extra, dt FROM read_parquet('%s/**/*.parquet', hive_partitioning = true, union_by_name = true) WHERE id < 3 OR id >= 1000 ORDER BY id".formatted(lake.resolve("events")));
    }

    @Test
    void aFolderWithNothingReadableCrawlsNoTable()
            throws IOException
    {
        Path empty = Files.createDirectories(root.resolve("empty/only"));
        Files.writeString(empty.resolve("_SUCCESS"), "");
        CrawlReport report = crawler.crawl(root.resolve("empty").toUri().toString(), "lake");
        assertThat(report.changes()).as("markers are not data").isEmpty();
        assertThat(report.crawledAnyTable()).isFalse();
        assertThat(catalog.findDatabase("lake")).as("no database made for nothing").isEmpty();
    }
}
