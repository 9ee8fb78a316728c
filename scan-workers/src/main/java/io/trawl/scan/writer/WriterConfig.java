package io.trawl.scan.writer;

/**
 * Settings of the data file writers.
 *
 * @param parquetRowGroupBytes a Parquet row group is closed once its buffered, uncompressed pages reach this size.
 *        128 MB, as Hive, Spark and Athena write them, is what makes a row group a good unit of split and of pruning
 */
public record WriterConfig(long parquetRowGroupBytes)
{
    public static final long DEFAULT_PARQUET_ROW_GROUP_BYTES = 128L * 1024 * 1024;

    public WriterConfig
    {
        if (parquetRowGroupBytes <= 0) {
            throw new IllegalArgumentException("parquetRowGroupBytes must be positive: " + parquetRowGroupBytes);
        }
    }

    public static WriterConfig defaults()
    {
        return new WriterConfig(DEFAULT_PARQUET_ROW_GROUP_BYTES);
    }

    public WriterConfig withParquetRowGroupBytes(long bytes)
    {
        return new WriterConfig(bytes);
    }
}
