package io.trawl.scan.crawl;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.parquet.ParquetDataSourceId;
import io.trino.parquet.metadata.ParquetMetadata;
import io.trino.parquet.reader.MetadataReader;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import io.trino.spi.type.VarcharType;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
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
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;

/**
 * A Parquet file's columns from its footer alone (the postscript, then exactly the metadata it announces),
 * with physical and logical types mapped to the Hive types Athena's Glue crawler records: INT32 to int (or
 * date, decimal, tinyint, smallint by annotation), INT64 to bigint (timestamp, decimal), INT96 to timestamp,
 * binary to string when annotated as text and binary otherwise; LIST, MAP and other groups to array, map and
 * struct, including the legacy two-level lists older writers produce.
 */
final class ParquetSchemas
{
    private static final int POSTSCRIPT_BYTES = 8;
    private static final int MAX_FOOTER_BYTES = 64 * 1024 * 1024;
    private static final TypeOperators TYPE_OPERATORS = new TypeOperators();

    private ParquetSchemas() {}

    static boolean hasMagic(byte[] head)
    {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1';
    }

    static FileSchema read(ObjectStore store, StoredObject object)
            throws IOException
    {
        if (object.size() < 4 + POSTSCRIPT_BYTES) {
            throw new TrawlException(ErrorCode.BAD_DATA, "Corrupt Parquet file %s: %d bytes is too small".formatted(object.location(), object.size()));
        }
        byte[] postscript = store.readRange(object.location(), object.size() - POSTSCRIPT_BYTES, POSTSCRIPT_BYTES);
        if (!(postscript[4] == 'P' && postscript[5] == 'A' && postscript[6] == 'R' && postscript[7] == '1')) {
            throw new TrawlException(ErrorCode.BAD_DATA, "Corrupt Parquet file %s: no PAR1 magic at its end".formatted(object.location()));
        }
        long metadataLength = Integer.toUnsignedLong(Slices.wrappedBuffer(postscript).getInt(0));
        long metadataStart = object.size() - POSTSCRIPT_BYTES - metadataLength;
        if (metadataStart < 4 || metadataLength > MAX_FOOTER_BYTES) {
            throw new TrawlException(ErrorCode.BAD_DATA, "Corrupt Parquet file %s: footer length %d does not fit in the file".formatted(object.location(), metadataLength));
        }
        byte[] footer = new byte[(int) metadataLength + POSTSCRIPT_BYTES];
        store.readFully(object.location(), metadataStart, footer, 0, (int) metadataLength);
        System.arraycopy(postscript, 0, footer, (int) metadataLength, POSTSCRIPT_BYTES);
        Slice footerSlice = Slices.wrappedBuffer(footer);
        ParquetMetadata metadata = MetadataReader.parseFooter(new ParquetDataSourceId(object.location().toString()), object.size(), footerSlice, Optional.empty(), Optional.empty());
        MessageType schema = metadata.getFileMetaData().getSchema();
        Map<String, Type> columns = new LinkedHashMap<>();
        for (org.apache.parquet.schema.Type field : schema.getFields()) {
            String name = field.getName().toLowerCase(Locale.ROOT);
            columns.put(name, TypeWidening.widen(columns.get(name), typeOf(field, object)));
        }
        return new FileSchema(DataFormat.PARQUET, columns, Optional.empty());
    }

    private static Type typeOf(org.apache.parquet.schema.Type field, StoredObject object)
    {
        Type type = field.isPrimitive() ? primitive(field.asPrimitiveType(), object) : group(field.asGroupType(), object);
        // a repeated field outside a LIST group is a list of its values (Parquet's backward-compatibility rules)
        return field.isRepetition(org.apache.parquet.schema.Type.Repetition.REPEATED) ? new ArrayType(type) : type;
    }

    private static Type group(GroupType group, StoredObject object)
    {
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && group.getFieldCount() == 1) {
            org.apache.parquet.schema.Type repeated = group.getType(0);
            if (repeated.isPrimitive() || repeated.asGroupType().getFieldCount() > 1 || repeated.getName().equals("array") || repeated.getName().endsWith("_tuple")) {
                // two-level list: the repeated field is the element
                return new ArrayType(repeated.isPrimitive() ? primitive(repeated.asPrimitiveType(), object) : struct(repeated.asGroupType(), object));
            }
            return new ArrayType(typeOf(repeated.asGroupType().getType(0), object));
        }
        if ((annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
                && group.getFieldCount() == 1 && !group.getType(0).isPrimitive() && group.getType(0).asGroupType().getFieldCount() == 2) {
            GroupType keyValue = group.getType(0).asGroupType();
            return new MapType(typeOf(keyValue.getType(0), object), typeOf(keyValue.getType(1), object), TYPE_OPERATORS);
        }
        return struct(group, object);
    }

    private static RowType struct(GroupType group, StoredObject object)
    {
        List<RowType.Field> fields = new ArrayList<>();
        for (org.apache.parquet.schema.Type field : group.getFields()) {
            fields.add(RowType.field(field.getName().toLowerCase(Locale.ROOT), typeOf(field, object)));
        }
        return RowType.from(fields);
    }

    private static Type primitive(PrimitiveType primitive, StoredObject object)
    {
        LogicalTypeAnnotation annotation = primitive.getLogicalTypeAnnotation();
        if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
            return DecimalType.createDecimalType(decimal.getPrecision(), decimal.getScale());
        }
        return switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> BOOLEAN;
            case INT32 -> int32(annotation);
            case INT64 -> switch (annotation) {
                case LogicalTypeAnnotation.TimestampLogicalTypeAnnotation _ -> TimestampType.TIMESTAMP_MILLIS;
                case IntLogicalTypeAnnotation integer when !integer.isSigned() -> DecimalType.createDecimalType(20, 0);
                case null, default -> BIGINT;
            };
            case INT96 -> TimestampType.TIMESTAMP_MILLIS;
            case FLOAT -> REAL;
            case DOUBLE -> DOUBLE;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                    ? VarcharType.VARCHAR : VARBINARY;
            default -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Parquet file %s: column '%s' has type %s, which Athena cannot read".formatted(
                    object.location(), primitive.getName(), primitive));
        };
    }

    private static Type int32(LogicalTypeAnnotation annotation)
    {
        if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return DATE;
        }
        if (annotation instanceof IntLogicalTypeAnnotation integer) {
            if (!integer.isSigned()) {
                return integer.getBitWidth() == 32 ? BIGINT : INTEGER;
            }
            return switch (integer.getBitWidth()) {
                case 8 -> TINYINT;
                case 16 -> SMALLINT;
                default -> INTEGER;
            };
        }
        return INTEGER;
    }
}
