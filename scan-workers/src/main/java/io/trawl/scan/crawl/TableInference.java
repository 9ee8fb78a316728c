package io.trawl.scan.crawl;

import io.trawl.catalog.Column;
import io.trawl.catalog.HiveTypes;
import io.trawl.error.TrawlException;
import io.trawl.scan.crawl.FileSchema.TextLayout;
import io.trawl.scan.partition.PartitionValues;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.hive.formats.compression.CompressionKind;
import io.trino.spi.type.Type;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One folder's files → one table, or the reason there is none. Files are read for their schema (Parquet
 * footers, Avro headers, the first lines of text); with more than {@link #MAX_FILES_READ} files, that many
 * are read, spread evenly over the listing. Leading {@code key=value} folders are partition keys; their type
 * is int, bigint or date when every value found is one, else string.
 */
final class TableInference
{
    static final int MAX_FILES_READ = 100;

    /** A data file and its path below the table folder. */
    record TableFile(StoredObject object, String relativePath) {}

    sealed interface Outcome permits Inferred, Skipped {}

    record Inferred(InferredTable table) implements Outcome {}

    record Skipped(String reason) implements Outcome {}

    private final ObjectStore store;

    TableInference(ObjectStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    Outcome infer(String tableName, String location, List<TableFile> files)
    {
        Optional<List<String>> keys = Optional.empty();
        for (TableFile file : files) {
            List<String> fileKeys = partitionKeyNames(file.relativePath());
            if (keys.isPresent() && !keys.get().equals(fileKeys)) {
                return new Skipped("files sit at different partition levels (%s and %s): not one table".formatted(describeKeys(keys.get()), describeKeys(fileKeys)));
            }
            keys = Optional.of(fileKeys);
        }
        List<String> keyNames = keys.orElse(List.of());

        Map<DataFormat, Integer> formatCounts = new TreeMap<>();
        Map<String, Type> columns = new LinkedHashMap<>();
        Optional<TextLayout> layout = Optional.empty();
        Set<String> compressions = new LinkedHashSet<>();
        Optional<String> avroSchema = Optional.empty();
        List<TableFile> sample = sample(files);
        for (TableFile file : sample) {
            FileSchema schema;
            try {
                schema = readSchema(file.object());
            }
            catch (TrawlException e) {
                return new Skipped(e.getMessage());
            }
            catch (IOException e) {
                return new Skipped("cannot read %s: %s".formatted(file.object().location(), e.getMessage()));
            }
            formatCounts.merge(schema.format(), 1, Integer::sum);
            TextSample.compressionOf(file.object()).map(kind -> kind.name().toLowerCase(Locale.ROOT)).ifPresent(compressions::add);
            if (schema.textLayout().isPresent()) {
                if (layout.isPresent() && !layout.get().equals(schema.textLayout().get())) {
                    return new Skipped("text files disagree on their layout (%s with%s header, %s with%s header)".formatted(
                            layout.get().label(), layout.get().header() ? "" : "out", schema.textLayout().get().label(), schema.textLayout().get().header() ? "" : "out"));
                }
                layout = schema.textLayout();
            }
            // the last file with a mixed-case schema names the fields; listing order puts newer partitions last
            avroSchema = schema.avroSchema().isPresent() ? schema.avroSchema() : avroSchema;
            schema.columns().forEach((name, type) -> columns.put(name, TypeWidening.widen(columns.get(name), type)));
        }
        if (formatCounts.size() > 1) {
            List<String> parts = new ArrayList<>();
            formatCounts.forEach((format, count) -> parts.add("%s (%d file%s)".formatted(format.classification(), count, count == 1 ? "" : "s")));
            return new Skipped("mixed formats in one folder: " + String.join(", ", parts) + "; put each format in its own folder");
        }
        if (columns.isEmpty()) {
            return new Skipped("no columns found in " + sample.size() + " file(s)");
        }

        List<Column> dataColumns = new ArrayList<>();
        columns.forEach((name, type) -> dataColumns.add(new Column(name, HiveTypes.toHiveType(TypeWidening.orString(type)))));
        Set<String> partitionKeySet = new HashSet<>(keyNames);
        for (Column column : dataColumns) {
            if (partitionKeySet.contains(column.name())) {
                return new Skipped("column '%s' is both in the files and a partition folder key".formatted(column.name()));
            }
        }
        List<List<String>> partitions = partitions(files, keyNames);
        List<Column> partitionKeys = new ArrayList<>();
        for (int i = 0; i < keyNames.size(); i++) {
            partitionKeys.add(new Column(keyNames.get(i), partitionKeyType(partitions, i)));
        }
        Optional<String> compression = compressions.isEmpty() ? Optional.empty() : Optional.of(String.join("+", compressions));
        return new Inferred(new InferredTable(tableName, location, formatCounts.keySet().iterator().next(), layout, compression, dataColumns, partitionKeys, partitions, avroSchema, sample.size()));
    }

    private FileSchema readSchema(StoredObject object)
            throws IOException
    {
        Optional<CompressionKind> compression = TextSample.compressionOf(object);
        if (compression.isEmpty() && object.size() >= 4) {
            byte[] head = store.readRange(object.location(), 0, 4);
            if (ParquetSchemas.hasMagic(head)) {
                return ParquetSchemas.read(store, object);
            }
            if (AvroSchemaTypes.hasMagic(head)) {
                return AvroSchemaTypes.read(store, object);
            }
        }
        List<String> lines = TextSample.lines(store, object);
        if (JsonLines.looksLikeJson(lines)) {
            return JsonLines.infer(lines, object);
        }
        if (lines.isEmpty()) {
            throw new TrawlException(io.trawl.error.ErrorCode.BAD_DATA, "file %s has no lines".formatted(object.location()));
        }
        return DelimitedText.infer(lines);
    }

    private static List<TableFile> sample(List<TableFile> files)
    {
        if (files.size() <= MAX_FILES_READ) {
            return files;
        }
        List<TableFile> sample = new ArrayList<>();
        for (int i = 0; i < MAX_FILES_READ; i++) {
            sample.add(files.get((int) ((long) i * (files.size() - 1) / (MAX_FILES_READ - 1))));
        }
        return sample;
    }

    /** The keys of the leading {@code key=value} folders of a file's path, lower case, in order. */
    static List<String> partitionKeyNames(String relativePath)
    {
        String[] segments = relativePath.split("/");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < segments.length - 1; i++) {
            int equals = segments[i].indexOf('=');
            if (equals <= 0) {
                break;
            }
            keys.add(Names.columnName(segments[i].substring(0, equals)));
        }
        return keys;
    }

    private static List<List<String>> partitions(List<TableFile> files, List<String> keyNames)
    {
        if (keyNames.isEmpty()) {
            return List.of();
        }
        Set<List<String>> partitions = new LinkedHashSet<>();
        for (TableFile file : files) {
            Map<String, String> values = PartitionValues.parse(file.relativePath());
            List<String> ordered = new ArrayList<>();
            for (String key : keyNames) {
                ordered.add(values.getOrDefault(key, PartitionValues.DEFAULT_PARTITION));
            }
            partitions.add(List.copyOf(ordered));
        }
        return List.copyOf(partitions);
    }

    private static String partitionKeyType(List<List<String>> partitions, int keyIndex)
    {
        boolean allInt = true;
        boolean allBigint = true;
        boolean allDate = true;
        boolean anyValue = false;
        for (List<String> partition : partitions) {
            String value = partition.get(keyIndex);
            if (value.equals(PartitionValues.DEFAULT_PARTITION)) {
                continue;
            }
            anyValue = true;
            Type type = TextValues.typeOf(value);
            allInt &= type != null && type.equals(io.trino.spi.type.IntegerType.INTEGER);
            allBigint &= type != null && (type.equals(io.trino.spi.type.IntegerType.INTEGER) || type.equals(io.trino.spi.type.BigintType.BIGINT));
            allDate &= isDate(value);
        }
        if (!anyValue) {
            return "string";
        }
        if (allInt) {
            return "int";
        }
        if (allBigint) {
            return "bigint";
        }
        return allDate ? "date" : "string";
    }

    private static boolean isDate(String value)
    {
        if (value.length() != 10) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        }
        catch (DateTimeParseException _) {
            return false;
        }
    }

    private static String describeKeys(List<String> keys)
    {
        return keys.isEmpty() ? "no partition folders" : String.join("/", keys);
    }
}
