package io.trawl.testing;

import io.trawl.catalog.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DuckDbOracleTest
{
    @Test
    void readsEveryParquetFileOfADirectoryAsJavaValues(@TempDir Path directory)
            throws IOException
    {
        Path table = Files.createDirectories(directory.resolve("items"));
        try (DuckDbOracle oracle = DuckDbOracle.open()) {
            oracle.execute("COPY (SELECT 1::BIGINT AS id, 'one' AS name, 1.25::DECIMAL(15,2) AS price, DATE '1995-03-15' AS day, 0.5::DOUBLE AS ratio, 7::INTEGER AS quantity, true AS flag) TO '%s' (FORMAT parquet)"
                    .formatted(table.resolve("part-00000.parquet")));
            oracle.execute("COPY (SELECT 2::BIGINT AS id, NULL::VARCHAR AS name, 2.50::DECIMAL(15,2) AS price, DATE '1996-01-01' AS day, 1.5::DOUBLE AS ratio, 8::INTEGER AS quantity, false AS flag) TO '%s' (FORMAT parquet)"
                    .formatted(table.resolve("part-00001.parquet")));
            oracle.createParquetView("items", table);

            List<List<Object>> rows = oracle.query("SELECT * FROM items ORDER BY id");

            assertThat(rows).containsExactly(
                    List.of(1L, "one", new BigDecimal("1.25"), LocalDate.of(1995, 3, 15), 0.5, 7L, true),
                    Arrays.asList(2L, null, new BigDecimal("2.50"), LocalDate.of(1996, 1, 1), 1.5, 8L, false));
        }
    }

    @Test
    void readsCsvWithTheDeclaredHiveTypesInsteadOfGuessing(@TempDir Path directory)
            throws IOException
    {
        Path table = Files.createDirectories(directory.resolve("items"));
        // every value looks like an integer: a guessing reader would type price as BIGINT and code as BIGINT
        Files.writeString(table.resolve("part-00000.csv"), "id,code,price,day\n1,007,3,1995-03-15\n");
        Files.writeString(table.resolve("part-00001.csv"), "id,code,price,day\n2,010,4,1996-01-01\n");
        try (DuckDbOracle oracle = DuckDbOracle.open()) {
            oracle.createCsvView("items", table, List.of(
                    new Column("id", "bigint"),
                    new Column("code", "string"),
                    new Column("price", "decimal(15,2)"),
                    new Column("day", "date")));

            List<List<Object>> rows = oracle.query("SELECT id, code, price, day, typeof(price) FROM items ORDER BY id");

            assertThat(rows).containsExactly(
                    List.of(1L, "007", new BigDecimal("3.00"), LocalDate.of(1995, 3, 15), "DECIMAL(15,2)"),
                    List.of(2L, "010", new BigDecimal("4.00"), LocalDate.of(1996, 1, 1), "DECIMAL(15,2)"));
        }
    }

    @Test
    void readsUnquotedTextLiterallyAndQuotedTextAsItsDialectSays(@TempDir Path directory)
            throws IOException
    {
        Path plain = Files.createDirectories(directory.resolve("plain"));
        Files.writeString(plain.resolve("part-00000.txt"), "1|say \"hi\", then go\n");
        Path quoted = Files.createDirectories(directory.resolve("quoted"));
        Files.writeString(quoted.resolve("part-00000.csv"), "id,text\n2,\"a, b\"\n");
        Files.writeString(quoted.resolve("_SUCCESS"), "marker files are not data");
        List<Column> columns = List.of(new Column("id", "bigint"), new Column("text", "string"));
        try (DuckDbOracle oracle = DuckDbOracle.open()) {
            oracle.createCsvView("plain", plain, columns, new CsvDialect('|', Optional.empty(), Optional.empty(), 0));
            oracle.createCsvView("quoted", quoted, columns, new CsvDialect(',', Optional.of('"'), Optional.of('\\'), 1));

            assertThat(oracle.query("SELECT * FROM plain")).as("LazySimpleSerDe has no quoting").containsExactly(List.of(1L, "say \"hi\", then go"));
            assertThat(oracle.query("SELECT * FROM quoted")).as("OpenCSVSerde quotes, and _ files are skipped").containsExactly(List.of(2L, "a, b"));
        }
    }

    @Test
    void answersAggregatesInDuckDbTypesThatTheComparisonAccepts()
    {
        try (DuckDbOracle oracle = DuckDbOracle.open()) {
            List<List<Object>> rows = oracle.query("SELECT count(*), sum(x), avg(x) FROM (VALUES (1.25::DECIMAL(15,2)), (2.50::DECIMAL(15,2))) t(x)");

            assertThat(rows).as("DuckDB answers count as BIGINT, sum(decimal) as decimal, avg(decimal) as double")
                    .containsExactly(List.of(2L, new BigDecimal("3.75"), 1.875));
        }
    }

    @Test
    void translatesHiveTypeSpellings()
    {
        assertThat(DuckDbOracle.duckDbType("decimal(15, 2)")).isEqualTo("DECIMAL(15,2)");
        assertThat(DuckDbOracle.duckDbType("varchar(25)")).isEqualTo("VARCHAR");
        assertThat(DuckDbOracle.duckDbType("STRING")).isEqualTo("VARCHAR");
        assertThat(DuckDbOracle.duckDbType("int")).isEqualTo("INTEGER");
        assertThat(DuckDbOracle.duckDbType("bigint")).isEqualTo("BIGINT");
        assertThat(DuckDbOracle.duckDbType("date")).isEqualTo("DATE");
    }
}
