package io.trawl.scan;

import io.trawl.catalog.Table;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.PartitionFolder;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanEstimate;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanRequest;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.engine.scan.TableEstimate;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.reader.avro.AvroFormat;
import io.trawl.scan.reader.parquet.ParquetFormat;
import io.trawl.scan.reader.TableFormat;
import io.trawl.scan.reader.text.TextFileFormat;
import io.trawl.scan.partition.ConstantColumnsPageSource;
import io.trawl.scan.partition.FilePruner;
import io.trawl.scan.partition.PartitionValues;
import io.trawl.scan.partition.PartitionWalker;
import io.trawl.scan.partition.projection.PartitionProjection;
import io.trawl.scan.split.DataFiles;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.spi.predicate.TupleDomain;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads lake tables (Parquet, Avro, and line-oriented text: delimited, OpenCSV, JSON) from an {@link ObjectStore}.
 *
 * <pre>
 *  Table ──planSplits──▶ DataFiles (list, skip _/. and empty) ──▶ ParquetFormat / TextFileFormat ──▶ ScanSplits
 *  ScanSplit + columns + predicate ──createPageSource──▶ PageSource ──▶ Pages (exactly the requested columns)
 *                                   every byte fetched ──▶ ByteMeter
 * </pre>
 *
 * Metering rule: every byte fetched from storage while planning or reading for a query is reported to that
 * query's meter, once, when it is fetched. Parsed Parquet footers are cached in the provider (keyed by
 * location, size and modification time), so a footer fetched while planning is not fetched, and not billed,
 * again when a split of the same file is read. {@link #estimate} is free statistics: footers it fetches are
 * not billed to anyone (and are then cached).
 */
public final class LakeScanProvider
        implements ScanProvider
{
    /** The size assumed for a table with partition projection, whose files are never listed whole: 1 TiB. */
    private static final long PROJECTED_TABLE_BYTES = 1L << 40;

    private final ObjectStore store;
    private final ScanConfig config;
    private final ParquetFormat parquet;
    private final TextFileFormat text;
    private final AvroFormat avro;

    public LakeScanProvider(ObjectStore store, ScanConfig config)
    {
        this.store = requireNonNull(store, "store is null");
        this.config = requireNonNull(config, "config is null");
        this.parquet = new ParquetFormat(store, config.maxMergeDistanceBytes());
        this.text = new TextFileFormat(store);
        this.avro = new AvroFormat(store);
    }

    public static LakeScanProvider forLocalFiles()
    {
        return create(new LocalObjectStore());
    }

    /** Tables on whatever {@code store} reaches (e.g. a {@link io.trawl.scan.store.RoutingObjectStore}), default scan settings. */
    public static LakeScanProvider create(ObjectStore store)
    {
        return new LakeScanProvider(store, ScanConfig.defaults());
    }

    @Override
    public List<ScanSplit> planSplits(Table table, TupleDomain<String> predicate, ByteMeter meter)
    {
        return splits(table, scanFiles(table, predicate), meter);
    }

    @Override
    public List<ScanSplit> planSplits(Table table, List<PartitionFolder> partitions, TupleDomain<String> predicate, ByteMeter meter)
    {
        return splits(table, scanFiles(table, partitions, predicate), meter);
    }

    /** A file a scan reads, after partition and file pruning, with the partition values of its rows. */
    private record ScanFile(StoredObject object, Map<String, String> partitionValues) {}

    private List<ScanSplit> splits(Table table, List<ScanFile> files, ByteMeter meter)
    {
        FileFormat format = FileFormat.of(table);
        List<ScanSplit> splits = new ArrayList<>();
        for (ScanFile file : files) {
            long modified = file.object().lastModified().toEpochMilli();
            for (ScanSplit split : fileSplits(table, format, file.object(), meter)) {
                splits.add(split.withFile(modified, file.partitionValues()));
            }
        }
        return List.copyOf(splits);
    }

    /** The files of a table whose partitions storage finds: unpartitioned, projected, or discovered folders. */
    private List<ScanFile> scanFiles(Table table, TupleDomain<String> predicate)
    {
        // an unsupported format fails before anything is listed
        FileFormat.of(table);
        String location = table.storageDescriptor().location();
        String locationPath = (URI.create(location).getPath() + "/").replaceAll("/+", "/");
        // partition projection: partitions computed from the predicate, only their own folders listed
        Map<StoredObject, Map<String, String>> projected = PartitionProjection.parse(table).map(projection -> projection.files(store, predicate)).orElse(null);
        List<StoredObject> files = projected != null ? List.copyOf(projected.keySet())
                : table.partitionKeys().isEmpty() ? DataFiles.list(store, location) : PartitionWalker.files(store, table, predicate);
        List<ScanFile> scanFiles = new ArrayList<>();
        for (StoredObject file : files) {
            String path = file.location().toString();
            String filePath = file.location().getPath().replaceAll("/+", "/");
            Map<String, String> partitions = projected != null ? projected.get(file) : table.partitionKeys().isEmpty() || !filePath.startsWith(locationPath)
                    ? Map.of()
                    : PartitionValues.parse(filePath.substring(locationPath.length()));
            if (FilePruner.mayMatch(table, predicate, path, file.size(), file.lastModified().toEpochMilli(), partitions)) {
                scanFiles.add(new ScanFile(file, partitions));
            }
        }
        return scanFiles;
    }

    /** The files in the given partition folders (the catalog's registered partitions that match the query). */
    private List<ScanFile> scanFiles(Table table, List<PartitionFolder> partitions, TupleDomain<String> predicate)
    {
        // an unsupported format fails before anything is listed
        FileFormat.of(table);
        List<ScanFile> scanFiles = new ArrayList<>();
        for (PartitionFolder partition : partitions) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < table.partitionKeys().size(); i++) {
                values.put(table.partitionKeys().get(i).name().toLowerCase(Locale.ROOT), partition.values().get(i));
            }
            List<StoredObject> files;
            try {
                files = DataFiles.list(store, partition.location());
            }
            catch (TrawlException e) {
                if (e.errorCode() != ErrorCode.INVALID_LOCATION) {
                    throw e;
                }
                // a registered partition whose folder is gone reads as empty, as in Athena
                continue;
            }
            for (StoredObject file : files) {
                if (FilePruner.mayMatch(table, predicate, file.location().toString(), file.size(), file.lastModified().toEpochMilli(), values)) {
                    scanFiles.add(new ScanFile(file, Map.copyOf(values)));
                }
            }
        }
        return scanFiles;
    }

    /**
     * Estimates each scan from the files it would read ({@link #scanFiles}, as {@link #planSplits} lists them)
     * and the readers' own planning: Parquet by {@link ParquetFormat#estimate} (footers, and per split the
     * needed column chunks of the row groups whose statistics can match, merged as the reader merges them);
     * text and Avro files by their splits' byte ranges, which together are the whole file. A text reader may
     * read past a split's end to finish its last line (at most a 64 KB buffer per split boundary), which the
     * estimate does not count. A file's footer counts once per query, in the first scan that reads it, as the
     * running query fetches it once and serves the other scans from its cache.
     */
    @Override
    public List<ScanEstimate> estimateScans(List<ScanRequest> scans)
    {
        Set<URI> footersCounted = new HashSet<>();
        List<ScanEstimate> estimates = new ArrayList<>();
        for (ScanRequest scan : scans) {
            estimates.add(estimateScan(scan, footersCounted));
        }
        return List.copyOf(estimates);
    }

    private ScanEstimate estimateScan(ScanRequest scan, Set<URI> footersCounted)
    {
        Table table = scan.table();
        FileFormat format = FileFormat.of(table);
        List<ScanFile> files = scan.partitions().isPresent()
                ? scanFiles(table, scan.partitions().get(), scan.predicate())
                : scanFiles(table, scan.predicate());
        List<ScanColumn> fileColumns = fileColumns(table, scan.columns());
        TupleDomain<String> filePredicate = filePredicate(table, scan.predicate());
        long dataBytes = 0;
        long footerBytes = 0;
        long metadataBytesRead = 0;
        long splits = 0;
        long rows = 0;
        for (ScanFile file : files) {
            if (format == FileFormat.PARQUET) {
                ParquetFormat.FileEstimate estimate = parquet.estimate(file.object(), config.targetSplitBytes(), fileColumns, filePredicate);
                if (footersCounted.add(file.object().location())) {
                    footerBytes += estimate.footerBytes();
                    metadataBytesRead += estimate.metadataBytesRead();
                }
                dataBytes += estimate.dataBytes();
                splits += estimate.splits();
                rows += estimate.rowCount();
                continue;
            }
            for (ScanSplit split : fileSplits(table, format, file.object(), ByteMeter.NONE)) {
                dataBytes += split.length();
                splits++;
            }
        }
        return new ScanEstimate(dataBytes + footerBytes, footerBytes, metadataBytesRead, files.size(), splits,
                format == FileFormat.PARQUET ? OptionalLong.of(rows) : OptionalLong.empty());
    }

    @Override
    public List<PartitionFolder> listPartitionFolders(Table table)
    {
        return PartitionWalker.folders(store, table);
    }

    @Override
    public void checkTable(Table table)
    {
        io.trawl.scan.partition.projection.PartitionProjection.validate(table);
    }

    @Override
    public TableEstimate estimate(Table table)
    {
        FileFormat format = FileFormat.of(table);
        if (PartitionProjection.parse(table).isPresent()) {
            // a projected table is never listed whole; its size is unknown, and taken as large (projection is for big tables)
            return new TableEstimate(PROJECTED_TABLE_BYTES, OptionalLong.empty());
        }
        long bytes = 0;
        long rows = 0;
        Map<String, TableEstimate.ValueRange> ranges = new HashMap<>();
        boolean rangesComplete = true;
        for (StoredObject file : DataFiles.list(store, table.storageDescriptor().location())) {
            bytes += file.size();
            if (format == FileFormat.PARQUET) {
                rows += parquet.rowCount(file);
                Map<String, TableEstimate.ValueRange> fileRanges = parquet.integerRanges(file);
                if (rangesComplete && !ranges.isEmpty()) {
                    ranges.keySet().retainAll(fileRanges.keySet());
                    ranges.replaceAll((column, range) -> range.union(fileRanges.get(column)));
                }
                else if (rangesComplete) {
                    ranges.putAll(fileRanges);
                }
                rangesComplete &= !fileRanges.isEmpty();
            }
        }
        if (format != FileFormat.PARQUET) {
            return new TableEstimate(bytes, OptionalLong.empty());
        }
        return new TableEstimate(bytes, OptionalLong.of(rows), rangesComplete ? ranges : Map.of());
    }

    @Override
    public PageSource createPageSource(Table table, ScanSplit split, List<ScanColumn> columns, TupleDomain<String> predicate, ByteMeter meter)
    {
        requireNonNull(columns, "columns is null");
        requireNonNull(predicate, "predicate is null");
        requireNonNull(meter, "meter is null");
        StoredObject file = stat(split);
        int dataColumnCount = table.storageDescriptor().columns().size();
        int[] dataChannel = new int[columns.size()];
        Object[] constants = new Object[columns.size()];
        int dataColumns = 0;
        for (int i = 0; i < columns.size(); i++) {
            ScanColumn column = columns.get(i);
            if (column.ordinal() >= 0 && column.ordinal() < dataColumnCount) {
                dataChannel[i] = dataColumns++;
                continue;
            }
            dataChannel[i] = -1;
            Object value = FilePruner.valueOf(table, column.name(), split.path(), split.fileSize(), split.lastModified(), split.partitionValues()).orElse(null);
            constants[i] = value == PartitionValues.NullValue.NULL ? null : value;
        }
        PageSource data = readData(table, file, split, fileColumns(table, columns), filePredicate(table, predicate), meter);
        if (dataColumns == columns.size()) {
            return data;
        }
        return new ConstantColumnsPageSource(data, dataChannel, columns.stream().map(ScanColumn::type).toList(), constants);
    }

    /**
     * The columns read from a file for a scan's columns: its data columns, in order; when it asks only for
     * partition keys and pseudo-columns, the first data column, the narrowest thing that counts rows.
     */
    private static List<ScanColumn> fileColumns(Table table, List<ScanColumn> columns)
    {
        int dataColumnCount = table.storageDescriptor().columns().size();
        List<ScanColumn> dataColumns = new ArrayList<>();
        for (ScanColumn column : columns) {
            if (column.ordinal() >= 0 && column.ordinal() < dataColumnCount) {
                dataColumns.add(column);
            }
        }
        if (dataColumns.size() == columns.size()) {
            return columns;
        }
        if (dataColumns.isEmpty()) {
            io.trawl.catalog.Column first = table.storageDescriptor().columns().getFirst();
            dataColumns.add(new ScanColumn(first.name(), 0, io.trawl.catalog.HiveTypes.toTrinoType(first.type())));
        }
        return dataColumns;
    }

    /** The predicate the file readers see: the domains of columns stored in the files. */
    private static TupleDomain<String> filePredicate(Table table, TupleDomain<String> predicate)
    {
        Set<String> dataNames = new HashSet<>();
        table.storageDescriptor().columns().forEach(column -> dataNames.add(column.name().toLowerCase(Locale.ROOT)));
        return predicate.filter((name, _) -> dataNames.contains(name.toLowerCase(Locale.ROOT)));
    }

    private List<ScanSplit> fileSplits(Table table, FileFormat format, StoredObject file, ByteMeter meter)
    {
        return switch (format) {
            case PARQUET -> parquet.planSplits(file, config.targetSplitBytes(), meter);
            case TEXT -> text.planSplits(table, file, config.targetSplitBytes());
            case AVRO -> avro.planSplits(table, file, config.targetSplitBytes());
        };
    }

    private PageSource readData(Table table, StoredObject file, ScanSplit split, List<ScanColumn> columns, TupleDomain<String> predicate, ByteMeter meter)
    {
        return switch (FileFormat.of(table)) {
            case PARQUET -> parquet.createPageSource(file, split, columns, predicate, meter);
            case TEXT -> text.createPageSource(table, file, split, columns, meter);
            case AVRO -> avro.createPageSource(table, file, split, columns, meter);
        };
    }

    @Override
    public java.util.Optional<byte[]> fileMetadata(Table table, ScanSplit split)
    {
        if (FileFormat.of(table) != FileFormat.PARQUET) {
            return java.util.Optional.empty();
        }
        return parquet.footerBytes(URI.create(split.path()), split.fileSize(), split.lastModified());
    }

    @Override
    public void addFileMetadata(Table table, ScanSplit split, byte[] metadata)
    {
        if (FileFormat.of(table) == FileFormat.PARQUET) {
            parquet.addShippedFooter(URI.create(split.path()), split.fileSize(), split.lastModified(), metadata);
        }
    }

    private StoredObject stat(ScanSplit split)
    {
        URI location = URI.create(split.path());
        try {
            return store.stat(location);
        }
        catch (NoSuchFileException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "File %s was removed while the query ran".formatted(split.path()), e);
        }
        catch (IOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read %s: %s".formatted(split.path(), e.getMessage()), e);
        }
    }

    /** The families the readers read: Parquet, Avro and text (delimited, OpenCSV, JSON). */
    private enum FileFormat
    {
        PARQUET, TEXT, AVRO;

        static FileFormat of(Table table)
        {
            return switch (TableFormat.of(table)) {
                case PARQUET -> PARQUET;
                case AVRO -> AVRO;
                case TEXT -> TEXT;
                case ORC, UNKNOWN -> throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Table %s: storage format %s with SerDe %s is not supported (Parquet, Avro, TEXTFILE, OpenCSV and JSON are)"
                        .formatted(table.qualifiedName(), table.storageDescriptor().inputFormat(), table.storageDescriptor().serdeInfo().serializationLibrary()));
            };
        }
    }
}
