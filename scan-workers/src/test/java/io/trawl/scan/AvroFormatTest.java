package io.trawl.scan;

import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.CountingByteMeter;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.SqlDate;
import io.trino.spi.type.SqlDecimal;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trawl.scan.ScanTesting.allColumns;
import static io.trawl.scan.ScanTesting.readAll;
import static io.trawl.scan.ScanTesting.readSplit;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Avro tables over container files written with Apache Avro's own DataFileWriter, for each codec it ships. */
class AvroFormatTest
{
    private static final int ROWS = 2000;
    private static final Schema DECIMAL = LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    private static final Schema DATE = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    private static final Schema ATTRS = SchemaBuilder.record("attrs").fields()
            .requiredLong("a")
            .optionalString("b")
            .endRecord();
    private static final Schema FILE_SCHEMA = SchemaBuilder.record("events").fields()
            .requiredLong("id")
            .optionalString("name")
            .name("price").type(DECIMAL).noDefault()
            .name("day").type(DATE).noDefault()
            .name("tags").type().nullable().array().items().nullable().intType().noDefault()
            .name("attrs").type(ATTRS).noDefault()
            .name("counts").type().map().values().nullable().longType().noDefault()
            .name("ignored").type().doubleType().noDefault()
            .endRecord();
    private static final List<Column> COLUMNS = List.of(
            new Column("id", "bigint"),
            new Column("name", "string"),
            new Column("price", "decimal(10,2)"),
            new Column("day", "date"),
            new Column("tags", "array<int>"),
            new Column("attrs", "struct<a:bigint,b:string>"),
            new Column("counts", "map<string,bigint>"),
            new Column("added_later", "string"));

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"null", "deflate", "snappy", "bzip2"})
    void readsEveryRowWrittenByAvrosDataFileWriterAcrossSyncMarkerSplits(String codec)
            throws IOException
    {
        writeEvents(directory.resolve("part-0.avro"), CodecFactory.fromString(codec));
        Table table = avroTable(COLUMNS, Map.of());

        for (long splitBytes : new long[] {1 << 30, 1500}) {
            CountingObjectStore store = new CountingObjectStore();
            LakeScanProvider provider = new LakeScanProvider(store, new ScanConfig(splitBytes, 0));
            CountingByteMeter meter = new CountingByteMeter();
            List<ScanSplit> splits = provider.planSplits(table, meter);
            List<List<Object>> rows = new ArrayList<>();
            for (ScanSplit split : splits) {
                rows.addAll(readSplit(provider, table, split, allColumns(COLUMNS), TupleDomain.all(), meter));
            }
            assertThat(meter.bytes()).as("every byte fetched is metered").isEqualTo(store.bytesServed()).isGreaterThanOrEqualTo(Files.size(directory.resolve("part-0.avro")));
            assertThat(rows).as("%s codec, %d splits: nested values and NULLs; a column the file lacks is NULL", codec, splits.size()).isEqualTo(expectedRows());
            if (splitBytes < Files.size(directory.resolve("part-0.avro"))) {
                assertThat(splits).as("split at sync markers").hasSizeGreaterThan(1);
            }
        }
    }

    @Test
    void projectsColumnsAndCountsRowsWithoutColumns()
            throws IOException
    {
        writeEvents(directory.resolve("part-0.avro"), CodecFactory.nullCodec());
        Table table = avroTable(COLUMNS, Map.of());
        List<ScanColumn> columns = List.of(new ScanColumn("name", 1, VARCHAR), new ScanColumn("id", 0, BIGINT), new ScanColumn("name", 1, VARCHAR));

        List<List<Object>> rows = readAll(LakeScanProvider.forLocalFiles(), table, columns, TupleDomain.all(), new CountingByteMeter());
        List<List<Object>> noColumns = readAll(LakeScanProvider.forLocalFiles(), table, List.of(), TupleDomain.all(), new CountingByteMeter());

        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : expectedRows()) {
            expected.add(Arrays.asList(row.get(1), row.get(0), row.get(1)));
        }
        assertThat(rows).as("requested order, repeated column").isEqualTo(expected);
        assertThat(noColumns).as("one empty row per record").hasSize(ROWS);
    }

    @Test
    void schemaLiteralIsTheReaderSchemaAndColumnsMatchItsFieldsIgnoringCase()
            throws IOException
    {
        Schema camel = SchemaBuilder.record("camel").fields().requiredLong("userId").optionalString("displayName").endRecord();
        writeRecords(directory.resolve("c.avro"), camel, List.of(record(camel, 1L, "ann"), record(camel, 2L, null)));
        List<Column> columns = List.of(new Column("userid", "bigint"), new Column("displayname", "string"));
        Table table = avroTable(columns, Map.of("avro.schema.literal", camel.toString()));

        assertThat(readAll(LakeScanProvider.forLocalFiles(), table, allColumns(columns), TupleDomain.all(), new CountingByteMeter()))
                .as("camelCase fields found through the literal")
                .containsExactly(Arrays.asList(1L, "ann"), Arrays.asList(2L, null));
    }

    @Test
    void schemaMismatchFailsNamingTheFileAndColumn()
            throws IOException
    {
        Schema wrong = SchemaBuilder.record("events").fields().requiredString("id").endRecord();
        Path file = directory.resolve("wrong.avro");
        writeRecords(file, wrong, List.of(record(wrong, "not a number")));
        Table table = avroTable(List.of(new Column("id", "bigint")), Map.of());

        assertThatThrownBy(() -> readAll(LakeScanProvider.forLocalFiles(), table, allColumns(table.storageDescriptor().columns()), TupleDomain.all(), new CountingByteMeter()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_DATA))
                .hasMessage("Avro file %s does not match table test.events: column 'id' is nullable long in the table but string in the file".formatted(file.toUri()));
    }

    @Test
    void notAnAvroFileFailsNamingIt()
            throws IOException
    {
        Path file = directory.resolve("text.avro");
        Files.writeString(file, "id,name\n1,a\n");
        Table table = avroTable(List.of(new Column("id", "bigint")), Map.of());

        assertThatThrownBy(() -> readAll(LakeScanProvider.forLocalFiles(), table, allColumns(table.storageDescriptor().columns()), TupleDomain.all(), new CountingByteMeter()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_DATA))
                .hasMessageStartingWith(file.toUri() + " is not a readable Avro data file");
    }

    private Table avroTable(List<Column> columns, Map<String, String> parameters)
    {
        return new Table("test", "events", "tester", Table.EXTERNAL_TABLE, parameters,
                new StorageDescriptor(columns, directory.toUri().toString(), StorageDescriptor.AVRO_INPUT_FORMAT, StorageDescriptor.AVRO_OUTPUT_FORMAT,
                        new SerDeInfo(SerDeInfo.AVRO_SERDE, Map.of()), false),
                List.of(), Optional.empty(), 1);
    }

    private static void writeEvents(Path file, CodecFactory codec)
            throws IOException
    {
        Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
        List<GenericRecord> records = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            GenericRecord attrs = record(ATTRS, (long) i, i % 3 == 0 ? null : "x" + i);
            Map<String, Object> counts = new HashMap<>();
            counts.put("k" + i, (long) i);
            counts.put("z", null);
            records.add(record(FILE_SCHEMA,
                    (long) i,
                    i % 5 == 0 ? null : "name " + i,
                    decimals.toBytes(BigDecimal.valueOf(i * 125L, 2), DECIMAL, DECIMAL.getLogicalType()),
                    (int) LocalDate.of(2024, 1, 1).plusDays(i).toEpochDay(),
                    i % 7 == 0 ? null : Arrays.asList(i, null, i + 1),
                    attrs,
                    counts,
                    i * 0.5));
        }
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(FILE_SCHEMA))) {
            writer.setCodec(codec);
            // small blocks, so the file has many sync markers to split at
            writer.setSyncInterval(1024);
            writer.create(FILE_SCHEMA, file.toFile());
            for (GenericRecord record : records) {
                writer.append(record);
            }
        }
    }

    private static void writeRecords(Path file, Schema schema, List<GenericRecord> records)
            throws IOException
    {
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            writer.create(schema, file.toFile());
            for (GenericRecord record : records) {
                writer.append(record);
            }
        }
    }

    private static GenericRecord record(Schema schema, Object... values)
    {
        GenericRecord record = new GenericData.Record(schema);
        for (int i = 0; i < values.length; i++) {
            record.put(i, values[i]);
        }
        return record;
    }

    private static List<List<Object>> expectedRows()
    {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Map<String, Object> counts = new HashMap<>();
            counts.put("k" + i, (long) i);
            counts.put("z", null);
            rows.add(Arrays.asList(
                    (long) i,
                    i % 5 == 0 ? null : "name " + i,
                    new SqlDecimal(BigInteger.valueOf(i * 125L), 10, 2),
                    new SqlDate((int) LocalDate.of(2024, 1, 1).plusDays(i).toEpochDay()),
                    i % 7 == 0 ? null : Arrays.asList(i, null, i + 1),
                    Arrays.asList((long) i, i % 3 == 0 ? null : "x" + i),
                    counts,
                    null));
        }
        return rows;
    }
}
