package io.trawl.testing.tpch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every TPC-H query at SF 0.01 over Parquet files (two per table) gives DuckDB's answer on the same files. */
class TpchParquetOracleTest
        extends TpchOracleTestBase
{
    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queryNumbers")
    void answersTpchQueryAsDuckDbDoesOnTheSameParquetFiles(int queryNumber)
    {
        assertMatchesOracle(TpchLake.parquet(), queryNumber);
    }
}
