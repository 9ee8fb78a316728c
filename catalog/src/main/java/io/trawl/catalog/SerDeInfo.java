package io.trawl.catalog;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Glue's SerdeInfo: the serialization library class name and its parameters (field.delim, ...). */
public record SerDeInfo(String serializationLibrary, Map<String, String> parameters)
{
    public static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    public static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    public static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    public SerDeInfo
    {
        requireNonNull(serializationLibrary, "serializationLibrary is null");
        parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
    }
}
