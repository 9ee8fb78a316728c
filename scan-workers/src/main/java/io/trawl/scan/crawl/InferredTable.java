package io.trawl.scan.crawl;

import io.trawl.catalog.Column;
import io.trawl.scan.crawl.FileSchema.TextLayout;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table as the files show it: name (sanitized folder name), location (the folder, ending in {@code /}),
 * format, data columns in Hive spelling, partition keys from {@code key=value} folders, the partitions
 * found (values in key order), and how many files were read to infer it.
 */
record InferredTable(
        String name,
        String location,
        DataFormat format,
        Optional<TextLayout> textLayout,
        Optional<String> compression,
        List<Column> columns,
        List<Column> partitionKeys,
        List<List<String>> partitions,
        Optional<String> avroSchema,
        int filesRead)
{
    InferredTable
    {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        requireNonNull(format, "format is null");
        requireNonNull(textLayout, "textLayout is null");
        requireNonNull(compression, "compression is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
        requireNonNull(avroSchema, "avroSchema is null");
    }

    /** {@code parquet}, {@code csv}, {@code json, gzip}, ...: what the report prints. */
    String formatLabel()
    {
        String label = textLayout.map(TextLayout::label).orElse(format.classification());
        return compression.map(codec -> label + ", " + codec).orElse(label);
    }
}
