package io.trawl.scan.reader.text;

import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.MeteredFile;
import io.trawl.scan.reader.json.JsonSerDes;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.hive.formats.compression.CompressionKind;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Line-oriented tables through trino-hive-formats: TEXTFILE with LazySimpleSerDe, OpenCSVSerde, and JSON lines
 * with the Hive or OpenX JSON SerDe ({@link JsonSerDes}). The SerDe class in the table's SerDeInfo picks the
 * decoder; its SERDEPROPERTIES configure it.
 *
 * <p>LazySimpleSerDe: {@code field.delim} (default Ctrl-A), {@code escape.delim}, {@code collection.delim} and
 * {@code mapkey.delim} for array, map and struct columns, {@code serialization.null.format} (default
 * {@code \N}), {@code serialization.last.column.takes.rest}. OpenCSVSerde: {@code separatorChar} (default
 * {@code ,}), {@code quoteChar} (default {@code "}), {@code escapeChar} (default {@code \}); every column must
 * be declared {@code string}, as Athena requires
 * (https://docs.aws.amazon.com/athena/latest/ug/csv-serde.html) — a table that declares another type fails when
 * the query is planned, before any byte is read, naming the column. Both honour the table properties
 * {@code skip.header.line.count} and {@code skip.footer.line.count}, counted per file.
 *
 * <p>Field count, as Athena and Hive read delimited text: a row with more fields than the table has columns
 * keeps the first ones and drops the rest; a row with fewer fields reads NULL for the missing columns (a blank
 * line is one empty field for LazySimpleSerDe and all NULLs for OpenCSVSerde). A value that does not parse as
 * its column type is NULL; for string columns the empty field is the empty string, and only the null format
 * reads as NULL.
 *
 * <p>Splits: an uncompressed file is cut into byte ranges; a split owns the lines that start in
 * {@code (start, start + length]}, plus the first line of the file for the split at offset 0. This is Hadoop's
 * LineRecordReader rule, which trino-hive-formats' TextLineReader implements: a reader skips the partial (or
 * exactly aligned) first line of its range and reads past its end to finish the last line it owns. Compressed
 * files ({@link TextCompression}: by extension), files with footer lines and files with more than one header
 * line are one split each.
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

    /** Whether this reader decodes the table's SerDe; the provider dispatches on it. */
    public static boolean reads(Table table)
    {
        String serde = table.storageDescriptor().serdeInfo().serializationLibrary();
        return serde.equals(SerDeInfo.LAZY_SIMPLE_SERDE) || serde.equals(SerDeInfo.OPEN_CSV_SERDE) || JsonSerDes.deserializerFactory(serde).isPresent();
    }

    public List<ScanSplit> planSplits(Table table, StoredObject object, long targetSplitBytes)
    {
        checkReadable(table);
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
                // JSON SerDes find fields by the table's column name
                readColumns.add(new io.trino.hive.formats.line.Column(tableColumns.get(column.ordinal()).name(), column.type(), column.ordinal()));
            }
            else if (!readColumns.get(channel).type().equals(column.type())) {
                throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Column '%s' of %s requested as both %s and %s".formatted(column.name(), table.qualifiedName(), readColumns.get(channel).type(), column.type()));
            }
            outputChannels[i] = channel;
        }

        checkReadable(table);
        LineDeserializer deserializer = create(deserializerFactory(table), readColumns, serdeProperties);

        MeteredFile file = new MeteredFile(store, object.location(), object.size(), meter);
        int headerLines = intParameter(table, SKIP_HEADER);
        int footerLines = intParameter(table, SKIP_FOOTER);
        try {
            TextLineReader reader = openReader(file, split);
            return new TextPageSource(file, reader, split, headerLines, footerLines, deserializer, compression(file), columnTypes(columns), outputChannels);
        }
        catch (IOException e) {
            // a compressed file's header is read on open: a bad one means the extension lies about the codec
            throw new TrawlException(ErrorCode.BAD_DATA, "%s: cannot read %s: %s".formatted(object.location(), compression(file), e.getMessage()), e);
        }
    }

    private static TextLineReader openReader(MeteredFile file, ScanSplit split)
            throws IOException
    {
        InputStream stream = file.newStream();
        Optional<CompressionKind> compression = TextCompression.forFile(fileName(file));
        if (compression.isPresent()) {
            return TextLineReader.createUncompressedReader(TextCompression.decompress(stream, compression.get()), READ_BUFFER_BYTES);
        }
        return TextLineReader.createUncompressedReader(stream, READ_BUFFER_BYTES, split.start(), Math.max(1, split.length()));
    }

    private static boolean isSplittable(Table table, StoredObject object)
    {
        // a split after the first cannot know whether it starts inside a multi-line header
        return TextCompression.forFile(object.fileName()).isEmpty()
                && intParameter(table, SKIP_FOOTER) == 0
                && intParameter(table, SKIP_HEADER) <= 1;
    }

    /** How errors name the encoding of a file: "text" or "gzip-compressed text". */
    private static String compression(MeteredFile file)
    {
        return TextCompression.forFile(fileName(file))
                .map(kind -> kind.name().toLowerCase(Locale.ROOT) + "-compressed text")
                .orElse("text");
    }

    private static LineDeserializerFactory deserializerFactory(Table table)
    {
        String serde = table.storageDescriptor().serdeInfo().serializationLibrary();
        if (serde.equals(SerDeInfo.OPEN_CSV_SERDE)) {
            return new CsvDeserializerFactory();
        }
        if (serde.equals(SerDeInfo.LAZY_SIMPLE_SERDE)) {
            return new SimpleDeserializerFactory();
        }
        return JsonSerDes.deserializerFactory(serde).orElseThrow(() -> new TrawlException(ErrorCode.NOT_SUPPORTED,
                "Table %s: SerDe %s is not supported for text files (LazySimpleSerDe, OpenCSVSerde and the Hive and OpenX JSON SerDes are)".formatted(table.qualifiedName(), serde)));
    }

    /** Fails before any byte is read when the SerDe is unknown or, for OpenCSVSerde, a column is not a string. */
    private static void checkReadable(Table table)
    {
        deserializerFactory(table);
        // OpenCSVSerde yields strings only; Athena requires its tables to declare every column string
        if (!table.storageDescriptor().serdeInfo().serializationLibrary().equals(SerDeInfo.OPEN_CSV_SERDE)) {
            return;
        }
        for (Column column : table.storageDescriptor().columns()) {
            Type type = HiveTypes.toTrinoType(column.type());
            if (!(type instanceof VarcharType varchar) || !varchar.isUnbounded()) {
                throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Table %s uses OpenCSVSerde, which reads every column as string; column '%s' is declared %s (declare it string and CAST in the query)".formatted(
                        table.qualifiedName(), column.name(), column.type()));
            }
        }
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
