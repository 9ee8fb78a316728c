package io.trawl.scan.reader.avro;

import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.MeteredFile;
import io.trawl.scan.reader.avro.AvroSchemas.NamedType;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.hive.formats.avro.AvroFileReader;
import io.trino.hive.formats.avro.AvroTypeException;
import io.trino.hive.formats.avro.HiveAvroTypeBlockHandler;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Avro container files (Hive's AvroSerDe, {@code STORED AS AVRO}) through trino-hive-formats' AvroFileReader,
 * which decodes with Apache Avro straight into Trino blocks, nested records, arrays and maps included.
 *
 * <p>Schema: the table property (or SerDe property) {@code avro.schema.literal}, when set, is the reader
 * schema, and columns find their field by name, case-insensitively; otherwise the reader schema is derived from
 * the table's columns as Hive does ({@link AvroSchemas}). Each file is read with its own writer schema resolved
 * against the reader schema by Avro's rules, so files written with older or newer schemas read as long as the
 * fields resolve: a field the file lacks is NULL, a field the table lacks is skipped. A field whose types do not
 * resolve fails the query with BAD_DATA naming the file and the column. Only the requested columns are in the
 * reader schema, so other fields are skipped without being decoded (they are still fetched: Avro is row-wise).
 *
 * <p>Splits: Avro files have sync markers between blocks, so a file larger than the target split size is cut
 * into byte ranges; each split reads the file header, then the blocks whose sync marker falls in its range
 * (Hadoop's AvroRecordReader rule). Codecs are the file's own (null, deflate, snappy, zstd, bzip2, xz), named in
 * its header.
 */
public final class AvroFormat
{
    static final String SCHEMA_LITERAL = "avro.schema.literal";
    // a field no file has: reading it yields one NULL per record, which is how a scan that needs no column counts rows
    private static final String ROW_COUNT_FIELD = "trawl_row_count_placeholder";

    private final ObjectStore store;

    public AvroFormat(ObjectStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    public List<ScanSplit> planSplits(Table table, StoredObject object, long targetSplitBytes)
    {
        // fail on a bad schema literal or an unreadable column type before reading any data
        tableSchema(table);
        String path = object.location().toString();
        List<ScanSplit> splits = new ArrayList<>();
        for (long start = 0; start < object.size(); start += targetSplitBytes) {
            splits.add(new ScanSplit(path, start, Math.min(targetSplitBytes, object.size() - start), object.size()));
        }
        return List.copyOf(splits);
    }

    public PageSource createPageSource(Table table, StoredObject object, ScanSplit split, List<ScanColumn> columns, ByteMeter meter)
    {
        Schema tableSchema = tableSchema(table);
        HiveAvroTypeBlockHandler blockHandler = new HiveAvroTypeBlockHandler(TimestampType.TIMESTAMP_MILLIS);

        // one reader field per distinct requested column; columns the schema lacks read as NULL
        Map<String, Integer> channelsByField = new LinkedHashMap<>();
        List<Schema.Field> readFields = new ArrayList<>();
        int[] outputChannels = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ScanColumn column = columns.get(i);
            Optional<Schema.Field> field = findField(tableSchema, column.name());
            if (field.isEmpty()) {
                outputChannels[i] = -1;
                continue;
            }
            Integer channel = channelsByField.get(field.get().name());
            if (channel == null) {
                checkType(table, column, field.get(), blockHandler);
                channel = readFields.size();
                channelsByField.put(field.get().name(), channel);
                readFields.add(new Schema.Field(field.get(), field.get().schema()));
            }
            outputChannels[i] = channel;
        }
        if (readFields.isEmpty()) {
            readFields.add(new Schema.Field(ROW_COUNT_FIELD, Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.BOOLEAN)), null, Schema.Field.NULL_DEFAULT_VALUE));
        }
        Schema readerSchema = Schema.createRecord(tableSchema.getName(), null, tableSchema.getNamespace(), false, readFields);

        MeteredFile file = new MeteredFile(store, object.location(), object.size(), meter);
        MeteredInputFile inputFile = new MeteredInputFile(file, object.lastModified());
        try {
            AvroFileReader reader = new AvroFileReader(inputFile, readerSchema, blockHandler, split.start(), OptionalLong.of(Math.max(1, split.length())));
            return new AvroPageSource(file, reader, columns.stream().map(ScanColumn::type).toList(), outputChannels,
                    cause -> schemaMismatch(file, table, readerSchema, cause));
        }
        catch (AvroTypeException e) {
            throw schemaMismatch(file, table, readerSchema, e);
        }
        catch (IOException | RuntimeException e) {
            throw new TrawlException(ErrorCode.BAD_DATA, "%s is not a readable Avro data file: %s".formatted(object.location(), e.getMessage()), e);
        }
    }

    private static Schema tableSchema(Table table)
    {
        String literal = Optional.ofNullable(table.parameters().get(SCHEMA_LITERAL))
                .orElse(table.storageDescriptor().serdeInfo().parameters().get(SCHEMA_LITERAL));
        if (literal != null) {
            try {
                Schema schema = new Schema.Parser().parse(literal);
                if (schema.getType() != Schema.Type.RECORD) {
                    throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: %s must be an Avro record, was %s".formatted(table.qualifiedName(), SCHEMA_LITERAL, schema.getType()));
                }
                return schema;
            }
            catch (SchemaParseException e) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: %s is not a valid Avro schema: %s".formatted(table.qualifiedName(), SCHEMA_LITERAL, e.getMessage()), e);
            }
        }
        List<NamedType> columns = new ArrayList<>();
        for (Column column : table.storageDescriptor().columns()) {
            columns.add(new NamedType(column.name(), HiveTypes.toTrinoType(column.type())));
        }
        try {
            return AvroSchemas.recordOf(table.name(), columns);
        }
        catch (TrawlException e) {
            throw new TrawlException(e.errorCode(), "Table %s: %s".formatted(table.qualifiedName(), e.getMessage()), e);
        }
    }

    private static Optional<Schema.Field> findField(Schema schema, String columnName)
    {
        Schema.Field exact = schema.getField(columnName);
        if (exact != null) {
            return Optional.of(exact);
        }
        String lower = columnName.toLowerCase(Locale.ROOT);
        return schema.getFields().stream().filter(field -> field.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    private static void checkType(Table table, ScanColumn column, Schema.Field field, HiveAvroTypeBlockHandler blockHandler)
    {
        Type avroType;
        try {
            avroType = blockHandler.typeFor(field.schema());
        }
        catch (AvroTypeException e) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Table %s: column '%s' has Avro type %s, which cannot be read: %s".formatted(table.qualifiedName(), column.name(), field.schema(), e.getMessage()), e);
        }
        if (!avroType.equals(column.type())) {
            throw new TrawlException(ErrorCode.TYPE_MISMATCH, "Table %s: column '%s' is declared %s but its Avro schema %s reads as %s".formatted(
                    table.qualifiedName(), column.name(), column.type().getDisplayName(), field.schema(), avroType.getDisplayName()));
        }
    }

    /**
     * The error for a file whose schema does not resolve against the table's, naming the first column that does not
     * resolve. Avro reports it when the file is opened or, for a field inside the records, when the first record is
     * decoded; only this error path reads the file's header again.
     */
    private static TrawlException schemaMismatch(MeteredFile file, Table table, Schema readerSchema, Exception cause)
    {
        return new TrawlException(ErrorCode.BAD_DATA, "Avro file %s does not match table %s: %s".formatted(file.location(), table.qualifiedName(), mismatch(file, readerSchema, cause)), cause);
    }

    private static String mismatch(MeteredFile file, Schema readerSchema, Exception cause)
    {
        try (DataFileStream<Object> stream = new DataFileStream<>(file.newStream(), new GenericDatumReader<>())) {
            Schema writerSchema = stream.getSchema();
            for (Schema.Field readerField : readerSchema.getFields()) {
                Schema.Field writerField = writerSchema.getField(readerField.name());
                if (writerField == null) {
                    if (!readerField.hasDefaultValue()) {
                        return "column '%s' is not in the file and has no default".formatted(readerField.name());
                    }
                    continue;
                }
                SchemaCompatibility.SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerField.schema(), writerField.schema());
                if (compatibility.getType() == SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE) {
                    return "column '%s' is %s in the table but %s in the file".formatted(readerField.name(), describe(readerField.schema()), describe(writerField.schema()));
                }
            }
        }
        catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        return cause.getMessage();
    }

    private static String describe(Schema schema)
    {
        if (schema.isUnion() && schema.getTypes().size() == 2 && schema.isNullable()) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return "nullable " + describe(branch);
                }
            }
        }
        return schema.getLogicalType() != null ? schema.getLogicalType().getName() : schema.getType().getName();
    }
}
