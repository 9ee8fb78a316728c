package io.trawl.scan;

import io.airlift.compress.v3.hadoop.HadoopStreams;
import io.airlift.compress.v3.lz4.Lz4HadoopStreams;
import io.airlift.compress.v3.snappy.SnappyHadoopStreams;
import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.write.FileWriter;
import io.trawl.engine.write.WrittenFile;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.CountingByteMeter;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.writer.LakeFileWriters;
import io.trawl.scan.writer.WriterConfig;
import io.trino.spi.Page;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Stream;

import static io.trawl.scan.IndependentReads.duckDb;
import static io.trawl.scan.IndependentReads.duckDbQuery;
import static io.trawl.scan.IndependentReads.plainRows;
import static io.trawl.scan.IndependentReads.project;
import static io.trawl.scan.ScanTesting.allColumns;
import static io.trawl.scan.ScanTesting.readAll;
import static io.trawl.scan.ScanTesting.rows;
import static io.trawl.scan.WriteTestData.HARD_STRINGS;
import static io.trawl.scan.WriteTestData.NESTED_COLUMNS;
import static io.trawl.scan.WriteTestData.PLAIN_STRINGS;
import static io.trawl.scan.WriteTestData.SCALAR_COLUMNS;
import static io.trawl.scan.WriteTestData.types;
import static io.trawl.scan.WriteTestData.without;
import static io.trino.spi.type.BigintType.BIGINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Files written by {@link LakeFileWriters} in every format and compression read back to the rows that were
 * written, through Trawl's own readers (a table over the directory) and through readers that share no code with
 * Trawl: DuckDB for Parquet, text and JSON, Apache Avro's generic reader for Avro.
 */
class LakeFileWritersTest
{
    private static final List<String> EVERY_STRING = Stream.concat(PLAIN_STRINGS.stream(), HARD_STRINGS.stream()).toList();
    private static final String NULL_SEQUENCE = "\\N";

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "GZIP", "SNAPPY", "ZSTD"})
    void parquetRoundTripsEveryTypeAndNull(String codec)
    {
        List<Column> columns = WriteTestData.allColumns();
        Table table = table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("write_compression", codec));
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 700, EVERY_STRING), WriteTestData.page(columns, 700, 1500, EVERY_STRING));

        Path file = write(table, columns, pages, "part-0");

        List<List<Object>> expected = expectedRows(columns, pages);
        assertRows(readWithTrawl(table, columns), expected, "Trawl reads back every row, NULLs, nested values and hard strings included");
        assertRows(duckDb("read_parquet('%s')".formatted(file), names(columns)), plainRows(expected), "DuckDB reads the same rows from the file");
        assertThat(duckDbQuery("SELECT DISTINCT compression FROM parquet_metadata('%s')".formatted(file)))
                .as("every column chunk is compressed as the table says")
                .containsExactly(List.of(codec.equals("NONE") ? "UNCOMPRESSED" : codec));
        assertThat(expected.stream().filter(row -> row.contains(null)).count()).as("the data has NULLs to compare").isGreaterThan(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "GZIP", "SNAPPY", "ZSTD", "LZ4", "BZIP2"})
    void delimitedTextRoundTripsEveryTypeAndNull(String codec)
            throws IOException
    {
        List<Column> columns = WriteTestData.allColumns();
        Table table = table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(), Map.of("write_compression", codec));
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 600, PLAIN_STRINGS), WriteTestData.page(columns, 600, 1200, PLAIN_STRINGS));

        Path file = write(table, columns, pages, "part-0");

        List<List<Object>> expected = expectedRows(columns, pages);
        assertRows(readWithTrawl(table, columns), expected, "Trawl reads back every row of the " + codec + " text file");
        assertThat(compressionOf(file)).as("the file is compressed as its name says").isEqualTo(codec);
        if (codec.equals("NONE") || codec.equals("GZIP") || codec.equals("ZSTD")) {
            // DuckDB knows gzip and zstd but not Hadoop's snappy, LZ4 and bzip2 framing
            List<Column> scalars = SCALAR_COLUMNS;
            String source = "read_csv('%s', delim = '\u0001', header = false, quote = '', escape = '', nullstr = '%s', columns = %s)".formatted(
                    file, NULL_SEQUENCE, duckDbColumns(columns, true));
            assertRows(duckDb(source, textExpressions(scalars)), plainRows(project(expected, columns, scalars)), "DuckDB reads the same scalar values, splitting on \\001");
        }
    }

    @Test
    void delimitedTextWithAnEscapeCharacterStoresDelimitersInsideValues()
            throws IOException
    {
        List<Column> columns = SCALAR_COLUMNS;
        Table table = table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE,
                Map.of(SerDeInfo.FIELD_DELIMITER, ",", SerDeInfo.ESCAPE_DELIMITER, "\\"), Map.of("write_compression", "NONE", "field_delimiter", ","));
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 400, PLAIN_STRINGS));

        Path file = write(table, columns, pages, "part-0");

        assertRows(readWithTrawl(table, columns), expectedRows(columns, pages), "commas and backslashes in strings read back");
        assertThat(Files.readString(file)).as("the delimiter inside a value is escaped").contains("comma\\,separated#5");
    }

    @Test
    void delimitedTextRefusesLineBreaksAndUnescapedDelimitersAndLeavesNoFile()
    {
        List<Column> columns = List.of(new Column("id", "bigint"), new Column("note", "string"));
        LakeFileWriters writers = new LakeFileWriters(new LocalObjectStore());
        Table hiveDefaults = table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(), Map.of());
        Table commaSeparated = table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(SerDeInfo.FIELD_DELIMITER, ","), Map.of());

        assertThatThrownBy(() -> writeRows(writers, hiveDefaults, columns, "a", "two\nlines"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("row 2").hasMessageContaining("'note'").hasMessageContaining("line break");
        assertThatThrownBy(() -> writeRows(writers, commaSeparated, columns, "a", "b,c"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("the delimiter ','").hasMessageContaining("escape.delim");
        assertThat(filesIn(directory)).as("the refused writes were aborted and left nothing, hidden files included").isEmpty();
    }

    @Test
    void hiveJsonRefusesBinaryThatIsNotUtf8Text()
    {
        List<Column> columns = List.of(new Column("c_bigint", "bigint"), new Column("c_binary", "binary"));
        Table table = table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.HIVE_JSON_SERDE, Map.of(), Map.of("write_compression", "NONE"));
        LakeFileWriters writers = new LakeFileWriters(new LocalObjectStore());
        FileWriter writer = writers.createWriter(table, columns, directory.resolve("binary.json").toUri());

        assertThatThrownBy(() -> writer.append(WriteTestData.page(columns, 0, 10, PLAIN_STRINGS)))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("binary column 'c_binary'").hasMessageContaining("not UTF-8");
        writer.abort();
        assertThat(filesIn(directory)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "GZIP", "ZSTD", "SNAPPY"})
    void openCsvRoundTripsQuotedStrings(String codec)
    {
        List<Column> columns = List.of(new Column("a", "string"), new Column("b", "string"), new Column("c", "string"));
        Table table = table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPEN_CSV_SERDE, Map.of(), Map.of("write_compression", codec));
        Page page = stringPage(500, PLAIN_STRINGS);

        Path file = write(table, columns, List.of(page), "part-0");

        // OpenCSVSerde has no NULL: a NULL is written as an empty field, which reads back as the empty string
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : expectedRows(columns, List.of(page))) {
            expected.add(row.stream().map(value -> value == null ? "" : value).toList());
        }
        assertRows(readWithTrawl(table, columns), expected, "Trawl reads back the quoted values");
        if (!codec.equals("SNAPPY")) {
            List<List<Object>> duckDbRows = duckDb("read_csv('%s', delim = ',', quote = '\"', escape = '\\', header = false, columns = %s)".formatted(file, duckDbColumns(columns, true)), names(columns));
            List<List<Object>> duckDbWithoutNulls = new ArrayList<>();
            for (List<Object> row : duckDbRows) {
                duckDbWithoutNulls.add(row.stream().map(value -> value == null ? "" : value).toList());
            }
            assertRows(duckDbWithoutNulls, expected, "DuckDB reads the same values (an empty field is NULL to DuckDB)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.apache.hive.hcatalog.data.JsonSerDe:NONE", "org.apache.hive.hcatalog.data.JsonSerDe:GZIP", "org.apache.hive.hcatalog.data.JsonSerDe:ZSTD",
            "org.apache.hive.hcatalog.data.JsonSerDe:SNAPPY", "org.apache.hive.hcatalog.data.JsonSerDe:BZIP2",
            "org.openx.data.jsonserde.JsonSerDe:NONE", "org.openx.data.jsonserde.JsonSerDe:GZIP"})
    void jsonRoundTripsEveryTypeAndNull(String serdeAndCodec)
            throws IOException
    {
        String serde = serdeAndCodec.substring(0, serdeAndCodec.indexOf(':'));
        String codec = serdeAndCodec.substring(serdeAndCodec.indexOf(':') + 1);
        // the Hive JSON SerDe keeps binary as UTF-8 text and refuses other bytes (see below); OpenX keeps it as base64
        List<Column> columns = serde.equals(SerDeInfo.HIVE_JSON_SERDE) ? without(WriteTestData.allColumns(), "c_binary") : WriteTestData.allColumns();
        Table table = table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, serde, Map.of(), Map.of("write_compression", codec));
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 800, EVERY_STRING));

        Path file = write(table, columns, pages, "part-0");

        List<List<Object>> expected = expectedRows(columns, pages);
        assertRows(readWithTrawl(table, columns), expected, "Trawl reads back every row written by " + serde);
        assertThat(compressionOf(file)).as("the file is compressed as its name says").isEqualTo(codec);
        if (codec.equals("NONE") || codec.equals("GZIP") || codec.equals("ZSTD")) {
            List<Column> scalars = columns.stream().filter(SCALAR_COLUMNS::contains).toList();
            String source = "read_json('%s', format = 'newline_delimited', columns = %s)".formatted(file, duckDbColumns(columns, true));
            List<List<Object>> duckDbRows = duckDb(source, textExpressions(scalars));
            // DuckDB parses JSON numbers as doubles, which cannot hold decimal(30,5): take the decimals' digits from the text
            List<Column> decimals = scalars.stream().filter(column -> column.type().startsWith("decimal")).toList();
            String lines = "read_csv('%s', columns = {'line': 'VARCHAR'}, delim = '\u001e', quote = '', escape = '', header = false)".formatted(file);
            List<List<Object>> decimalRows = duckDb(lines, decimals.stream()
                    .map(column -> "CAST(NULLIF(regexp_extract(line, '\"%s\": *\"?(-?[0-9.]+)', 1), '') AS %s)".formatted(column.name(), column.type()))
                    .toList());
            for (int row = 0; row < duckDbRows.size(); row++) {
                List<Object> values = new ArrayList<>(duckDbRows.get(row));
                for (int i = 0; i < decimals.size(); i++) {
                    values.set(scalars.indexOf(decimals.get(i)), decimalRows.get(row).get(i));
                }
                duckDbRows.set(row, values);
            }
            assertRows(duckDbRows, plainRows(project(expected, columns, scalars)), "DuckDB reads the same scalar values from the JSON lines");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "DEFLATE", "SNAPPY", "ZSTD", "BZIP2"})
    void avroRoundTripsEveryTypeAndNull(String codec)
    {
        // Avro has no tinyint or smallint
        List<Column> columns = without(WriteTestData.allColumns(), "c_tinyint", "c_smallint");
        Table table = table(columns, StorageDescriptor.AVRO_INPUT_FORMAT, SerDeInfo.AVRO_SERDE, Map.of(), Map.of("write_compression", codec));
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 900, EVERY_STRING), WriteTestData.page(columns, 900, 1000, EVERY_STRING));

        Path file = write(table, columns, pages, "part-0");

        List<List<Object>> expected = expectedRows(columns, pages);
        assertRows(readWithTrawl(table, columns), expected, "Trawl reads back every row");
        assertRows(IndependentReads.avro(file), plainRows(expected), "Apache Avro's generic reader reads the same records, nested ones included");
        assertThat(IndependentReads.avroMetadata(file, "avro.codec")).as("the file's codec").isEqualTo(switch (codec) {
            case "NONE" -> "null";
            case "ZSTD" -> "zstandard";
            default -> codec.toLowerCase(java.util.Locale.ROOT);
        });
        assertThat(IndependentReads.avroMetadata(file, "writer.time.zone")).as("timestamps are UTC, and say so").isEqualTo("UTC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "text", "json", "openx", "avro"})
    void charColumnsRoundTrip(String format)
    {
        List<Column> columns = List.of(new Column("c_bigint", "bigint"), new Column("c_char", "char(6)"));
        Table table = tableFor(format, columns);
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 300, PLAIN_STRINGS));

        write(table, columns, pages, "part-0");

        assertRows(readWithTrawl(table, columns), expectedRows(columns, pages), "char values of " + format);
    }

    @Test
    void avroTimestampsReadBackTheSameWhateverTheTimeZonesOfWriterAndReader()
    {
        List<Column> columns = List.of(new Column("c_bigint", "bigint"), new Column("c_timestamp", "timestamp"));
        Table table = tableFor("avro", columns);
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 300, PLAIN_STRINGS));
        TimeZone original = TimeZone.getDefault();
        try {
            // Hive's AvroSerDe would shift these by the writer's zone offset
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            Path file = write(table, columns, pages, "part-0");
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));

            assertRows(readWithTrawl(table, columns), expectedRows(columns, pages), "timestamps read in another zone");
            assertRows(IndependentReads.avro(file), plainRows(expectedRows(columns, pages)), "timestamp-millis are the UTC instants of the values");
        }
        finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void avroTableWithASchemaLiteralIsWrittenWithThatSchema()
    {
        List<Column> columns = List.of(new Column("c_bigint", "bigint"), new Column("c_string", "string"));
        String literal = """
                {"type": "record", "name": "events", "namespace": "example", "fields": [
                  {"name": "c_bigint", "type": ["null", "long"], "default": null},
                  {"name": "c_string", "type": ["null", "string"], "default": null, "doc": "free text"}]}""";
        Table table = table(columns, StorageDescriptor.AVRO_INPUT_FORMAT, SerDeInfo.AVRO_SERDE, Map.of(), Map.of("avro.schema.literal", literal));
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 200, EVERY_STRING));

        Path file = write(table, columns, pages, "part-0");

        assertThat(IndependentReads.avroMetadata(file, "avro.schema")).as("the file carries the table's schema").contains("\"namespace\":\"example\"").contains("free text");
        assertRows(readWithTrawl(table, columns), expectedRows(columns, pages), "rows written with the literal schema");
    }

    @Test
    void avroHonoursTheZstdCompressionLevel()
    {
        List<Column> columns = without(SCALAR_COLUMNS, "c_tinyint", "c_smallint");
        Table table = table(columns, StorageDescriptor.AVRO_INPUT_FORMAT, SerDeInfo.AVRO_SERDE, Map.of(), Map.of("write_compression", "ZSTD", "compression_level", "19"));
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 300, PLAIN_STRINGS));

        Path file = write(table, columns, pages, "part-0");

        assertThat(IndependentReads.avroMetadata(file, "avro.codec")).isEqualTo("zstandard");
        assertRows(readWithTrawl(table, columns), expectedRows(columns, pages), "rows of the level-19 file");
    }

    @Test
    void defaultCompressionIsAthenasAndPropertiesAreReadInItsOrder()
            throws IOException
    {
        List<Column> columns = List.of(new Column("id", "bigint"), new Column("name", "string"));
        Page page = WriteTestData.page(List.of(new Column("c_bigint", "bigint"), new Column("c_string", "string")), 0, 100, PLAIN_STRINGS);
        LakeFileWriters writers = new LakeFileWriters(new LocalObjectStore());

        assertThat(parquetCodec(table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of()), columns, page, "default"))
                .as("GZIP is Athena's default write compression").isEqualTo("GZIP");
        assertThat(parquetCodec(table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("parquet_compression", "SNAPPY")), columns, page, "ctas"))
                .as("CTAS's parquet_compression").isEqualTo("SNAPPY");
        assertThat(parquetCodec(table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("parquet.compression", "uncompressed")), columns, page, "hive"))
                .as("Hive's parquet.compression, any case").isEqualTo("UNCOMPRESSED");
        assertThat(parquetCodec(table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("write_compression", "ZSTD", "parquet_compression", "SNAPPY")), columns, page, "both"))
                .as("write_compression comes first").isEqualTo("ZSTD");

        Table text = table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(), Map.of());
        Path textFile = write(text, columns, List.of(page), "text");
        assertThat(textFile.getFileName().toString()).as("text is gzipped by default, and named so").endsWith(".txt.gz");
        assertThat(compressionOf(textFile)).isEqualTo("GZIP");

        Table avro = table(columns, StorageDescriptor.AVRO_INPUT_FORMAT, SerDeInfo.AVRO_SERDE, Map.of(), Map.of());
        assertThat(IndependentReads.avroMetadata(write(avro, columns, List.of(page), "avro"), "avro.codec")).as("Avro's GZIP is deflate").isEqualTo("deflate");
        assertThat(writers.fileExtension(avro)).isEqualTo(".avro");
    }

    @Test
    void fileExtensionsNameTheFormatAndTheCompressionReadersChooseTheCodecBy()
    {
        List<Column> columns = List.of(new Column("a", "string"));
        LakeFileWriters writers = new LakeFileWriters(new LocalObjectStore());

        assertThat(writers.fileExtension(table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("write_compression", "SNAPPY")))).isEqualTo(".parquet");
        assertThat(writers.fileExtension(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(SerDeInfo.FIELD_DELIMITER, ","), Map.of("write_compression", "NONE")))).isEqualTo(".csv");
        assertThat(writers.fileExtension(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(SerDeInfo.FIELD_DELIMITER, "\t"), Map.of("write_compression", "ZSTD")))).isEqualTo(".tsv.zst");
        assertThat(writers.fileExtension(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(), Map.of("write_compression", "BZIP2")))).isEqualTo(".txt.bz2");
        assertThat(writers.fileExtension(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPEN_CSV_SERDE, Map.of(), Map.of("write_compression", "SNAPPY")))).isEqualTo(".csv.snappy");
        assertThat(writers.fileExtension(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.HIVE_JSON_SERDE, Map.of(), Map.of()))).isEqualTo(".json.gz");
        assertThat(writers.fileExtension(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPENX_JSON_SERDE, Map.of(), Map.of("compression", "lz4")))).isEqualTo(".json.lz4");
        assertThat(writers.fileExtension(table(columns, StorageDescriptor.AVRO_INPUT_FORMAT, SerDeInfo.AVRO_SERDE, Map.of(), Map.of("write_compression", "SNAPPY")))).isEqualTo(".avro");
    }

    @Test
    void refusesWhatItCannotWriteBeforeWritingAnything()
    {
        List<Column> columns = List.of(new Column("id", "bigint"), new Column("n", "tinyint"));
        LakeFileWriters writers = new LakeFileWriters(new LocalObjectStore());
        URI location = directory.resolve("f").toUri();

        assertRefused(() -> writers.createWriter(table(columns, StorageDescriptor.ORC_INPUT_FORMAT, SerDeInfo.ORC_SERDE, Map.of(), Map.of()), columns, location),
                ErrorCode.NOT_SUPPORTED, "ORC is not supported for writing; use PARQUET");
        assertRefused(() -> writers.createWriter(table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("write_compression", "LZ4")), columns, location),
                ErrorCode.NOT_SUPPORTED, "Parquet files cannot be written with LZ4");
        assertRefused(() -> writers.createWriter(table(columns, StorageDescriptor.AVRO_INPUT_FORMAT, SerDeInfo.AVRO_SERDE, Map.of(), Map.of("write_compression", "GZIP")), columns, location),
                ErrorCode.NOT_SUPPORTED, "Avro files cannot be written with GZIP");
        assertRefused(() -> writers.createWriter(table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("write_compression", "BROTLI")), columns, location),
                ErrorCode.INVALID_ARGUMENT, "'BROTLI' is not a compression");
        assertRefused(() -> writers.createWriter(table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("write_compression", "GZIP", "compression_level", "5")), columns, location),
                ErrorCode.INVALID_ARGUMENT, "compression_level applies only to ZSTD");
        assertRefused(() -> writers.createWriter(table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("write_compression", "ZSTD", "compression_level", "23")), columns, location),
                ErrorCode.INVALID_ARGUMENT, "between 1 and 22");
        assertRefused(() -> writers.createWriter(table(columns, StorageDescriptor.AVRO_INPUT_FORMAT, SerDeInfo.AVRO_SERDE, Map.of(), Map.of()), columns, location),
                ErrorCode.NOT_SUPPORTED, "column 'n' is tinyint, which Avro cannot store");
        assertRefused(() -> writers.createWriter(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPEN_CSV_SERDE, Map.of(), Map.of()), columns, location),
                ErrorCode.NOT_SUPPORTED, "column 'id' is bigint");
        assertRefused(() -> writers.createWriter(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(SerDeInfo.FIELD_DELIMITER, "|"), Map.of("field_delimiter", ",")), columns, location),
                ErrorCode.INVALID_ARGUMENT, "field_delimiter ',' disagrees");
        assertThatThrownBy(() -> writers.createWriter(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(), Map.of("write_compression", "GZIP")), columns, directory.resolve("f.txt").toUri()))
                .as("a gzipped text file not named .gz would be read as plain text")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end with .gz");
        assertThatThrownBy(() -> writers.createWriter(table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(), Map.of("write_compression", "NONE")), columns, directory.resolve("f.txt.gz").toUri()))
                .as("a plain text file named .gz would be read as gzip")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end with neither .gz");
        assertThat(filesIn(directory)).as("nothing was written").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "text", "csv", "json", "avro"})
    void abortLeavesNothingAndCommitThenAbortKeepsTheFile(String format)
            throws IOException
    {
        List<Column> columns = format.equals("csv")
                ? List.of(new Column("c_text", "string"), new Column("c_string", "string"))
                : List.of(new Column("c_bigint", "bigint"), new Column("c_string", "string"));
        Table table = tableFor(format, columns);
        LakeFileWriters writers = new LakeFileWriters(new LocalObjectStore());
        List<Page> pages = List.of(WriteTestData.page(columns, 0, 5000, PLAIN_STRINGS), WriteTestData.page(columns, 5000, 10_000, PLAIN_STRINGS));

        FileWriter aborted = writers.createWriter(table, columns, directory.resolve("aborted" + writers.fileExtension(table)).toUri());
        pages.forEach(aborted::append);
        aborted.abort();
        aborted.abort();
        assertThat(filesIn(directory)).as("an aborted %s writer leaves nothing, not even its hidden temporary file", format).isEmpty();
        assertThatThrownBy(aborted::commit).as("an aborted writer cannot be committed").isInstanceOf(IllegalStateException.class);

        Path committed = directory.resolve("committed" + writers.fileExtension(table));
        FileWriter writer = writers.createWriter(table, columns, committed.toUri());
        pages.forEach(writer::append);
        WrittenFile file = writer.commit();
        writer.abort();
        assertThat(filesIn(directory)).as("abort after commit keeps the committed file").containsExactly(committed);
        assertThat(file).isEqualTo(new WrittenFile(committed.toUri(), Files.size(committed), 10_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "text", "csv", "json", "avro"})
    void writtenBytesGrowWhilePagesAreAppendedSoTheEngineCanRollFiles(String format)
            throws IOException
    {
        List<Column> columns = format.equals("csv")
                ? List.of(new Column("c_text", "string"), new Column("c_string", "string"))
                : List.of(new Column("c_bigint", "bigint"), new Column("c_string", "string"));
        Table table = tableFor(format, columns);
        LakeFileWriters writers = new LakeFileWriters(new LocalObjectStore());
        Path path = directory.resolve("big" + writers.fileExtension(table));
        FileWriter writer = writers.createWriter(table, columns, path.toUri());

        List<Long> estimates = new ArrayList<>();
        for (int start = 0; start < 200_000; start += 20_000) {
            writer.append(WriteTestData.page(columns, start, start + 20_000, PLAIN_STRINGS));
            estimates.add(writer.writtenBytes());
        }
        long estimateBeforeCommit = writer.writtenBytes();
        WrittenFile file = writer.commit();

        if (!format.equals("parquet")) {
            // Parquet's estimate counts the open row group's pages uncompressed, so it drops when a row group is flushed
            assertThat(estimates).as("the estimate never goes back").isSorted();
        }
        assertThat(estimates.getFirst()).as("bytes are counted before the file is finished").isPositive();
        assertThat(estimates.getLast()).as("and keep growing with the data").isGreaterThan(estimates.getFirst());
        assertThat(estimateBeforeCommit).as("the live estimate does not exceed the finished file by more than its last buffer")
                .isLessThanOrEqualTo(file.bytes() + 2 * 1024 * 1024);
        assertThat(file.bytes()).as("the committed size is the object's").isEqualTo(Files.size(path));
        assertThat(file.rows()).isEqualTo(200_000).isEqualTo(writer.writtenRows());
    }

    @Test
    void largeParquetInputRollsRowGroupsWithStatisticsThatLetReadsPrune()
            throws IOException
    {
        List<Column> columns = List.of(new Column("c_bigint", "bigint"), new Column("c_string", "string"), new Column("c_double", "double"));
        Table table = table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of("write_compression", "SNAPPY"));
        LakeFileWriters writers = new LakeFileWriters(new LocalObjectStore(), WriterConfig.defaults().withParquetRowGroupBytes(1024 * 1024));
        Path path = directory.resolve("sorted.parquet");
        FileWriter writer = writers.createWriter(table, columns, path.toUri());
        List<Page> pages = new ArrayList<>();
        for (int start = 0; start < 300_000; start += 30_000) {
            pages.add(WriteTestData.page(columns, start, start + 30_000, PLAIN_STRINGS));
            writer.append(pages.getLast());
        }
        writer.commit();

        List<List<Object>> rowGroups = duckDbQuery("SELECT row_group_id, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('%s') WHERE path_in_schema = 'c_bigint' ORDER BY row_group_id".formatted(path));
        assertThat(rowGroups.size()).as("300,000 rows of about 40 bytes roll over 1 MB row groups").isGreaterThan(4);
        assertThat(rowGroups).as("every row group has min, max and null count statistics").allSatisfy(group -> assertThat(group).doesNotContainNull());

        // c_bigint grows with the row number: a narrow range lies in one row group
        long low = 150_000 * 1_000_003L - 500_000_000_000L;
        TupleDomain<String> predicate = TupleDomain.withColumnDomains(Map.of("c_bigint", Domain.create(ValueSet.ofRanges(Range.range(BIGINT, low, true, low + 10 * 1_000_003L, true)), false)));
        CountingByteMeter everything = new CountingByteMeter();
        List<List<Object>> all = readAll(LakeScanProvider.forLocalFiles(), table, allColumns(columns), TupleDomain.all(), everything);
        CountingByteMeter pruned = new CountingByteMeter();
        List<List<Object>> prunedRows = readAll(LakeScanProvider.forLocalFiles(), table, allColumns(columns), predicate, pruned);

        assertRows(all, expectedRows(columns, pages), "every row reads back");
        assertThat(matching(prunedRows, low)).as("pruning keeps the matching rows").isEqualTo(matching(all, low)).isNotEmpty();
        List<List<Object>> candidates = duckDbQuery(("SELECT sum(row_group_num_rows), count(*) FROM parquet_metadata('%s') " +
                "WHERE path_in_schema = 'c_bigint' AND CAST(stats_max_value AS BIGINT) >= %d AND CAST(stats_min_value AS BIGINT) <= %d").formatted(path, low, low + 10 * 1_000_003L));
        assertThat(candidates.getFirst().get(1)).as("the range lies in one row group").isEqualTo(1L);
        assertThat((long) prunedRows.size()).as("only the row group whose statistics can match is read").isEqualTo(candidates.getFirst().get(0));
        assertThat(pruned.bytes()).as("so the pruned read scans a fraction of the bytes").isLessThan(everything.bytes() / 2);
    }

    // ---- helpers

    /** The whole result, compared row by row so that a failure shows the first row that differs, not all of them. */
    private static void assertRows(List<List<Object>> actual, List<List<Object>> expected, String description)
    {
        for (int row = 0; row < Math.min(actual.size(), expected.size()); row++) {
            assertThat(actual.get(row)).as("%s: row %d", description, row).isEqualTo(expected.get(row));
        }
        assertThat(actual.size()).as("%s: row count", description).isEqualTo(expected.size());
    }

    private static List<List<Object>> matching(List<List<Object>> rows, long low)
    {
        return rows.stream().filter(row -> row.getFirst() != null && (Long) row.getFirst() >= low && (Long) row.getFirst() <= low + 10 * 1_000_003L).toList();
    }

    private Table tableFor(String format, List<Column> columns)
    {
        return switch (format) {
            case "parquet" -> table(columns, StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of(), Map.of());
            case "text" -> table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(), Map.of());
            case "csv" -> table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPEN_CSV_SERDE, Map.of(), Map.of());
            case "json" -> table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.HIVE_JSON_SERDE, Map.of(), Map.of());
            case "openx" -> table(columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPENX_JSON_SERDE, Map.of(), Map.of());
            case "avro" -> table(columns, StorageDescriptor.AVRO_INPUT_FORMAT, SerDeInfo.AVRO_SERDE, Map.of(), Map.of());
            default -> throw new IllegalArgumentException(format);
        };
    }

    private Table table(List<Column> columns, String inputFormat, String serde, Map<String, String> serdeParameters, Map<String, String> tableParameters)
    {
        return new Table("test", "written", "tester", Table.EXTERNAL_TABLE, tableParameters,
                new StorageDescriptor(columns, directory.toUri().toString(), inputFormat, StorageDescriptor.TEXT_OUTPUT_FORMAT, new SerDeInfo(serde, serdeParameters), false),
                List.of(), Optional.empty(), 1);
    }

    private Path write(Table table, List<Column> columns, List<Page> pages, String name)
    {
        LakeFileWriters writers = new LakeFileWriters(new LocalObjectStore());
        Path path = directory.resolve(name + writers.fileExtension(table));
        FileWriter writer = writers.createWriter(table, columns, path.toUri());
        try {
            pages.forEach(writer::append);
            WrittenFile file = writer.commit();
            assertThat(file.location()).isEqualTo(path.toUri());
            return path;
        }
        finally {
            writer.abort();
        }
    }

    private void writeRows(LakeFileWriters writers, Table table, List<Column> columns, String... notes)
    {
        io.trino.spi.PageBuilder builder = new io.trino.spi.PageBuilder(types(columns));
        for (int i = 0; i < notes.length; i++) {
            builder.declarePosition();
            BIGINT.writeLong(builder.getBlockBuilder(0), i);
            io.trino.spi.type.VarcharType.VARCHAR.writeSlice(builder.getBlockBuilder(1), io.airlift.slice.Slices.utf8Slice(notes[i]));
        }
        FileWriter writer = writers.createWriter(table, columns, directory.resolve("refused" + writers.fileExtension(table)).toUri());
        try {
            writer.append(builder.build());
            writer.commit();
        }
        finally {
            writer.abort();
        }
    }

    private String parquetCodec(Table table, List<Column> columns, Page page, String name)
    {
        Path file = write(table, columns, List.of(page), name);
        List<List<Object>> codecs = duckDbQuery("SELECT DISTINCT compression FROM parquet_metadata('%s')".formatted(file));
        assertThat(codecs).hasSize(1);
        return (String) codecs.getFirst().getFirst();
    }

    private static Page stringPage(int rows, List<String> strings)
    {
        List<Column> source = List.of(new Column("c_string", "string"), new Column("c_string", "string"), new Column("c_string", "string"));
        Page first = WriteTestData.page(source.subList(0, 1), 0, rows, strings);
        Page second = WriteTestData.page(source.subList(0, 1), 1, rows + 1, strings);
        Page third = WriteTestData.page(source.subList(0, 1), 2, rows + 2, strings);
        return new Page(first.getBlock(0), second.getBlock(0), third.getBlock(0));
    }

    private static List<List<Object>> readWithTrawl(Table table, List<Column> columns)
    {
        return readAll(LakeScanProvider.forLocalFiles(), table, allColumns(columns), TupleDomain.all(), new CountingByteMeter());
    }

    private static List<List<Object>> expectedRows(List<Column> columns, List<Page> pages)
    {
        List<List<Object>> expected = new ArrayList<>();
        for (Page page : pages) {
            expected.addAll(rows(page, types(columns)));
        }
        return expected;
    }

    private static List<String> names(List<Column> columns)
    {
        return columns.stream().map(Column::name).toList();
    }

    /** Text formats hold binary as base64, which DuckDB decodes. */
    private static List<String> textExpressions(List<Column> columns)
    {
        return columns.stream().map(column -> column.type().equals("binary") ? "from_base64(%s)".formatted(column.name()) : column.name()).toList();
    }

    /** A DuckDB {@code columns} struct giving every column its type, so DuckDB does not guess; binary is the base64 text. */
    private static String duckDbColumns(List<Column> columns, boolean binaryAsText)
    {
        Map<String, String> duckDbTypes = new HashMap<>(Map.of("string", "VARCHAR", "float", "FLOAT", "int", "INTEGER", "binary", binaryAsText ? "VARCHAR" : "BLOB",
                "array<string>", "VARCHAR[]", "map<string,int>", "MAP(VARCHAR, INTEGER)", "struct<a:bigint,b:string>", "STRUCT(a BIGINT, b VARCHAR)"));
        List<String> entries = new ArrayList<>();
        for (Column column : columns) {
            entries.add("'%s': '%s'".formatted(column.name(), duckDbTypes.getOrDefault(column.type(), column.type().toUpperCase(java.util.Locale.ROOT))));
        }
        return "{" + String.join(", ", entries) + "}";
    }

    /** The codec a text file was written with, recognised by its magic bytes, not its name. */
    private static String compressionOf(Path file)
            throws IOException
    {
        byte[] head;
        try (InputStream input = Files.newInputStream(file)) {
            head = input.readNBytes(4);
        }
        String hex = HexFormat.of().formatHex(head);
        if (hex.startsWith("1f8b")) {
            return "GZIP";
        }
        if (hex.equals("28b52ffd")) {
            return "ZSTD";
        }
        if (new String(head, 0, 3, StandardCharsets.ISO_8859_1).equals("BZh")) {
            return "BZIP2";
        }
        // Hadoop's snappy and LZ4 streams start with a block length, not a magic number: they are what decodes as one
        for (HadoopStreams streams : List.of(new SnappyHadoopStreams(), new Lz4HadoopStreams())) {
            try (InputStream input = streams.createInputStream(Files.newInputStream(file))) {
                byte[] text = input.readAllBytes();
                if (text.length > Files.size(file) && new String(text, StandardCharsets.UTF_8).contains("\n")) {
                    return streams instanceof SnappyHadoopStreams ? "SNAPPY" : "LZ4";
                }
            }
            catch (IOException | RuntimeException notThisCodec) {
                // try the next
            }
        }
        return "NONE";
    }

    private static List<Path> filesIn(Path directory)
    {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code, String message)
    {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(code))
                .hasMessageContaining(message);
    }
}
