package io.trawl.testing.tpch;

import io.trawl.datagen.TpchFormat;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.OracleResult;
import io.trawl.testing.ResultComparison;
import io.trino.tpch.GenerateUtils;
import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the oracle itself, before Trawl's engine is held to it: DuckDB must give the same answers over the
 * generated Parquet files and the generated CSV files (so the views read both formats with the types of
 * the DDL), and its answers must agree with values computed in Java straight from the TPC-H generator's
 * rows, independently of any file.
 */
class DuckDbOracleSelfTest
{
    private static final double SCALE_FACTOR = TpchLake.DEFAULT_SCALE_FACTOR;

    private static DuckDbOracle parquet;
    private static DuckDbOracle csv;

    @BeforeAll
    static void openOracles()
    {
        parquet = DuckDbOracle.open();
        TpchTables.createOracleViews(parquet, TpchLake.dataDirectory(SCALE_FACTOR, TpchFormat.PARQUET), TpchFormat.PARQUET);
        csv = DuckDbOracle.open();
        TpchTables.createOracleViews(csv, TpchLake.dataDirectory(SCALE_FACTOR, TpchFormat.CSV), TpchFormat.CSV);
    }

    @AfterAll
    static void closeOracles()
    {
        parquet.close();
        csv.close();
    }

    static IntStream queryNumbers()
    {
        return IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queryNumbers")
    void parquetAndCsvFilesGiveTheSameAnswer(int queryNumber)
    {
        String sql = TpchQueries.query(queryNumber, SCALE_FACTOR);

        OracleResult overParquet = parquet.run(sql);
        OracleResult overCsv = csv.run(sql);

        assertThat(overCsv.columns()).as("Q%d column types over CSV and Parquet", queryNumber).isEqualTo(overParquet.columns());
        ResultComparison.assertMatches("Q%d, Parquet vs CSV:%n%s".formatted(queryNumber, sql), overParquet.columns(), overParquet.rows(), overCsv.rows(), TpchQueries.sortKeys(queryNumber));
        assertThat(overParquet.rows()).as("Q%d has rows at SF %s, so the comparison compares something", queryNumber, SCALE_FACTOR).isNotEmpty();
    }

    @Test
    void q6MatchesTheSumComputedFromTheGeneratorsRows()
    {
        BigDecimal expected = BigDecimal.ZERO.setScale(4);
        LocalDate from = LocalDate.of(1994, 1, 1);
        LocalDate to = LocalDate.of(1995, 1, 1);
        for (LineItem item : new LineItemGenerator(SCALE_FACTOR, 1, 1)) {
            LocalDate shipDate = LocalDate.parse(GenerateUtils.formatDate(item.shipDate()));
            boolean qualifies = !shipDate.isBefore(from) && shipDate.isBefore(to)
                    && item.discountPercent() >= 5 && item.discountPercent() <= 7
                    && item.quantity() < 24;
            if (qualifies) {
                // cents times percent: four decimal places, as decimal(15,2) * decimal(15,2)
                expected = expected.add(BigDecimal.valueOf(item.extendedPriceInCents() * item.discountPercent(), 4));
            }
        }

        for (DuckDbOracle oracle : List.of(parquet, csv)) {
            List<List<Object>> rows = oracle.query(TpchQueries.query(6, SCALE_FACTOR));
            assertThat(rows).as("Q6 is one row, one column").hasSize(1);
            assertThat((BigDecimal) rows.getFirst().getFirst()).as("Q6 revenue").isEqualByComparingTo(expected);
        }
    }

    @Test
    void q1CountsEveryLineItemShippedByTheCutoff()
    {
        LocalDate cutoff = LocalDate.of(1998, 9, 2);
        long expected = 0;
        for (LineItem item : new LineItemGenerator(SCALE_FACTOR, 1, 1)) {
            if (!LocalDate.parse(GenerateUtils.formatDate(item.shipDate())).isAfter(cutoff)) {
                expected++;
            }
        }

        for (DuckDbOracle oracle : List.of(parquet, csv)) {
            long counted = 0;
            for (List<Object> row : oracle.query(TpchQueries.query(1, SCALE_FACTOR))) {
                counted += (Long) row.get(9);
            }
            assertThat(counted).as("sum of Q1's count_order").isEqualTo(expected);
        }
    }

    @Test
    void dataDirectoryHasTwoFilesPerTable()
    {
        Path directory = TpchLake.dataDirectory(SCALE_FACTOR, TpchFormat.PARQUET);
        List<List<Object>> files = parquet.query("SELECT count(*) FROM glob('%s/lineitem/*.parquet')".formatted(directory.toAbsolutePath()));
        assertThat(files).as("lineitem is split over two files").containsExactly(List.of(2L));
    }
}
