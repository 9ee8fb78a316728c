package io.trawl.testing.s3;

import io.trawl.datagen.TpchFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every TPC-H query at SF 0.01 over Parquet files on S3 gives DuckDB's answer and scans what local disk scans. */
class TpchS3ParquetOracleTest
        extends TpchS3OracleTestBase
{
    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queryNumbers")
    void answersTpchQueryFromS3AsDuckDbDoesOnTheSameParquetFiles(int queryNumber)
    {
        assertMatchesOracleAndLocalMetering(TpchS3Lake.of(TpchFormat.PARQUET), queryNumber);
    }
}
