package io.trawl.scan;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trino.spi.Page;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables created with Athena DDL (STORED AS / ROW FORMAT SERDE) and queried with SQL through the engine. */
class FormatDdlQueryTest
{
    @TempDir
    Path home;
    @TempDir
    Path data;

    private QueryEngine engine;

    @BeforeEach
    void setUp()
    {
        engine = new QueryEngine(new LocalCatalogStore(home), LakeScanProvider.forLocalFiles(), EngineConfig.defaults());
    }

    @Test
    void storedAsJsonReadsNestedColumnsThroughSql()
            throws IOException
    {
        Path location = Files.createDirectories(data.resolve("events"));
        DuckDbFiles.copy("SELECT i AS id, [i, i * 2] AS tags, {'city': 'c' || i} AS place FROM range(4) t(i)", location.resolve("e.json.gz"), "FORMAT JSON, COMPRESSION gzip");
        run("CREATE EXTERNAL TABLE events (id bigint, tags array<bigint>, place struct<city:string>) STORED AS JSON LOCATION '" + location.toUri() + "'");

        assertThat(rows(run("SELECT id, tags, place FROM events WHERE id >= 2 ORDER BY id")))
                .as("gzip JSON lines through DDL and SQL, nested values whole")
                .containsExactly(row(2L, List.of(2L, 4L), row("c2")), row(3L, List.of(3L, 6L), row("c3")));
    }

    @Test
    void openCsvSerdeTableReadsWithSkipHeaderThroughSql()
            throws IOException
    {
        Path location = Files.createDirectories(data.resolve("people"));
        DuckDbFiles.copy("SELECT 'p' || i AS name, 'says \"' || i || '\", ok' AS quote FROM range(3) t(i)", location.resolve("p.csv"), "HEADER, DELIMITER ','");
        run("CREATE EXTERNAL TABLE people (name string, quote string) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' "
                + "WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '\"') LOCATION '" + location.toUri() + "' TBLPROPERTIES ('skip.header.line.count' = '1')");

        assertThat(rows(run("SELECT name, quote FROM people ORDER BY name")))
                .containsExactly(row("p0", "says \"0\", ok"), row("p1", "says \"1\", ok"), row("p2", "says \"2\", ok"));
    }

    @Test
    void storedAsAvroAggregatesThroughSql()
            throws IOException
    {
        Path location = Files.createDirectories(data.resolve("numbers"));
        org.apache.avro.Schema schema = org.apache.avro.SchemaBuilder.record("numbers").fields().requiredLong("n").optionalString("label").endRecord();
        try (org.apache.avro.file.DataFileWriter<org.apache.avro.generic.GenericRecord> writer =
                new org.apache.avro.file.DataFileWriter<>(new org.apache.avro.generic.GenericDatumWriter<>(schema))) {
            writer.setCodec(org.apache.avro.file.CodecFactory.deflateCodec(6));
            writer.create(schema, location.resolve("n.avro").toFile());
            for (long n = 1; n <= 100; n++) {
                org.apache.avro.generic.GenericRecord record = new org.apache.avro.generic.GenericData.Record(schema);
                record.put("n", n);
                record.put("label", n % 2 == 0 ? "even" : null);
                writer.append(record);
            }
        }
        run("CREATE EXTERNAL TABLE numbers (n bigint, label string) STORED AS AVRO LOCATION '" + location.toUri() + "'");

        assertThat(rows(run("SELECT count(*), sum(n), count(label) FROM numbers")))
                .containsExactly(row(100L, 5050L, 50L));
    }

    private QueryResult run(String sql)
    {
        return engine.execute(sql, Session.defaults());
    }

    private static List<List<Object>> rows(QueryResult result)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (Page page : result.pages()) {
            for (int position = 0; position < page.getPositionCount(); position++) {
                List<Object> row = new ArrayList<>();
                for (int channel = 0; channel < result.columns().size(); channel++) {
                    Type type = result.columns().get(channel).type();
                    row.add(type.getObjectValue(page.getBlock(channel), position));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Object> row(Object... values)
    {
        return Arrays.asList(values);
    }
}
