package io.trawl.scan.writer;

import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.Table;
import io.trawl.engine.write.FileWriter;
import io.trawl.engine.write.FileWriterFactory;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.reader.avro.AvroSchemas;
import io.trawl.scan.store.ObjectStore;
import io.trino.hive.formats.avro.AvroTypeException;
import io.trino.hive.formats.compression.CompressionKind;
import io.trino.hive.formats.encodings.text.TextEncodingOptions;
import io.trino.hive.formats.line.LineSerializer;
import io.trino.hive.formats.line.csv.CsvSerializerFactory;
import io.trino.hive.formats.line.json.JsonSerializerFactory;
import io.trino.hive.formats.line.openxjson.OpenXJsonSerializerFactory;
import io.trino.hive.formats.line.simple.SimpleSerializerFactory;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.file.CodecFactory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Writes a table's data files in the table's own format, SerDe and compression, through an {@link ObjectStore}
 * (on S3 a streaming multipart upload, on local disk a hidden file renamed into place): whatever the readers read,
 * written so that they read it back to the same values.
 *
 * <pre>
 *  Table (StorageDescriptor, SerDe, parameters) ──▶ WriteSpec: format + compression ──▶ fileExtension
 *  Pages ──append──▶ Parquet (trino-parquet) | text, OpenCSV, JSON (trino-hive-formats) | Avro (Apache Avro)
 *        ──▶ FileOutput ──commit──▶ object visible, WrittenFile      ──abort──▶ nothing at the location
 * </pre>
 *
 * <ul>
 *   <li>Parquet (ParquetHiveSerDe): row groups of {@link WriterConfig#parquetRowGroupBytes()} (128 MB), min/max/null
 *   statistics per column chunk, which the reader prunes row groups on. trino-parquet's writer writes no page
 *   indexes (column and offset indexes), so pruning is per row group, not per page.</li>
 *   <li>Delimited text (LazySimpleSerDe): the SerDe's {@code field.delim} (default \001), {@code escape.delim},
 *   {@code collection.delim}, {@code mapkey.delim} and {@code serialization.null.format} (default \N), as the reader
 *   takes them. OpenCSVSerde: {@code separatorChar}, {@code quoteChar}, {@code escapeChar}; every column a string,
 *   as the reader requires; a NULL is written as an empty field. Hive JSON and OpenX JSON: one object per line;
 *   Hive JSON stores binary as the bytes' UTF-8 text, so binary that is not UTF-8 is refused (OpenX uses base64).</li>
 *   <li>Avro (AvroSerDe): see {@link AvroTableFileWriter}; Avro has no tinyint or smallint (the reader refuses them),
 *   so they are refused here too.</li>
 *   <li>ORC: refused (NOT_SUPPORTED).</li>
 * </ul>
 *
 * Compression and {@code compression_level} come from the table's properties ({@link WriteSpec}); GZIP unless set,
 * as Athena. The ZSTD level is honoured for Avro; the Parquet and text compressors (trino-parquet's, aircompressor's)
 * always use ZSTD's default level 3, Athena's default, whatever level is asked for.
 */
public final class LakeFileWriters
        implements FileWriterFactory
{
    private static final String AVRO_SCHEMA_LITERAL = "avro.schema.literal";
    private static final String OPEN_CSV_ESCAPE = "escapeChar";

    private final ObjectStore store;
    private final WriterConfig config;

    public LakeFileWriters(ObjectStore store)
    {
        this(store, WriterConfig.defaults());
    }

    public LakeFileWriters(ObjectStore store, WriterConfig config)
    {
        this.store = requireNonNull(store, "store is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String fileExtension(Table table)
    {
        return WriteSpec.of(table).fileExtension(table);
    }

    /**
     * @throws IllegalArgumentException when a text file's name does not end with the compression suffix of
     *         {@link #fileExtension} (or, uncompressed, ends with a codec's): readers choose the codec by it, so the file
     *         would be unreadable
     */
    @Override
    public FileWriter createWriter(Table table, List<Column> columns, URI location)
    {
        requireNonNull(table, "table is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(location, "location is null");
        WriteSpec spec = WriteSpec.of(table);
        List<String> names = columns.stream().map(Column::name).toList();
        List<Type> types = columns.stream().map(column -> HiveTypes.toTrinoType(column.type())).toList();
        checkTypes(table, spec.format(), columns, types);
        checkTextFileName(spec, location);

        FileOutput output = FileOutput.create(store, location);
        try {
            return switch (spec.format()) {
                case PARQUET -> new ParquetTableFileWriter(output, names, types, parquetOptions(spec));
                case AVRO -> new AvroTableFileWriter(output, avroSchema(table, columns, types), names, types, avroCodec(spec));
                case DELIMITED_TEXT, OPEN_CSV, HIVE_JSON, OPENX_JSON -> textWriter(table, spec, output, names, types);
            };
        }
        catch (IOException | AvroTypeException | RuntimeException e) {
            try {
                output.abort();
            }
            catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw switch (e) {
                case TrawlException trawl -> trawl;
                case AvroTypeException avro -> new TrawlException(ErrorCode.TYPE_MISMATCH, "Table %s: the columns cannot be written with its Avro schema: %s".formatted(table.qualifiedName(), avro.getMessage()), avro);
                case IOException io -> new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot write %s: %s".formatted(location, io.getMessage()), io);
                default -> (RuntimeException) e;
            };
        }
    }

    private ParquetFileWriter.Options parquetOptions(WriteSpec spec)
    {
        ParquetFileWriter.Compression compression = switch (spec.codec()) {
            case NONE -> ParquetFileWriter.Compression.UNCOMPRESSED;
            case GZIP -> ParquetFileWriter.Compression.GZIP;
            case SNAPPY -> ParquetFileWriter.Compression.SNAPPY;
            case ZSTD -> ParquetFileWriter.Compression.ZSTD;
            case LZ4, BZIP2, DEFLATE -> throw new IllegalStateException("not a Parquet codec: " + spec.codec());
        };
        return new ParquetFileWriter.Options(compression, config.parquetRowGroupBytes(), Integer.MAX_VALUE);
    }

    private static CodecFactory avroCodec(WriteSpec spec)
    {
        return switch (spec.codec()) {
            case NONE -> CodecFactory.nullCodec();
            case DEFLATE -> CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
            case SNAPPY -> CodecFactory.snappyCodec();
            case ZSTD -> CodecFactory.zstandardCodec(spec.compressionLevel().orElse(CodecFactory.DEFAULT_ZSTANDARD_LEVEL));
            case BZIP2 -> CodecFactory.bzip2Codec();
            case GZIP, LZ4 -> throw new IllegalStateException("not an Avro codec: " + spec.codec());
        };
    }

    /** The table's {@code avro.schema.literal} when it has one (as the reader takes it), else Hive's schema for the columns. */
    private static Schema avroSchema(Table table, List<Column> columns, List<Type> types)
    {
        Optional<String> literal = Optional.ofNullable(table.parameters().get(AVRO_SCHEMA_LITERAL))
                .or(() -> Optional.ofNullable(table.storageDescriptor().serdeInfo().parameters().get(AVRO_SCHEMA_LITERAL)));
        if (literal.isPresent()) {
            try {
                return new Schema.Parser().parse(literal.get());
            }
            catch (SchemaParseException e) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: %s is not a valid Avro schema: %s".formatted(table.qualifiedName(), AVRO_SCHEMA_LITERAL, e.getMessage()), e);
            }
        }
        List<AvroSchemas.NamedType> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            fields.add(new AvroSchemas.NamedType(columns.get(i).name(), types.get(i)));
        }
        return AvroSchemas.recordOf(table.name(), fields);
    }

    private static FileWriter textWriter(Table table, WriteSpec spec, FileOutput output, List<String> names, List<Type> types)
            throws IOException
    {
        Map<String, String> serdeProperties = table.storageDescriptor().serdeInfo().parameters();
        List<io.trino.hive.formats.line.Column> lineColumns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            lineColumns.add(new io.trino.hive.formats.line.Column(names.get(i), types.get(i), i));
        }
        LineSerializer serializer;
        TextTableFileWriter.ValueCheck check;
        switch (spec.format()) {
            case DELIMITED_TEXT -> {
                serializer = new SimpleSerializerFactory().create(lineColumns, serdeProperties);
                TextEncodingOptions options = TextEncodingOptions.fromSchema(serdeProperties);
                check = TextTableFileWriter.ValueCheck.delimitedText(names, types, options.getSeparators(), Optional.ofNullable(options.getEscapeByte()));
            }
            case OPEN_CSV -> {
                // OpenCSVSerde writes with escape '"' but reads with '\\' when escapeChar is unset (trino-hive-formats copies
                // that): a backslash written that way is lost on reading, so write with the escape the reader uses
                Map<String, String> csvProperties = new HashMap<>(serdeProperties);
                csvProperties.putIfAbsent(OPEN_CSV_ESCAPE, "\\");
                serializer = new CsvSerializerFactory().create(lineColumns, csvProperties);
                check = TextTableFileWriter.ValueCheck.lineBreaks(names, types, "OpenCSV");
            }
            case HIVE_JSON -> {
                serializer = new JsonSerializerFactory().create(lineColumns, serdeProperties);
                check = TextTableFileWriter.ValueCheck.utf8Binary(names, types);
            }
            case OPENX_JSON -> {
                serializer = new OpenXJsonSerializerFactory().create(lineColumns, serdeProperties);
                check = TextTableFileWriter.ValueCheck.none(names, types);
            }
            default -> throw new IllegalStateException("not a text format: " + spec.format());
        }
        return new TextTableFileWriter(output, types, serializer, spec.codec().textCompression(), check);
    }

    /** Readers choose a text file's codec by its name, so the name must say the codec it is written with, and no other. */
    private static void checkTextFileName(WriteSpec spec, URI location)
    {
        if (!spec.format().isText()) {
            return;
        }
        String path = location.getPath();
        String fileName = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (!CompressionKind.forFile(fileName).equals(spec.codec().textCompression())) {
            throw new IllegalArgumentException("%s is written with %s compression, but readers choose the codec by the file name: it must end with %s and no other codec's extension".formatted(
                    location, spec.codec(), spec.codec() == WriteCodec.NONE ? "neither .gz, .zst, .snappy, .lz4, .bz2 nor .deflate" : spec.codec().textSuffix()));
        }
    }

    /** Types a format cannot store fail before anything is written, as the reader would fail to read them. */
    private static void checkTypes(Table table, WriteFormat format, List<Column> columns, List<Type> types)
    {
        for (int i = 0; i < columns.size(); i++) {
            Type type = types.get(i);
            Column column = columns.get(i);
            if (format == WriteFormat.OPEN_CSV && !(type instanceof VarcharType varchar && varchar.isUnbounded())) {
                throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Table %s uses OpenCSVSerde, which stores every column as string; column '%s' is %s (declare it string)".formatted(
                        table.qualifiedName(), column.name(), column.type()));
            }
            if (format == WriteFormat.AVRO && (type instanceof TinyintType || type instanceof SmallintType)) {
                throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Table %s: column '%s' is %s, which Avro cannot store (declare it int)".formatted(
                        table.qualifiedName(), column.name(), column.type()));
            }
        }
    }
}
