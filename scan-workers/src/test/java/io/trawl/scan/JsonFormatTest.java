package io.trawl.scan;

import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.CountingByteMeter;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.SqlDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.trawl.scan.ScanTesting.allColumns;
import static io.trawl.scan.ScanTesting.readAll;
import static io.trawl.scan.ScanTesting.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON-lines tables (Hive JSON and OpenX SerDes) over files DuckDB wrote, with nested values and NULLs. */
class JsonFormatTest
{
    private static final int ROWS = 200;
    private static final String QUERY = """
            SELECT i AS id,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE 'name ' || i END AS "UserName",
                   CASE WHEN i % 7 = 0 THEN NULL ELSE [CAST(i AS INTEGER), NULL, CAST(i + 1 AS INTEGER)] END AS tags,
                   {'a': i, 'b': 'x' || i} AS attrs,
                   MAP {'k' || i: i, 'z': NULL} AS counts,
                   CAST(i * 1.25 AS DECIMAL(10, 2)) AS price
            FROM range(ROWS) t(i)""".replace("ROWS", String.valueOf(ROWS));
    private static final List<Column> COLUMNS = List.of(
            new Column("id", "bigint"),
            new Column("username", "string"),
            new Column("tags", "array<int>"),
            new Column("attrs", "struct<a:bigint,b:string>"),
            new Column("counts", "map<string,bigint>"),
            new Column("price", "decimal(10,2)"));

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({
            "org.apache.hive.hcatalog.data.JsonSerDe, none",
            "org.apache.hive.hcatalog.data.JsonSerDe, gzip",
            "org.openx.data.jsonserde.JsonSerDe, none",
            "org.openx.data.jsonserde.JsonSerDe, zstd"})
    void readsNestedJsonLinesDuckDbWroteWithCaseInsensitiveKeys(String serde, String compression)
    {
        String extension = switch (compression) {
            case "gzip" -> ".gz";
            case "zstd" -> ".zst";
            default -> "";
        };
        DuckDbFiles.copy(QUERY, directory.resolve("part-0.json" + extension), "FORMAT JSON, COMPRESSION " + compression);
        Table table = table(directory, COLUMNS, StorageDescriptor.TEXT_INPUT_FORMAT, serde, Map.of(), Map.of());

        List<List<Object>> rows = readAll(new LakeScanProvider(new CountingObjectStore(), new ScanConfig(4096, 0)), table, allColumns(COLUMNS), TupleDomain.all(), new CountingByteMeter());

        assertThat(rows).as("%s, %s: nested values, NULLs, the key UserName matching column username", serde, compression).isEqualTo(expectedRows());
    }

    @Test
    void openXMappingPropertyRenamesAKey()
            throws IOException
    {
        Files.writeString(directory.resolve("m.json"), "{\"id\": 1, \"user-name\": \"ann\"}\n{\"id\": 2}\n");
        List<Column> columns = List.of(new Column("id", "bigint"), new Column("username", "string"));
        Table table = table(directory, columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPENX_JSON_SERDE, Map.of("mapping.username", "user-name"), Map.of());

        assertThat(readAll(LakeScanProvider.forLocalFiles(), table, allColumns(columns), TupleDomain.all(), new CountingByteMeter()))
                .as("mapping.username reads key user-name; an absent key is NULL")
                .containsExactly(row(1L, "ann"), row(2L, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {SerDeInfo.HIVE_JSON_SERDE, SerDeInfo.OPENX_JSON_SERDE})
    void malformedJsonLineFailsNamingTheFileAndLine(String serde)
            throws IOException
    {
        Path file = directory.resolve("bad.json");
        Files.writeString(file, "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3, \"username\": \n{\"id\": 4}\n");
        List<Column> columns = List.of(new Column("id", "bigint"), new Column("username", "string"));
        Table table = table(directory, columns, StorageDescriptor.TEXT_INPUT_FORMAT, serde, Map.of(), Map.of());

        for (long splitBytes : new long[] {1 << 20, 12}) {
            LakeScanProvider provider = new LakeScanProvider(new CountingObjectStore(), new ScanConfig(splitBytes, 0));
            assertThatThrownBy(() -> readAll(provider, table, allColumns(columns), TupleDomain.all(), new CountingByteMeter()))
                    .as("%s with %d-byte splits", serde, splitBytes)
                    .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_DATA))
                    .hasMessageStartingWith(file.toUri() + ": line 3 cannot be decoded: ");
        }
    }

    @Test
    void openXIgnoreMalformedJsonReadsABrokenLineAsNulls()
            throws IOException
    {
        Files.writeString(directory.resolve("bad.json"), "{\"id\": 1}\n{\"id\": 3, \"username\": \n{\"ID\": 4, \"UserName\": \"d\"}\n");
        List<Column> columns = List.of(new Column("id", "bigint"), new Column("username", "string"));
        Table table = table(directory, columns, StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.OPENX_JSON_SERDE, Map.of("ignore.malformed.json", "true"), Map.of());

        assertThat(readAll(LakeScanProvider.forLocalFiles(), table, allColumns(columns), TupleDomain.all(), new CountingByteMeter()))
                .as("the broken line is a row of NULLs")
                .containsExactly(row(1L, null), row(null, null), row(4L, "d"));
    }

    private static List<List<Object>> expectedRows()
    {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Map<String, Object> counts = new java.util.HashMap<>();
            counts.put("k" + i, (long) i);
            counts.put("z", null);
            rows.add(row(
                    (long) i,
                    i % 5 == 0 ? null : "name " + i,
                    i % 7 == 0 ? null : Arrays.asList(i, null, i + 1),
                    row((long) i, "x" + i),
                    counts,
                    new SqlDecimal(BigInteger.valueOf(i * 125L), 10, 2)));
        }
        return rows;
    }

    private static List<Object> row(Object... values)
    {
        return Arrays.asList(values);
    }
}
