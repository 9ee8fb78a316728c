package io.trawl.scan.crawl;

import io.trino.spi.type.Type;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one file says about its table: its format, its columns in file order (lower-cased names; a
 * {@code null} type when only nulls were sampled), for delimited text how its lines are laid out, and for
 * Avro files whose field names are not all lower case the writer schema (see {@link AvroSchemaTypes}).
 */
record FileSchema(DataFormat format, Map<String, Type> columns, Optional<TextLayout> textLayout, Optional<String> avroSchema)
{
    FileSchema(DataFormat format, Map<String, Type> columns, Optional<TextLayout> textLayout)
    {
        this(format, columns, textLayout, Optional.empty());
    }

    FileSchema
    {
        requireNonNull(format, "format is null");
        // LinkedHashMap, not Map.copyOf: column order matters and unknown (null) types are allowed
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(columns, "columns is null")));
        requireNonNull(textLayout, "textLayout is null");
        requireNonNull(avroSchema, "avroSchema is null");
    }

    /**
     * How delimited text is read: the field delimiter, whether the first line names the columns, and whether
     * fields are quoted (then OpenCSVSerde reads it, and every column is a string, as in Athena).
     */
    record TextLayout(char delimiter, boolean header, boolean quoted)
    {
        String label()
        {
            if (quoted) {
                return "csv, quoted";
            }
            return switch (delimiter) {
                case ',' -> "csv";
                case '\t' -> "tsv";
                default -> "text delimited by '" + delimiter + "'";
            };
        }
    }
}
