package io.trawl.catalog;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Glue's SerdeInfo: the serialization library class name and its parameters (field.delim, ...). */
public record SerDeInfo(String serializationLibrary, Map<String, String> parameters)
{
    public static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    public static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    public static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    /** Athena's Hive JSON SerDe, the one {@code STORED AS JSON} selects. */
    public static final String HIVE_JSON_SERDE = "org.apache.hive.hcatalog.data.JsonSerDe";
    public static final String OPENX_JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    public static final String AVRO_SERDE = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";
    public static final String ORC_SERDE = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";

    /** Parameter names LazySimpleSerDe reads, as Glue stores them. */
    public static final String FIELD_DELIMITER = "field.delim";
    public static final String ESCAPE_DELIMITER = "escape.delim";
    public static final String LINE_DELIMITER = "line.delim";
    public static final String COLLECTION_DELIMITER = "collection.delim";
    public static final String MAP_KEY_DELIMITER = "mapkey.delim";
    public static final String NULL_FORMAT = "serialization.null.format";
    public static final String SERIALIZATION_FORMAT = "serialization.format";

    public SerDeInfo
    {
        requireNonNull(serializationLibrary, "serializationLibrary is null");
        parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
    }
}
