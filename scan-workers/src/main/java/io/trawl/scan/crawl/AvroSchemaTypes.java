package io.trawl.scan.crawl;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.scan.meter.MeteredFile;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import io.trino.spi.type.VarcharType;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.VarbinaryType.VARBINARY;

/**
 * An Avro container file's columns from its header (the writer schema; no data block is read), mapped as
 * Hive's AvroSerDe maps them: a union of null and one type is that type, int to int, long to bigint, float to
 * float, string and enum to string, bytes and fixed to binary, the date, timestamp and decimal logical types
 * to date, timestamp and decimal, records to structs, arrays and maps to arrays and maps.
 */
final class AvroSchemaTypes
{
    private static final byte[] MAGIC = {'O', 'b', 'j', 1};
    private static final TypeOperators TYPE_OPERATORS = new TypeOperators();

    private AvroSchemaTypes() {}

    static boolean hasMagic(byte[] head)
    {
        return head.length >= MAGIC.length && head[0] == MAGIC[0] && head[1] == MAGIC[1] && head[2] == MAGIC[2] && head[3] == MAGIC[3];
    }

    static FileSchema read(ObjectStore store, StoredObject object)
            throws IOException
    {
        Schema schema;
        try (InputStream stream = new MeteredFile(store, object.location(), object.size(), ByteMeter.NONE).newStream();
                DataFileStream<GenericRecord> file = new DataFileStream<>(new java.io.BufferedInputStream(stream, 8192), new GenericDatumReader<>())) {
            schema = file.getSchema();
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Avro file %s holds %s values, not records: it has no columns".formatted(object.location(), schema.getType()));
        }
        Map<String, Type> columns = new LinkedHashMap<>();
        for (Schema.Field field : schema.getFields()) {
            columns.put(field.name().toLowerCase(Locale.ROOT), typeOf(field.schema(), object));
        }
        // the reader derives its schema from the lower-cased columns and Avro resolves fields by exact name, so a
        // field such as "Celsius" would read as NULL; with the writer schema as avro.schema.literal the reader
        // matches columns to fields case-insensitively
        boolean lowerCase = schema.getFields().stream().allMatch(field -> field.name().equals(field.name().toLowerCase(Locale.ROOT)));
        return new FileSchema(DataFormat.AVRO, columns, Optional.empty(), lowerCase ? Optional.empty() : Optional.of(schema.toString()));
    }

    private static Type typeOf(Schema schema, StoredObject object)
    {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return DecimalType.createDecimalType(decimal.getPrecision(), decimal.getScale());
        }
        if (logical instanceof LogicalTypes.Date) {
            return DATE;
        }
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return TimestampType.TIMESTAMP_MILLIS;
        }
        return switch (schema.getType()) {
            case BOOLEAN -> BOOLEAN;
            case INT -> INTEGER;
            case LONG -> BIGINT;
            case FLOAT -> REAL;
            case DOUBLE -> DOUBLE;
            case STRING, ENUM -> VarcharType.VARCHAR;
            case BYTES, FIXED -> VARBINARY;
            case ARRAY -> new ArrayType(typeOf(schema.getElementType(), object));
            case MAP -> new MapType(VarcharType.VARCHAR, typeOf(schema.getValueType(), object), TYPE_OPERATORS);
            case RECORD -> struct(schema, object);
            case UNION -> union(schema, object);
            case NULL -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Avro file %s: a field of type null has no Hive type".formatted(object.location()));
        };
    }

    private static Type struct(Schema schema, StoredObject object)
    {
        List<RowType.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(RowType.field(field.name().toLowerCase(Locale.ROOT), typeOf(field.schema(), object)));
        }
        return RowType.from(fields);
    }

    /** Hive reads only unions of null and one type as that type; other unions are not readable in Athena. */
    private static Type union(Schema schema, StoredObject object)
    {
        List<Schema> nonNull = schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).toList();
        if (nonNull.size() != 1) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Avro file %s: union %s is not a nullable type, which Athena cannot read".formatted(object.location(), schema));
        }
        return typeOf(nonNull.getFirst(), object);
    }
}
