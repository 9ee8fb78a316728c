package io.trawl.scan;

import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.CountingByteMeter;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.SqlDate;
import io.trino.spi.type.SqlDecimal;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;

import static io.trawl.scan.ScanTesting.allColumns;
import static io.trawl.scan.ScanTesting.readAll;
import static io.trawl.scan.ScanTesting.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * LazySimpleSerDe and OpenCSVSerde tables over files DuckDB wrote, plain and compressed with every codec Athena
 * reads for text: DuckDB's own gzip and zstd, and bzip2, deflate, snappy and lz4 written with each codec's library.
 */
class DelimitedTextFormatTest
{
    private static final int ROWS = 300;
    private static final String QUERY = """
            SELECT i AS id,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE 'name ' || i END AS name,
                   CAST(i * 1.25 AS DECIMAL(10, 2)) AS price,
                   DATE '2024-01-01' + CAST(i AS INTEGER) AS day,
                   CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS ratio
            FROM range(ROWS) t(i)""".replace("ROWS", String.valueOf(ROWS));
    private static final List<Column> COLUMNS = List.of(
            new Column("id", "bigint"), new Column("name", "string"), new Column("price", "decimal(10,2)"), new Column("day", "date"), new Column("ratio", "double"));

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "zstd"})
    void readsPipeDelimitedFilesDuckDbWroteWithHeaderAndNullFormat(String compression)
    {
        String extension = switch (compression) {
            case "gzip" -> ".gz";
            case "zstd" -> ".zst";
            default -> "";
        };
        DuckDbFiles.copy(QUERY, directory.resolve("part-0.csv" + extension), "HEADER, DELIMITER '|', NULLSTR '\\N', COMPRESSION " + (compression.equals("none") ? "none" : compression));
        Table table = lazySimple(Map.of(SerDeInfo.FIELD_DELIMITER, "|"), Map.of("skip.header.line.count", "1"));

        List<List<Object>> rows = readAll(new LakeScanProvider(new CountingObjectStore(), new ScanConfig(2048, 0)), table, allColumns(COLUMNS), TupleDomain.all(), new CountingByteMeter());

        assertThat(rows).as("every row and NULL as DuckDB wrote it (%s)", compression).isEqualTo(expectedRows());
    }

    @ParameterizedTest
    @ValueSource(strings = {".bz2", ".deflate", ".snappy", ".snappy-framed", ".lz4"})
    void readsTextCompressedWithEachCodecLibrary(String codec)
            throws IOException
    {
        Path plain = directory.resolve("plain.txt");
        DuckDbFiles.copy(QUERY, plain, "HEADER false, DELIMITER '\t', NULLSTR '\\N'");
        byte[] text = Files.readAllBytes(plain);
        Files.delete(plain);
        String extension = codec.equals(".snappy-framed") ? ".snappy" : codec;
        Files.write(directory.resolve("part-0.tsv" + extension), compress(codec, text));
        Table table = lazySimple(Map.of(SerDeInfo.FIELD_DELIMITER, "\t"), Map.of());

        LakeScanProvider provider = new LakeScanProvider(new CountingObjectStore(), new ScanConfig(1024, 0));
        List<ScanSplit> splits = provider.planSplits(table, new CountingByteMeter());
        List<List<Object>> rows = readAll(provider, table, allColumns(COLUMNS), TupleDomain.all(), new CountingByteMeter());

        assertThat(splits).as("a compressed file is one split").hasSize(1);
        assertThat(rows).as("decompressed with %s", codec).isEqualTo(expectedRows());
    }

    @Test
    void openCsvSerdeReadsQuotedFieldsDuckDbWroteAndSkipsTheHeader()
    {
        String query = "SELECT CAST(i AS VARCHAR) AS id, CASE WHEN i % 4 = 0 THEN NULL ELSE 'say \"hi\", ' || i END AS quoted FROM range(50) t(i)";
        DuckDbFiles.copy(query, directory.resolve("q.csv.gz"), "HEADER, DELIMITER ',', QUOTE '\"', COMPRESSION gzip");
        List<Column> columns = List.of(new Column("id", "string"), new Column("quoted", "string"));
        Table table = table(directory, columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPEN_CSV_SERDE,
                Map.of("separatorChar", ",", "quoteChar", "\"", "escapeChar", "\\"), Map.of("skip.header.line.count", "1"));

        List<List<Object>> rows = readAll(LakeScanProvider.forLocalFiles(), table, allColumns(columns), TupleDomain.all(), new CountingByteMeter());

        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // OpenCSVSerde has no NULL: DuckDB's empty field for NULL reads as the empty string
            expected.add(row(String.valueOf(i), i % 4 == 0 ? "" : "say \"hi\", " + i));
        }
        assertThat(rows).as("doubled quotes and separators inside quotes are data").isEqualTo(expected);
    }

    @Test
    void openCsvSerdeWithCustomSeparatorQuoteAndEscape()
            throws IOException
    {
        Files.writeString(directory.resolve("custom.csv"), "a;'b;c'\n'x\\'y';z;extra\nlonely\n");
        List<Column> columns = List.of(new Column("first", "string"), new Column("second", "string"));
        Table table = table(directory, columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPEN_CSV_SERDE,
                Map.of("separatorChar", ";", "quoteChar", "'", "escapeChar", "\\"), Map.of());

        assertThat(readAll(LakeScanProvider.forLocalFiles(), table, allColumns(columns), TupleDomain.all(), new CountingByteMeter()))
                .as("separator, quote and escape from SERDEPROPERTIES; extra field dropped, missing one NULL")
                .containsExactly(row("a", "b;c"), row("x'y", "z"), row("lonely", null));
    }

    @Test
    void openCsvSerdeTableWithANonStringColumnFailsBeforeReading()
            throws IOException
    {
        Files.writeString(directory.resolve("n.csv"), "1,2\n");
        List<Column> columns = List.of(new Column("id", "bigint"), new Column("name", "string"));
        Table table = table(directory, columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPEN_CSV_SERDE, Map.of(), Map.of());
        CountingByteMeter meter = new CountingByteMeter();

        assertThatThrownBy(() -> LakeScanProvider.forLocalFiles().planSplits(table, meter))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED))
                .hasMessageContaining("column 'id' is declared bigint");
        assertThat(meter.bytes()).as("nothing read").isZero();
    }

    @Test
    void lazySimpleSerdeReadsEscapesNullFormatCollectionsAndSkipsFooter()
            throws IOException
    {
        Files.writeString(directory.resolve("nested.txt"), String.join("\n",
                "header",
                "1,a\\,b,10:20:30,k1=1:k2=2,x:7",
                "2,NULL,,k=,y:",
                "3,plain,NULL,NULL,NULL",
                "4,notanumber,5,,z:notanint",
                "footer 1",
                "footer 2") + "\n");
        List<Column> columns = List.of(new Column("id", "int"), new Column("label", "string"), new Column("numbers", "array<int>"),
                new Column("counts", "map<string,int>"), new Column("pair", "struct<name:string,value:int>"));
        Table table = lazySimple(columns, Map.of(SerDeInfo.FIELD_DELIMITER, ",", SerDeInfo.ESCAPE_DELIMITER, "\\", SerDeInfo.COLLECTION_DELIMITER, ":",
                SerDeInfo.MAP_KEY_DELIMITER, "=", SerDeInfo.NULL_FORMAT, "NULL"), Map.of("skip.header.line.count", "1", "skip.footer.line.count", "2"));

        List<List<Object>> rows = readAll(LakeScanProvider.forLocalFiles(), table, allColumns(columns), TupleDomain.all(), new CountingByteMeter());

        assertThat(rows).as("escaped delimiter is data; NULL format; collections split by collection.delim and mapkey.delim").containsExactly(
                row(1, "a,b", List.of(10, 20, 30), Map.of("k1", 1, "k2", 2), row("x", 7)),
                row(2, null, List.of(), mapWithNullValue("k"), row("y", null)),
                row(3, "plain", null, null, null),
                row(4, "notanumber", List.of(5), Map.of(), row("z", null)));
    }

    @Test
    void truncatedGzipFailsNamingTheFile()
            throws IOException
    {
        Path source = directory.resolve("full.csv.gz");
        DuckDbFiles.copy(QUERY, source, "HEADER false, DELIMITER '|', NULLSTR '\\N', COMPRESSION gzip");
        byte[] bytes = Files.readAllBytes(source);
        Files.delete(source);
        Path truncated = directory.resolve("cut.csv.gz");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Table table = lazySimple(Map.of(SerDeInfo.FIELD_DELIMITER, "|"), Map.of());

        assertThatThrownBy(() -> readAll(LakeScanProvider.forLocalFiles(), table, allColumns(COLUMNS), TupleDomain.all(), new CountingByteMeter()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_DATA))
                .hasMessageStartingWith(truncated.toUri() + ": cannot read gzip-compressed text")
                .hasMessageEndingWith("Unexpected end of ZLIB input stream");
    }

    @Test
    void plainTextNamedAsGzipFailsNamingTheFileAndCodec()
            throws IOException
    {
        Path file = directory.resolve("lies.csv.gz");
        Files.writeString(file, "1|a|1.00|2020-01-01|1.0\n");
        Table table = lazySimple(Map.of(SerDeInfo.FIELD_DELIMITER, "|"), Map.of());

        assertThatThrownBy(() -> readAll(LakeScanProvider.forLocalFiles(), table, allColumns(COLUMNS), TupleDomain.all(), new CountingByteMeter()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_DATA))
                .hasMessageStartingWith(file.toUri() + ": cannot read gzip-compressed text");
    }

    private Table lazySimple(Map<String, String> serdeParameters, Map<String, String> tableParameters)
    {
        return lazySimple(COLUMNS, serdeParameters, tableParameters);
    }

    private Table lazySimple(List<Column> columns, Map<String, String> serdeParameters, Map<String, String> tableParameters)
    {
        return table(directory, columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, serdeParameters, tableParameters);
    }

    static List<List<Object>> expectedRows()
    {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(row(
                    (long) i,
                    i % 5 == 0 ? null : "name " + i,
                    new SqlDecimal(BigInteger.valueOf(i * 125L), 10, 2),
                    new SqlDate((int) LocalDate.of(2024, 1, 1).plusDays(i).toEpochDay()),
                    i % 7 == 0 ? null : i * 0.5));
        }
        return rows;
    }

    private static byte[] compress(String codec, byte[] text)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (codec.equals(".lz4")) {
            writeHadoopLz4Blocks(text, bytes);
            return bytes.toByteArray();
        }
        try (OutputStream out = switch (codec) {
            case ".bz2" -> new BZip2CompressorOutputStream(bytes);
            // Hadoop's DefaultCodec (.deflate) is a zlib stream
            case ".deflate" -> new DeflaterOutputStream(bytes);
            case ".snappy" -> new SnappyHadoopCompatibleOutputStream(bytes);
            case ".snappy-framed" -> new SnappyFramedOutputStream(bytes);
            default -> throw new IllegalArgumentException(codec);
        }) {
            out.write(text);
        }
        return bytes.toByteArray();
    }

    /** Hadoop's BlockCompressorStream framing around lz4-java's block compressor, as Hadoop's Lz4Codec writes. */
    private static void writeHadoopLz4Blocks(byte[] text, ByteArrayOutputStream out)
    {
        LZ4Compressor compressor = LZ4Factory.fastestJavaInstance().fastCompressor();
        int blockBytes = 4096;
        for (int offset = 0; offset < text.length; offset += blockBytes) {
            int length = Math.min(blockBytes, text.length - offset);
            byte[] compressed = compressor.compress(Arrays.copyOfRange(text, offset, offset + length));
            out.writeBytes(ByteBuffer.allocate(8).putInt(length).putInt(compressed.length).array());
            out.writeBytes(compressed);
        }
    }

    private static Map<String, Object> mapWithNullValue(String key)
    {
        Map<String, Object> map = new java.util.HashMap<>();
        map.put(key, null);
        return map;
    }

    private static List<Object> row(Object... values)
    {
        return Arrays.asList(values);
    }
}
