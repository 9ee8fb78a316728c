package io.trawl.scan.reader.text;

import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.MeteredFile;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.hive.formats.compression.Codec;
import io.trino.hive.formats.compression.CompressionKind;
import io.trino.hive.formats.encodings.text.TextEncodingOptions;
import io.trino.hive.formats.line.LineDeserializer;
import io.trino.hive.formats.line.LineDeserializerFactory;
import io.trino.hive.formats.line.csv.CsvDeserializerFactory;
import io.trino.hive.formats.line.simple.SimpleDeserializerFactory;
import io.trino.hive.formats.line.text.TextLineReader;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Delimited text tables (Hive's TEXTFILE) through trino-hive-formats, with LazySimpleSerDe or OpenCSVSerde
 * semantics: values that do not parse as the column type are NULL, as in Hive and Athena.
 *
 * <p>Splits: an uncompressed file is cut into byte ranges; a split owns the lines that start in
 * {@code (start, start + length]}, plus the first line of the file for the split at offset 0. This is Hadoop's
 * LineRecordReader rule, which trino-hive-formats' TextLineReader implements: a reader skips the partial (or
 * exactly aligned) first line of its range and reads past its end to finish the last line it owns. Compressed
 * files, files with footer lines and files with more than one header line are one split each. Header lines ({@code skip.header.line.count}) are
 * skipped only at the start of each file.
 *
 * <p>Field count: unlike Hive, which pads short rows with NULLs and drops extra fields silently, a row whose
 * field count differs from the table's column count fails the query with BAD_DATA naming the file and the
 * line. A silent NULL there almost always means the DDL does not match the data (wrong delimiter, missing
 * column), and we would rather say so than answer wrongly. Blank lines count as one empty field.
 */
public final class TextFileFormat
{
    static final String SKIP_HEADER = "skip.header.line.count";
    static final String SKIP_FOOTER = "skip.footer.line.count";
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final ObjectStore store;

    public TextFileFormat(ObjectStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    public List<ScanSplit> planSplits(Table table, StoredObject object, long targetSplitBytes)
    {
        String path = object.location().toString();
        if (!isSplittable(table, object)) {
            return List.of(new ScanSplit(path, 0, object.size(), object.size()));
        }
        List<ScanSplit> splits = new ArrayList<>();
        for (long start = 0; start < object.size(); start += targetSplitBytes) {
            splits.add(new ScanSplit(path, start, Math.min(targetSplitBytes, object.size() - start), object.size()));
        }
        return List.copyOf(splits);
    }

    public PageSource createPageSource(Table table, StoredObject object, ScanSplit split, List<ScanColumn> columns, ByteMeter meter)
    {
        List<Column> tableColumns = table.storageDescriptor().columns();
        SerDeInfo serde = table.storageDescriptor().serdeInfo();
        Map<String, String> serdeProperties = new HashMap<>(serde.parameters());
        serdeProperties.put("columns", String.join(",", tableColumns.stream().map(Column::name).toList()));

        // one deserializer column per distinct field ordinal; columns beyond the data columns read as NULL
        Map<Integer, Integer> channelsByOrdinal = new LinkedHashMap<>();
        List<io.trino.hive.formats.line.Column> readColumns = new ArrayList<>();
        int[] outputChannels = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ScanColumn column = columns.get(i);
            if (column.ordinal() < 0 || column.ordinal() >= tableColumns.size()) {
                outputChannels[i] = -1;
                continue;
            }
            Integer channel = channelsByOrdinal.get(column.ordinal());
            if (channel == null) {
                channel = readColumns.size();
                channelsByOrdinal.put(column.ordinal(), channel);
                readColumns.add(new io.trino.hive.formats.line.Column(column.name(), column.type(), column.ordinal()));
            }
            else if (!readColumns.get(channel).type().equals(column.type())) {
                throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Column '%s' of %s requested as both %s and %s".formatted(column.name(), table.qualifiedName(), readColumns.get(channel).type(), column.type()));
            }
            outputChannels[i] = channel;
        }

        LineDeserializer deserializer;
        FieldCounter fieldCounter;
        if (SerDeInfo.OPEN_CSV_SERDE.equals(serde.serializationLibrary())) {
            for (io.trino.hive.formats.line.Column column : readColumns) {
                if (!(column.type() instanceof VarcharType)) {
                    throw new TrawlException(ErrorCode.NOT_SUPPORTED, "OpenCSVSerde reads every column as string; column '%s' of %s is %s".formatted(column.name(), table.qualifiedName(), column.type()));
                }
            }
            deserializer = create(new CsvDeserializerFactory(), readColumns, serdeProperties);
            fieldCounter = FieldCounter.quoted(
                    csvCharacter(serdeProperties, "separatorChar", ','),
                    csvCharacter(serdeProperties, "quoteChar", '"'),
                    csvCharacter(serdeProperties, "escapeChar", '\\'));
        }
        else {
            deserializer = create(new SimpleDeserializerFactory(), readColumns, serdeProperties);
            TextEncodingOptions encoding = TextEncodingOptions.fromSchema(serdeProperties);
            fieldCounter = encoding.isLastColumnTakesRest()
                    ? (line, length) -> tableColumns.size()
                    : FieldCounter.delimited(encoding.getSeparators().getByte(0), encoding.getEscapeByte());
        }

        MeteredFile file = new MeteredFile(store, object.location(), object.size(), meter);
        int headerLines = intParameter(table, SKIP_HEADER);
        int footerLines = intParameter(table, SKIP_FOOTER);
        try {
            TextLineReader reader = openReader(file, split);
            return new TextPageSource(file, reader, split, headerLines, footerLines, deserializer, fieldCounter, tableColumns.size(), columnTypes(columns), outputChannels);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read %s: %s".formatted(object.location(), e.getMessage()), e);
        }
    }

    private static TextLineReader openReader(MeteredFile file, ScanSplit split)
            throws IOException
    {
        InputStream stream = file.newStream();
        Optional<Codec> codec = CompressionKind.forFile(fileName(file)).map(CompressionKind::createCodec);
        if (codec.isPresent()) {
            return TextLineReader.createCompressedReader(stream, READ_BUFFER_BYTES, codec.get());
        }
        return TextLineReader.createUncompressedReader(stream, READ_BUFFER_BYTES, split.start(), Math.max(1, split.length()));
    }

    private static boolean isSplittable(Table table, StoredObject object)
    {
        // a split after the first cannot know whether it starts inside a multi-line header
        return CompressionKind.forFile(object.fileName()).isEmpty()
                && intParameter(table, SKIP_FOOTER) == 0
                && intParameter(table, SKIP_HEADER) <= 1;
    }

    private static String fileName(MeteredFile file)
    {
        String path = file.location().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static LineDeserializer create(LineDeserializerFactory factory, List<io.trino.hive.formats.line.Column> columns, Map<String, String> serdeProperties)
    {
        if (columns.isEmpty()) {
            return LineDeserializer.EMPTY_LINE_DESERIALIZER;
        }
        return factory.create(columns, serdeProperties);
    }

    private static List<Type> columnTypes(List<ScanColumn> columns)
    {
        return columns.stream().map(ScanColumn::type).toList();
    }

    private static byte csvCharacter(Map<String, String> properties, String key, char defaultValue)
    {
        String value = properties.get(key);
        return (byte) (value == null || value.isEmpty() ? defaultValue : value.charAt(0));
    }

    static int intParameter(Table table, String name)
    {
        String value = table.parameters().get(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        }
        catch (NumberFormatException e) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Table %s: %s must be an integer, was '%s'".formatted(table.qualifiedName(), name, value));
        }
    }
}
