package io.trawl.testing.tpch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every TPC-H query at SF 0.01 over CSV files (two per table, header line) gives DuckDB's answer on the same files. */
class TpchCsvOracleTest
        extends TpchOracleTestBase
{
    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queryNumbers")
    void answersTpchQueryAsDuckDbDoesOnTheSameCsvFiles(int queryNumber)
    {
        assertMatchesOracle(TpchLake.csv(), queryNumber);
    }
}
