package io.trawl.engine.write;

import io.trawl.engine.parser.HiveStrings;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.BooleanLiteral;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NodeLocation;
import io.trino.sql.tree.Property;
import io.trino.sql.tree.StringLiteral;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The {@code WITH (...)} properties of CTAS and UNLOAD, read as Athena documents them
 * (https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html, .../unload.html). Each error names the property
 * and its position. Compression names are checked against what Athena engine v3 writes per format
 * (https://docs.aws.amazon.com/athena/latest/ug/compression-support-hive.html); whether this build can write them is the
 * file writers' to say.
 */
final class WriteProperties
{
    /** The storage formats CTAS and UNLOAD name with {@code format}. */
    enum DataFormat
    {
        PARQUET(Set.of("GZIP", "SNAPPY", "ZSTD", "NONE", "UNCOMPRESSED")),
        TEXTFILE(Set.of("BZIP2", "GZIP", "LZ4", "SNAPPY", "ZSTD", "NONE")),
        JSON(Set.of("BZIP2", "GZIP", "LZ4", "SNAPPY", "ZSTD", "NONE")),
        AVRO(Set.of("BZIP2", "DEFLATE", "SNAPPY", "ZSTD", "NONE"));

        private final Set<String> compressions;

        DataFormat(Set<String> compressions)
        {
            this.compressions = compressions;
        }

        /** The table parameter Athena records the compression in: Parquet's own, and write.compression for the others. */
        String compressionParameter()
        {
            return this == PARQUET ? "parquet.compression" : "write.compression";
        }
    }

    /** How files are encoded: the format and its options, which a table keeps in its SerDe and parameters. */
    record FormatOptions(DataFormat format, Optional<String> compression, OptionalInt compressionLevel, Optional<String> fieldDelimiter)
    {
        FormatOptions
        {
            requireNonNull(format, "format is null");
            requireNonNull(compression, "compression is null");
            requireNonNull(compressionLevel, "compressionLevel is null");
            requireNonNull(fieldDelimiter, "fieldDelimiter is null");
        }

        /** The table parameters the writers read the compression from. */
        Map<String, String> tableParameters()
        {
            Map<String, String> parameters = new LinkedHashMap<>();
            compression.ifPresent(value -> parameters.put(format.compressionParameter(), value));
            compressionLevel.ifPresent(level -> parameters.put(COMPRESSION_LEVEL, Integer.toString(level)));
            return parameters;
        }
    }

    record CtasProperties(FormatOptions format, Optional<String> externalLocation, List<String> partitionedBy, List<String> bucketedBy, OptionalInt bucketCount)
    {
        CtasProperties
        {
            requireNonNull(format, "format is null");
            requireNonNull(externalLocation, "externalLocation is null");
            partitionedBy = List.copyOf(partitionedBy);
            bucketedBy = List.copyOf(bucketedBy);
            requireNonNull(bucketCount, "bucketCount is null");
        }
    }

    record UnloadProperties(FormatOptions format, List<String> partitionedBy)
    {
        UnloadProperties
        {
            requireNonNull(format, "format is null");
            partitionedBy = List.copyOf(partitionedBy);
        }
    }

    static final String COMPRESSION_LEVEL = "compression_level";
    /** Where a bucketed table keeps its bucketing: the catalog's storage descriptor has no bucket fields. */
    static final String BUCKETED_BY = "bucketed_by";
    static final String BUCKET_COUNT = "bucket_count";
    private static final int MAX_BUCKET_COUNT = 1_000_000;
    private static final Set<String> CTAS_PROPERTIES = Set.of("format", "write_compression", "parquet_compression", "orc_compression", COMPRESSION_LEVEL,
            "field_delimiter", "external_location", "partitioned_by", BUCKETED_BY, BUCKET_COUNT, "table_type", "is_external", "location");
    private static final Set<String> UNLOAD_PROPERTIES = Set.of("format", "compression", COMPRESSION_LEVEL, "field_delimiter", "partitioned_by");

    private WriteProperties() {}

    static CtasProperties ctas(List<Property> properties)
    {
        Map<String, Property> byName = byName(properties, CTAS_PROPERTIES, "Catalog 'awsdatacatalog' table property '%s' does not exist");
        readString(byName, "table_type").ifPresent(type -> {
            if (!type.equalsIgnoreCase("HIVE")) {
                throw error(byName.get("table_type"), ErrorCode.NOT_SUPPORTED, "table_type '%s' is not supported: Trawl writes Hive tables only".formatted(type));
            }
        });
        Property isExternal = byName.get("is_external");
        if (isExternal != null && !(value(isExternal) instanceof BooleanLiteral literal && literal.getValue())) {
            throw error(isExternal, ErrorCode.NOT_SUPPORTED, "is_external must be true: Hive tables made by CTAS are external tables");
        }
        if (byName.containsKey("location")) {
            throw error(byName.get("location"), ErrorCode.INVALID_ARGUMENT, "Table property 'location' is for Iceberg tables: use external_location");
        }
        DataFormat format = format(byName, "format", DataFormat.PARQUET);
        if (byName.containsKey("orc_compression")) {
            throw error(byName.get("orc_compression"), ErrorCode.INVALID_ARGUMENT, "orc_compression applies to format 'ORC' only, not '%s'".formatted(format));
        }
        Optional<String> compression = compression(byName, format, "write_compression");
        if (byName.containsKey("parquet_compression")) {
            if (format != DataFormat.PARQUET) {
                throw error(byName.get("parquet_compression"), ErrorCode.INVALID_ARGUMENT, "parquet_compression applies to format 'PARQUET' only, not '%s'".formatted(format));
            }
            if (compression.isPresent()) {
                throw error(byName.get("parquet_compression"), ErrorCode.INVALID_ARGUMENT, "write_compression and parquet_compression cannot both be given");
            }
            compression = compression(byName, format, "parquet_compression");
        }
        FormatOptions options = formatOptions(byName, format, compression);

        List<String> bucketedBy = readStringArray(byName, BUCKETED_BY);
        OptionalInt bucketCount = readInteger(byName, BUCKET_COUNT);
        if (!bucketedBy.isEmpty() && bucketCount.isEmpty()) {
            throw error(byName.get(BUCKETED_BY), ErrorCode.INVALID_ARGUMENT, "bucket_count must be given with bucketed_by");
        }
        if (bucketCount.isPresent()) {
            if (bucketedBy.isEmpty()) {
                throw error(byName.get(BUCKET_COUNT), ErrorCode.INVALID_ARGUMENT, "bucketed_by must be given with bucket_count");
            }
            if (bucketCount.getAsInt() < 1 || bucketCount.getAsInt() > MAX_BUCKET_COUNT) {
                throw error(byName.get(BUCKET_COUNT), ErrorCode.INVALID_ARGUMENT, "bucket_count must be between 1 and %d: %d".formatted(MAX_BUCKET_COUNT, bucketCount.getAsInt()));
            }
        }
        return new CtasProperties(options, readString(byName, "external_location"), lowerCase(readStringArray(byName, "partitioned_by")), lowerCase(bucketedBy), bucketCount);
    }

    static UnloadProperties unload(List<Property> properties, Optional<NodeLocation> statement)
    {
        Map<String, Property> byName = byName(properties, UNLOAD_PROPERTIES, "UNLOAD property '%s' does not exist");
        if (!byName.containsKey("format")) {
            throw WriteErrors.at(statement, ErrorCode.INVALID_ARGUMENT, "UNLOAD needs the format property: WITH (format = 'PARQUET' | 'TEXTFILE' | 'JSON' | 'AVRO')");
        }
        DataFormat format = format(byName, "format", DataFormat.PARQUET);
        FormatOptions options = formatOptions(byName, format, compression(byName, format, "compression"));
        return new UnloadProperties(options, lowerCase(readStringArray(byName, "partitioned_by")));
    }

    private static FormatOptions formatOptions(Map<String, Property> byName, DataFormat format, Optional<String> compression)
    {
        OptionalInt level = readInteger(byName, COMPRESSION_LEVEL);
        if (level.isPresent()) {
            if (!compression.map(name -> name.equals("ZSTD")).orElse(false)) {
                throw error(byName.get(COMPRESSION_LEVEL), ErrorCode.INVALID_ARGUMENT, "compression_level applies to ZSTD compression only");
            }
            if (level.getAsInt() < 1 || level.getAsInt() > 22) {
                throw error(byName.get(COMPRESSION_LEVEL), ErrorCode.INVALID_ARGUMENT, "compression_level must be between 1 and 22: %d".formatted(level.getAsInt()));
            }
        }
        Optional<String> delimiter = readString(byName, "field_delimiter").map(HiveStrings::unescape);
        if (delimiter.isPresent()) {
            if (format != DataFormat.TEXTFILE) {
                throw error(byName.get("field_delimiter"), ErrorCode.INVALID_ARGUMENT, "field_delimiter applies to format 'TEXTFILE' only, not '%s'".formatted(format));
            }
            if (delimiter.get().length() != 1) {
                throw error(byName.get("field_delimiter"), ErrorCode.INVALID_ARGUMENT, "field_delimiter must be a single character: '%s'".formatted(delimiter.get()));
            }
        }
        return new FormatOptions(format, compression, level, delimiter);
    }

    private static DataFormat format(Map<String, Property> byName, String name, DataFormat defaultFormat)
    {
        Optional<String> value = readString(byName, name);
        if (value.isEmpty()) {
            return defaultFormat;
        }
        String upper = value.get().toUpperCase(Locale.ROOT);
        if (upper.equals("ORC")) {
            throw error(byName.get(name), ErrorCode.NOT_SUPPORTED, "format 'ORC' is not supported yet: use PARQUET, TEXTFILE, JSON or AVRO");
        }
        try {
            return DataFormat.valueOf(upper);
        }
        catch (IllegalArgumentException e) {
            throw error(byName.get(name), ErrorCode.NOT_SUPPORTED, "format '%s' is not supported: use PARQUET, TEXTFILE, JSON or AVRO".formatted(value.get()));
        }
    }

    private static Optional<String> compression(Map<String, Property> byName, DataFormat format, String name)
    {
        Optional<String> value = readString(byName, name).map(text -> text.toUpperCase(Locale.ROOT));
        if (value.isPresent() && !format.compressions.contains(value.get())) {
            throw error(byName.get(name), ErrorCode.INVALID_ARGUMENT, "%s '%s' is not valid for format '%s': use one of %s"
                    .formatted(name, value.get(), format, format.compressions.stream().sorted().toList()));
        }
        return value;
    }

    private static Map<String, Property> byName(List<Property> properties, Set<String> known, String unknownMessage)
    {
        Map<String, Property> byName = new LinkedHashMap<>();
        for (Property property : properties) {
            String name = property.getName().getValue().toLowerCase(Locale.ROOT);
            if (!known.contains(name)) {
                throw error(property, ErrorCode.INVALID_ARGUMENT, unknownMessage.formatted(name));
            }
            if (property.isSetToDefault()) {
                continue;
            }
            if (byName.put(name, property) != null) {
                throw error(property, ErrorCode.INVALID_ARGUMENT, "Duplicate property: " + name);
            }
        }
        return byName;
    }

    private static Optional<String> readString(Map<String, Property> byName, String name)
    {
        Property property = byName.get(name);
        if (property == null) {
            return Optional.empty();
        }
        if (!(value(property) instanceof StringLiteral literal)) {
            throw error(property, ErrorCode.INVALID_ARGUMENT, "Property '%s' must be a string literal".formatted(name));
        }
        return Optional.of(literal.getValue());
    }

    private static List<String> readStringArray(Map<String, Property> byName, String name)
    {
        Property property = byName.get(name);
        if (property == null) {
            return List.of();
        }
        if (!(value(property) instanceof Array array) || !array.getValues().stream().allMatch(StringLiteral.class::isInstance)) {
            throw error(property, ErrorCode.INVALID_ARGUMENT, "Property '%s' must be an array of column names: ARRAY['a', 'b']".formatted(name));
        }
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Expression element : array.getValues()) {
            String value = ((StringLiteral) element).getValue();
            if (!seen.add(value.toLowerCase(Locale.ROOT))) {
                throw error(property, ErrorCode.INVALID_ARGUMENT, "Property '%s' names column '%s' twice".formatted(name, value));
            }
            values.add(value);
        }
        return values;
    }

    private static OptionalInt readInteger(Map<String, Property> byName, String name)
    {
        Property property = byName.get(name);
        if (property == null) {
            return OptionalInt.empty();
        }
        if (!(value(property) instanceof LongLiteral literal) || literal.getParsedValue() > Integer.MAX_VALUE) {
            throw error(property, ErrorCode.INVALID_ARGUMENT, "Property '%s' must be an integer".formatted(name));
        }
        return OptionalInt.of((int) literal.getParsedValue());
    }

    private static Expression value(Property property)
    {
        return property.getNonDefaultValue();
    }

    private static List<String> lowerCase(List<String> names)
    {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    private static TrawlException error(Node node, ErrorCode code, String message)
    {
        return WriteErrors.at(node, code, message);
    }
}
