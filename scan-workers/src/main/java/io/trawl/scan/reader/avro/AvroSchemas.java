package io.trawl.scan.reader.avro;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.VarbinaryType.VARBINARY;

/**
 * The Avro schema Hive's AvroSerDe derives from a table's columns when the table has no
 * {@code avro.schema.literal} (Hive's TypeInfoToSchema): a record whose fields are the columns, each a union of
 * null and the column's type with default null, so a field missing from a file reads as NULL. Reading with it
 * resolves each file's own (writer) schema against it by Avro's rules (files Trawl writes carry this same schema): fields match by exact name, ints widen
 * to longs, floats to doubles, strings and bytes convert; anything else is a mismatch.
 */
public final class AvroSchemas
{
    private AvroSchemas() {}

    public record NamedType(String name, Type type) {}

    /** The record schema Hive derives for these fields; the Avro writer writes files with exactly this schema. */
    public static Schema recordOf(String name, List<NamedType> fields)
    {
        RecordNames names = new RecordNames();
        return record(name, fields, names);
    }

    private static Schema record(String name, List<NamedType> fields, RecordNames names)
    {
        String recordName = names.next(name);
        List<Schema.Field> avroFields = new ArrayList<>();
        for (NamedType field : fields) {
            avroFields.add(new Schema.Field(field.name(), nullable(schemaFor(field.name(), field.type(), names)), null, Schema.Field.NULL_DEFAULT_VALUE));
        }
        return Schema.createRecord(recordName, null, null, false, avroFields);
    }

    private static Schema nullable(Schema schema)
    {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
    }

    private static Schema schemaFor(String name, Type type, RecordNames names)
    {
        if (type.equals(BOOLEAN)) {
            return Schema.create(Schema.Type.BOOLEAN);
        }
        if (type.equals(INTEGER)) {
            return Schema.create(Schema.Type.INT);
        }
        if (type.equals(BIGINT)) {
            return Schema.create(Schema.Type.LONG);
        }
        if (type.equals(REAL)) {
            return Schema.create(Schema.Type.FLOAT);
        }
        if (type.equals(DOUBLE)) {
            return Schema.create(Schema.Type.DOUBLE);
        }
        if (type.equals(VARBINARY)) {
            return Schema.create(Schema.Type.BYTES);
        }
        if (type.equals(DATE)) {
            return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        }
        if (type instanceof TimestampType timestamp && timestamp.getPrecision() == 3) {
            return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        }
        if (type instanceof DecimalType decimal) {
            return LogicalTypes.decimal(decimal.getPrecision(), decimal.getScale()).addToSchema(Schema.create(Schema.Type.BYTES));
        }
        if (type instanceof VarcharType varchar) {
            Schema string = Schema.create(Schema.Type.STRING);
            if (!varchar.isUnbounded()) {
                // Hive's own logical type, which Hive and trino-hive-formats read back as varchar(n)
                string.addProp("logicalType", "varchar");
                string.addProp("maxLength", varchar.getBoundedLength());
            }
            return string;
        }
        if (type instanceof CharType charType) {
            Schema string = Schema.create(Schema.Type.STRING);
            string.addProp("logicalType", "char");
            string.addProp("maxLength", charType.getLength());
            return string;
        }
        if (type instanceof ArrayType array) {
            return Schema.createArray(nullable(schemaFor(name, array.getElementType(), names)));
        }
        if (type instanceof MapType map) {
            if (!(map.getKeyType() instanceof VarcharType)) {
                throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Column '%s': Avro maps have string keys, not %s".formatted(name, map.getKeyType().getDisplayName()));
            }
            return Schema.createMap(nullable(schemaFor(name, map.getValueType(), names)));
        }
        if (type instanceof RowType row) {
            List<NamedType> fields = new ArrayList<>();
            for (RowType.Field field : row.getFields()) {
                fields.add(new NamedType(field.getName().orElseThrow(), field.getType()));
            }
            return record(name, fields, names);
        }
        throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Column '%s': type %s cannot be read from Avro yet (tinyint and smallint: declare int)".formatted(name, type.getDisplayName()));
    }

    /** Avro requires record names unique within a schema; Hive names nested records record_0, record_1, ... */
    private static final class RecordNames
    {
        private int created;

        String next(String base)
        {
            created++;
            return created == 1 ? base : "record_" + (created - 2);
        }
    }
}
