package io.trawl.scan.reader;

import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.scan.reader.text.TextFileFormat;

import java.util.Locale;

/**
 * The family of a table's data files, told from its input format and SerDe as Hive and Athena tell it: the one rule
 * both the readers and the writers follow, so Trawl writes what it will read back.
 */
public enum TableFormat
{
    PARQUET, AVRO, ORC, TEXT, UNKNOWN;

    public static TableFormat of(Table table)
    {
        StorageDescriptor descriptor = table.storageDescriptor();
        String inputFormat = descriptor.inputFormat().toLowerCase(Locale.ROOT);
        String serde = descriptor.serdeInfo().serializationLibrary();
        if (inputFormat.contains("parquet") || SerDeInfo.PARQUET_SERDE.equals(serde)) {
            return PARQUET;
        }
        if (inputFormat.contains("avro") || SerDeInfo.AVRO_SERDE.equals(serde)) {
            return AVRO;
        }
        if (inputFormat.contains("orc") || SerDeInfo.ORC_SERDE.equals(serde)) {
            return ORC;
        }
        if (StorageDescriptor.TEXT_INPUT_FORMAT.equals(descriptor.inputFormat()) || TextFileFormat.reads(table)) {
            return TEXT;
        }
        return UNKNOWN;
    }
}
