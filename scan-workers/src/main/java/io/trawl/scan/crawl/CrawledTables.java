package io.trawl.scan.crawl;

import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.scan.crawl.FileSchema.TextLayout;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog entry for a crawled table, with the SerDe, input/output formats and parameters exactly as
 * the DDL executor records them for {@code CREATE EXTERNAL TABLE ... STORED AS <format>} (engine's
 * {@code io.trawl.engine.ddl.ExternalTables}, which is package-private to the DDL and builds from a parsed
 * statement): {@code EXTERNAL=TRUE} and Glue's {@code classification}; {@code serialization.format=1} for the
 * named formats; for delimited text {@code field.delim} and {@code serialization.format} set to the delimiter
 * (what {@code ROW FORMAT DELIMITED FIELDS TERMINATED BY} records) and {@code skip.header.line.count=1} when
 * the files have a header line; {@code avro.schema.literal} for Avro fields with upper-case letters; for quoted text OpenCSVSerde with its separator, quote and escape characters.
 */
final class CrawledTables
{
    static final String EXTERNAL = "EXTERNAL";
    static final String CLASSIFICATION = "classification";
    static final String SKIP_HEADER = "skip.header.line.count";
    static final String AVRO_SCHEMA_LITERAL = "avro.schema.literal";

    private CrawledTables() {}

    static Table toTable(InferredTable inferred, String databaseName, String owner)
    {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(EXTERNAL, "TRUE");
        parameters.put(CLASSIFICATION, inferred.format().classification());
        inferred.avroSchema().ifPresent(schema -> parameters.put(AVRO_SCHEMA_LITERAL, schema));
        inferred.textLayout().filter(TextLayout::header).ifPresent(_ -> parameters.put(SKIP_HEADER, "1"));
        StorageDescriptor storage = new StorageDescriptor(
                inferred.columns(),
                inferred.location(),
                inputFormat(inferred.format()),
                outputFormat(inferred.format()),
                serde(inferred.format(), inferred.textLayout()),
                false);
        return new Table(databaseName, inferred.name(), owner, Table.EXTERNAL_TABLE, parameters, storage, inferred.partitionKeys(), Optional.empty(), 0);
    }

    static SerDeInfo serde(DataFormat format, Optional<TextLayout> textLayout)
    {
        return switch (format) {
            case PARQUET -> new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of(SerDeInfo.SERIALIZATION_FORMAT, "1"));
            case AVRO -> new SerDeInfo(SerDeInfo.AVRO_SERDE, Map.of(SerDeInfo.SERIALIZATION_FORMAT, "1"));
            case JSON -> new SerDeInfo(SerDeInfo.HIVE_JSON_SERDE, Map.of(SerDeInfo.SERIALIZATION_FORMAT, "1"));
            case DELIMITED -> delimitedSerde(textLayout.orElseThrow());
        };
    }

    private static SerDeInfo delimitedSerde(TextLayout layout)
    {
        String delimiter = String.valueOf(layout.delimiter());
        if (layout.quoted()) {
            // what ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES (...) records
            return new SerDeInfo(SerDeInfo.OPEN_CSV_SERDE, Map.of(
                    "separatorChar", delimiter,
                    "quoteChar", "\"",
                    "escapeChar", "\\",
                    SerDeInfo.SERIALIZATION_FORMAT, "1"));
        }
        return new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE, Map.of(SerDeInfo.FIELD_DELIMITER, delimiter, SerDeInfo.SERIALIZATION_FORMAT, delimiter));
    }

    private static String inputFormat(DataFormat format)
    {
        return switch (format) {
            case PARQUET -> StorageDescriptor.PARQUET_INPUT_FORMAT;
            case AVRO -> StorageDescriptor.AVRO_INPUT_FORMAT;
            case JSON, DELIMITED -> StorageDescriptor.TEXT_INPUT_FORMAT;
        };
    }

    private static String outputFormat(DataFormat format)
    {
        return switch (format) {
            case PARQUET -> StorageDescriptor.PARQUET_OUTPUT_FORMAT;
            case AVRO -> StorageDescriptor.AVRO_OUTPUT_FORMAT;
            case JSON, DELIMITED -> StorageDescriptor.TEXT_OUTPUT_FORMAT;
        };
    }
}
