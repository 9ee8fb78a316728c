package io.trawl.scan.reader.parquet;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.airlift.units.DataSize;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.meter.MeteredFile;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.parquet.Column;
import io.trino.parquet.Field;
import io.trino.parquet.ParquetCorruptionException;
import io.trino.parquet.ParquetDataSource;
import io.trino.parquet.ParquetDataSourceId;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.parquet.metadata.BlockMetadata;
import io.trino.parquet.metadata.ParquetMetadata;
import io.trino.parquet.metadata.PrunedBlockMetadata;
import io.trawl.engine.scan.TableEstimate;
import io.trino.parquet.metadata.ColumnChunkMetadata;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.trino.parquet.predicate.TupleDomainParquetPredicate;
import io.trino.parquet.reader.MetadataReader;
import io.trino.parquet.reader.ParquetReader;
import io.trino.parquet.reader.RowGroupInfo;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.VarcharType;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.ColumnIO;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.joda.time.DateTimeZone;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.lang.Math.toIntExact;

import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.parquet.ParquetTypeUtils.constructField;
import static io.trino.parquet.ParquetTypeUtils.getColumnIO;
import static io.trino.parquet.ParquetTypeUtils.getDescriptors;
import static io.trino.parquet.ParquetTypeUtils.lookupColumnByName;
import static io.trino.parquet.predicate.PredicateUtils.buildPredicate;
import static io.trino.parquet.predicate.PredicateUtils.getFilteredRowGroups;
import static java.util.Objects.requireNonNull;

/**
 * Parquet through trino-parquet: footers, row-group splits, and page sources that fetch only the footer and
 * the column chunks of the projected columns in the row groups that survive statistics pruning.
 *
 * <p>Split rule: a split {@code [start, start + length)} owns the row groups whose first byte (the first
 * column chunk's dictionary page, or its first data page when there is no dictionary) lies inside it. This
 * is the rule trino-parquet's {@code ParquetMetadata.getBlocks(start, length)} applies, so planning and
 * reading cannot disagree. Planned splits start at row-group starts and cover the whole file.
 *
 * <p>Columns are matched to the file's top-level fields by name, ignoring case, as Athena does for Parquet; a
 * column the file does not have reads as NULL, and file columns the table does not name are not read.
 *
 * <p><b>Metering rule</b> (what a query is billed for a Parquet file; every byte below is fetched through
 * {@link MeteredFile} and billed once, when fetched):
 * <ol>
 * <li><i>Footer</i>: the last 8 bytes (metadata length and magic), then exactly the metadata they announce:
 * {@code metadataLength + 8} bytes, fetched once per file per provider. A footer served from the provider's
 * cache is not billed again, except that a footer first fetched for free statistics ({@link #rowCount},
 * {@link #integerRanges}) is billed to the next query that plans or reads the file.</li>
 * <li><i>Column chunks</i>: for each row group of the split that survives pruning, the chunk
 * {@code [dictionary or first data page offset, + total compressed size)} of each primitive column of the
 * projected fields. The chunks of one split are sorted and merged when the gap between two is at most the
 * merge distance ({@code ScanConfig.maxMergeDistanceBytes}) and the merged range is at most 8 MB; a merged
 * range is fetched, gap included, exactly once. With a merge distance of 0 only touching chunks merge, and
 * the bill is the footers plus the needed chunks exactly.</li>
 * <li><i>Pruning reads</i>: a dictionary page read to test an equality/IN/range predicate (only when the
 * whole chunk is dictionary-encoded), bloom filters and page indexes (column/offset index) of predicate
 * columns when the file has them. A dictionary page read here is kept and not fetched again when its chunk
 * is read, so it adds bytes only for a row group it prunes.</li>
 * </ol>
 * Fetches run ahead of decoding, concurrently, at most 32 MB and 16 ranges ahead per reader; readahead
 * never leaves the planned ranges, and closing a reader waits for it, so it moves fetches in time, not in
 * number.
 */
public final class ParquetFormat
{
    private static final DateTimeZone UTC = DateTimeZone.UTC;
    private static final int DOMAIN_COMPACTION_THRESHOLD = 1000;
    private static final int FOOTER_CACHE_ENTRIES = 10_000;

    private static final int MAX_RANGE_BYTES = 8 * 1024 * 1024;
    private static final long MAX_IN_FLIGHT_BYTES = 32L * 1024 * 1024;
    private static final int MAX_IN_FLIGHT_RANGES = 16;
    private static final int POSTSCRIPT_BYTES = 8;
    private static final long MAX_FOOTER_BYTES = 64L * 1024 * 1024;
    private static final Slice MAGIC = Slices.utf8Slice("PAR1");
    private static final String UNSUPPORTED_CODEC = "Codec not supported in Parquet: ";

    private final ObjectStore store;
    private final ParquetReaderOptions options;
    private final ObjectStoreParquetDataSource.FetchRules fetchRules;
    private final ParquetFooterCache footers = new ParquetFooterCache(FOOTER_CACHE_ENTRIES);
    /** Striped by file: a footer is fetched once even when two scans of a query plan the same file at once. */
    private static final Object[] FOOTER_LOCKS = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();
    // fetches wait on storage, not on the CPU: a virtual thread each, bounded per reader by the fetch rules
    private final ExecutorService fetchExecutor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param maxMergeDistanceBytes column chunks closer than this are fetched in one request; the gap is
     * fetched (and billed) too, so this trades requests for bytes
     */
    public ParquetFormat(ObjectStore store, long maxMergeDistanceBytes)
    {
        this.store = requireNonNull(store, "store is null");
        this.options = ParquetReaderOptions.builder()
                .withMaxMergeDistance(DataSize.ofBytes(maxMergeDistanceBytes))
                .withMaxBufferSize(DataSize.ofBytes(MAX_RANGE_BYTES))
                .withUseColumnIndex(true)
                .withBloomFilter(true)
                .build();
        this.fetchRules = new ObjectStoreParquetDataSource.FetchRules(maxMergeDistanceBytes, MAX_RANGE_BYTES, MAX_IN_FLIGHT_BYTES, MAX_IN_FLIGHT_RANGES);
    }

    /** Consecutive row groups grouped into splits of about {@code targetSplitBytes} compressed bytes each. */
    public List<ScanSplit> planSplits(StoredObject object, long targetSplitBytes, ByteMeter meter)
    {
        // planning nobody pays for (EXPLAIN) leaves the footer owed by the next query, as statistics do
        ParquetMetadata footer = meter == ByteMeter.NONE ? footerForStatistics(object) : footer(object, meter);
        return splits(object, footer, targetSplitBytes);
    }

    private static List<ScanSplit> splits(StoredObject object, ParquetMetadata footer, long targetSplitBytes)
    {
        List<BlockMetadata> rowGroups = withCorruptionReported(object, () -> footer.getBlocks());
        List<ScanSplit> splits = new ArrayList<>();
        long splitStart = 0;
        long splitBytes = 0;
        for (int i = 0; i < rowGroups.size(); i++) {
            BlockMetadata rowGroup = rowGroups.get(i);
            long rowGroupStart = rowGroup.columns().getFirst().getStartingPos();
            if (splitBytes > 0 && splitBytes + compressedSize(rowGroup) > targetSplitBytes) {
                splits.add(new ScanSplit(object.location().toString(), splitStart, rowGroupStart - splitStart, object.size()));
                splitStart = rowGroupStart;
                splitBytes = 0;
            }
            splitBytes += compressedSize(rowGroup);
        }
        if (!rowGroups.isEmpty()) {
            splits.add(new ScanSplit(object.location().toString(), splitStart, object.size() - splitStart, object.size()));
        }
        return List.copyOf(splits);
    }

    /** Rows in the file according to its footer. Fetches the footer unmetered if it is not cached. */
    public long rowCount(StoredObject object)
    {
        ParquetMetadata footer = footerForStatistics(object);
        return withCorruptionReported(object, () -> {
            long rows = 0;
            for (BlockMetadata rowGroup : footer.getBlocks()) {
                rows += rowGroup.rowCount();
            }
            return rows;
        });
    }

    /**
     * Min/max of each integer or date column over all row groups, from the footer's statistics (lower-case
     * names). Columns without statistics in some row group are left out. Decimals are left out: their
     * unscaled range says nothing about distinct values.
     */
    public Map<String, TableEstimate.ValueRange> integerRanges(StoredObject object)
    {
        ParquetMetadata footer = footerForStatistics(object);
        return withCorruptionReported(object, () -> {
            Map<String, TableEstimate.ValueRange> ranges = new HashMap<>();
            Set<String> incomplete = new HashSet<>();
            for (BlockMetadata rowGroup : footer.getBlocks()) {
                for (ColumnChunkMetadata column : rowGroup.columns()) {
                    if (column.getPath().size() != 1) {
                        continue;
                    }
                    String name = column.getPath().toDotString().toLowerCase(Locale.ROOT);
                    PrimitiveType type = column.getPrimitiveType();
                    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
                    boolean integral = (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32 || type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64)
                            && (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation || logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation);
                    Statistics<?> statistics = column.getStatistics();
                    if (!integral || statistics == null || !statistics.hasNonNullValue()) {
                        incomplete.add(name);
                        continue;
                    }
                    TableEstimate.ValueRange range = new TableEstimate.ValueRange(((Number) statistics.genericGetMin()).longValue(), ((Number) statistics.genericGetMax()).longValue());
                    ranges.merge(name, range, TableEstimate.ValueRange::union);
                }
            }
            ranges.keySet().removeAll(incomplete);
            return ranges;
        });
    }

    /**
     * What a query reading the whole file (all its splits) with these columns and predicate would fetch, found
     * from the footer without reading any data.
     *
     * @param footerBytes what the query would be billed for the footer: all of it when no query has fetched it
     * yet (8 bytes of postscript plus the metadata), nothing when a query has already paid for the cached copy
     * @param metadataBytesRead footer bytes read without billing to make this estimate (or read so for free
     * statistics and still owed by the next query)
     * @param dataBytes per split, the column chunks of the row groups whose statistics can match the predicate,
     * merged into fetches by the reader's own rules ({@link ObjectStoreParquetDataSource#plannedFetchBytes})
     * @param rowCount rows in those row groups
     */
    public record FileEstimate(long footerBytes, long metadataBytesRead, long dataBytes, int splits, long rowCount) {}

    /**
     * Estimates a file read as {@link #planSplits} and {@link #createPageSource} would do it: the same splits,
     * the same reader columns and pruning predicate ({@link #readPlan}), and a real {@link ParquetReader} built
     * over a data source that records the fetches it plans instead of making them. Row groups are pruned by
     * their statistics only; what the reader also prunes by reading dictionary pages, column indexes or bloom
     * filters (when the file has them) is counted as read, so the estimate is an upper bound for such files.
     * The footer is fetched without billing when it is not cached and cached with its bytes owed, as for free
     * statistics, so the query that then runs is billed for it as if it had fetched it itself.
     */
    public FileEstimate estimate(StoredObject object, long targetSplitBytes, List<ScanColumn> columns, TupleDomain<String> predicate)
    {
        EstimateFooter estimateFooter = footerForEstimate(object);
        ParquetMetadata footer = estimateFooter.footer();
        return withCorruptionReported(object, () -> {
            ReadPlan plan = readPlan(object, footer, columns, predicate);
            ParquetDataSourceId id = new ParquetDataSourceId(object.location().toString());
            List<ScanSplit> splits = splits(object, footer, targetSplitBytes);
            long dataBytes = 0;
            long rows = 0;
            for (ScanSplit split : splits) {
                List<RowGroupInfo> rowGroups = rowGroupsMatchingStatistics(footer, split, plan, id);
                PlanningDataSource planning = new PlanningDataSource(id, object.size(), fetchRules);
                try (ParquetReader _ = newReader(object, footer, plan, rowGroups, planning)) {
                    dataBytes += planning.plannedBytes();
                }
                for (RowGroupInfo rowGroup : rowGroups) {
                    rows += rowGroup.prunedBlockMetadata().getRowCount();
                }
            }
            return new FileEstimate(estimateFooter.billableBytes(), estimateFooter.metadataBytesRead(), dataBytes, splits.size(), rows);
        });
    }

    /**
     * The split's row groups whose statistics can match the predicate: the first test of trino-parquet's
     * {@code PredicateUtils.predicateMatches} (empty row groups never match; then the predicate against each
     * column's statistics and value count), without the tests that read the file.
     */
    private static List<RowGroupInfo> rowGroupsMatchingStatistics(ParquetMetadata footer, ScanSplit split, ReadPlan plan, ParquetDataSourceId id)
            throws IOException
    {
        List<RowGroupInfo> rowGroups = new ArrayList<>();
        for (BlockMetadata block : footer.getBlocks(split.start(), split.length())) {
            PrunedBlockMetadata columns = PrunedBlockMetadata.createPrunedColumnsMetadata(block, id, plan.descriptorsByPath());
            if (columns.getRowCount() == 0) {
                continue;
            }
            Map<ColumnDescriptor, Statistics<?>> statistics = new HashMap<>();
            Map<ColumnDescriptor, Long> valueCounts = new HashMap<>();
            for (ColumnDescriptor descriptor : plan.descriptorsByPath().values()) {
                ColumnChunkMetadata chunk = columns.getColumnChunkMetaData(descriptor);
                if (chunk.getStatistics() != null) {
                    statistics.put(descriptor, chunk.getStatistics());
                }
                valueCounts.put(descriptor, chunk.getValueCount());
            }
            if (plan.parquetPredicate().getIndexLookupCandidates(valueCounts, statistics, id).isPresent()) {
                rowGroups.add(new RowGroupInfo(columns, block.fileRowCountOffset(), Optional.empty()));
            }
        }
        return rowGroups;
    }

    private record EstimateFooter(ParquetMetadata footer, long billableBytes, long metadataBytesRead) {}

    private EstimateFooter footerForEstimate(StoredObject object)
    {
        Optional<ParquetFooterCache.CachedFooter> cached = footers.find(object);
        if (cached.isPresent()) {
            long owed = cached.get().unbilledBytes();
            return new EstimateFooter(cached.get().footer(), owed, owed);
        }
        ParquetMetadata footer = footerForStatistics(object);
        long fetched = footers.find(object).map(ParquetFooterCache.CachedFooter::unbilledBytes).orElse(0L);
        return new EstimateFooter(footer, fetched, fetched);
    }

    public PageSource createPageSource(StoredObject object, ScanSplit split, List<ScanColumn> columns, TupleDomain<String> predicate, ByteMeter meter)
    {
        ParquetDataSource dataSource = dataSource(object, meter);
        ParquetMetadata footer = footer(object, dataSource, meter);
        return withCorruptionReported(object, () -> openReader(object, footer, dataSource, split, columns, predicate));
    }

    private PageSource openReader(StoredObject object, ParquetMetadata footer, ParquetDataSource dataSource, ScanSplit split, List<ScanColumn> columns, TupleDomain<String> predicate)
            throws IOException
    {
        ReadPlan plan = readPlan(object, footer, columns, predicate);
        List<RowGroupInfo> rowGroups = getFilteredRowGroups(
                split.start(),
                split.length(),
                dataSource,
                footer,
                List.of(plan.parquetDomain()),
                List.of(plan.parquetPredicate()),
                plan.descriptorsByPath(),
                UTC,
                DOMAIN_COMPACTION_THRESHOLD,
                options);
        ParquetReader reader = newReader(object, footer, plan, rowGroups, dataSource);
        return new ParquetPageSource(reader, columns, plan.outputChannels(), exception -> translate(object, exception));
    }

    /**
     * How a file is read for some columns and a predicate, decided from its footer alone: the reader's columns
     * (one per distinct file field; {@code outputChannels} fans them out to the requested columns, -1 for a
     * column the file lacks) and the predicate over the file's columns that row groups are pruned with.
     */
    private record ReadPlan(List<Column> readerColumns, int[] outputChannels, TupleDomain<ColumnDescriptor> parquetDomain,
            TupleDomainParquetPredicate parquetPredicate, Map<List<String>, ColumnDescriptor> descriptorsByPath) {}

    private static ReadPlan readPlan(StoredObject object, ParquetMetadata footer, List<ScanColumn> columns, TupleDomain<String> predicate)
    {
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        Map<String, Type> fileFields = new HashMap<>();
        for (Type field : fileSchema.getFields()) {
            fileFields.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field);
        }

        // one reader column per distinct file field; the page source fans them out to the requested columns
        Map<String, Integer> readerChannels = new LinkedHashMap<>();
        List<Type> readFields = new ArrayList<>();
        List<io.trino.spi.type.Type> readTypes = new ArrayList<>();
        int[] outputChannels = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Type field = fileFields.get(columns.get(i).name().toLowerCase(Locale.ROOT));
            if (field == null) {
                outputChannels[i] = -1;
                continue;
            }
            Integer channel = readerChannels.get(field.getName());
            if (channel == null) {
                channel = readFields.size();
                readerChannels.put(field.getName(), channel);
                readFields.add(field);
                readTypes.add(columns.get(i).type());
            }
            else if (!readTypes.get(channel).equals(columns.get(i).type())) {
                throw new TrawlException(ErrorCode.INTERNAL_ERROR, "Column '%s' requested as both %s and %s".formatted(columns.get(i).name(), readTypes.get(channel), columns.get(i).type()));
            }
            outputChannels[i] = channel;
        }

        MessageType requestedSchema = new MessageType(fileSchema.getName(), readFields);
        MessageColumnIO messageColumn = getColumnIO(fileSchema, requestedSchema);
        List<Column> readerColumns = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int channel = outputChannels[i];
            if (channel < 0 || channel < readerColumns.size()) {
                continue;
            }
            ScanColumn column = columns.get(i);
            String fileName = readFields.get(channel).getName();
            ColumnIO columnIO = lookupColumnByName(messageColumn, fileName);
            if (columnIO.getType().isPrimitive()) {
                checkReadable(object, fileName, columnIO.getType().asPrimitiveType(), column.type());
            }
            Optional<Field> field = constructField(column.type(), columnIO);
            if (field.isEmpty()) {
                throw new TrawlException(ErrorCode.BAD_DATA, "Parquet file %s: column '%s' cannot be read as %s".formatted(object.location(), fileName, column.type()));
            }
            readerColumns.add(new Column(fileName, field.get()));
        }

        // statistics pruning may use predicate columns that are not projected
        MessageType pruningSchema = requestedSchema;
        Map<String, Domain> predicateFields = new HashMap<>();
        if (predicate.getDomains().isPresent()) {
            for (Map.Entry<String, Domain> entry : predicate.getDomains().get().entrySet()) {
                Type field = fileFields.get(entry.getKey().toLowerCase(Locale.ROOT));
                if (field != null && field.isPrimitive()) {
                    predicateFields.put(field.getName(), entry.getValue());
                    pruningSchema = pruningSchema.union(new MessageType(fileSchema.getName(), field));
                }
            }
        }
        Map<List<String>, ColumnDescriptor> descriptorsByPath = getDescriptors(fileSchema, pruningSchema);
        TupleDomain<ColumnDescriptor> parquetDomain = parquetDomain(predicate, predicateFields, descriptorsByPath);
        TupleDomainParquetPredicate parquetPredicate = buildPredicate(pruningSchema, parquetDomain, descriptorsByPath, UTC);
        return new ReadPlan(List.copyOf(readerColumns), outputChannels, parquetDomain, parquetPredicate, descriptorsByPath);
    }

    /** The reader of some row groups; it plans its fetches (one {@code planRead} of all their chunks) when built. */
    private ParquetReader newReader(StoredObject object, ParquetMetadata footer, ReadPlan plan, List<RowGroupInfo> rowGroups, ParquetDataSource dataSource)
            throws IOException
    {
        return new ParquetReader(
                Optional.ofNullable(footer.getFileMetaData().getCreatedBy()),
                plan.readerColumns(),
                false,
                rowGroups,
                dataSource,
                UTC,
                newSimpleAggregatedMemoryContext(),
                options,
                exception -> translate(object, exception),
                Optional.of(plan.parquetPredicate()),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * Refuses the combinations of stored and requested type that would not read as the value stored, as Athena
     * does ("type INT64 in parquet file ... is incompatible with type integer"): narrowing integers, numbers
     * as strings and strings as numbers. trino-parquet would narrow INT64 into an integer column silently.
     */
    private static void checkReadable(StoredObject object, String column, PrimitiveType stored, io.trino.spi.type.Type requested)
    {
        PrimitiveTypeName physical = stored.getPrimitiveTypeName();
        boolean decimalAnnotated = stored.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
        boolean readable = switch (requested) {
            case BigintType _ -> (physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.INT32) && !decimalAnnotated;
            case IntegerType _, SmallintType _, TinyintType _, DateType _ -> physical == PrimitiveTypeName.INT32 && !decimalAnnotated;
            case BooleanType _ -> physical == PrimitiveTypeName.BOOLEAN;
            case DoubleType _, RealType _ -> physical == PrimitiveTypeName.DOUBLE || physical == PrimitiveTypeName.FLOAT;
            case VarcharType _, CharType _ -> physical == PrimitiveTypeName.BINARY || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            case DecimalType _ -> decimalAnnotated || physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64;
            default -> true;
        };
        if (!readable) {
            throw new TrawlException(ErrorCode.BAD_DATA, "Parquet file %s: column '%s' is stored as %s, which cannot be read as %s".formatted(
                    object.location(), column, describe(stored), requested.getDisplayName()));
        }
    }

    private static String describe(PrimitiveType stored)
    {
        LogicalTypeAnnotation annotation = stored.getLogicalTypeAnnotation();
        return annotation == null ? stored.getPrimitiveTypeName().name() : stored.getPrimitiveTypeName() + " (" + annotation + ")";
    }

    private static TupleDomain<ColumnDescriptor> parquetDomain(TupleDomain<String> predicate, Map<String, Domain> predicateFields, Map<List<String>, ColumnDescriptor> descriptorsByPath)
    {
        if (predicate.isNone()) {
            return TupleDomain.none();
        }
        Map<ColumnDescriptor, Domain> domains = new HashMap<>();
        for (Map.Entry<String, Domain> entry : predicateFields.entrySet()) {
            ColumnDescriptor descriptor = descriptorsByPath.get(List.of(entry.getKey()));
            if (descriptor != null) {
                domains.put(descriptor, entry.getValue());
            }
        }
        return TupleDomain.withColumnDomains(domains);
    }

    private ParquetDataSource dataSource(StoredObject object, ByteMeter meter)
    {
        return new ObjectStoreParquetDataSource(new MeteredFile(store, object.location(), object.size(), meter), fetchRules, fetchExecutor);
    }

    private ParquetMetadata footer(StoredObject object, ByteMeter meter)
    {
        try (ParquetDataSource dataSource = dataSource(object, meter)) {
            return footer(object, dataSource, meter);
        }
        catch (IOException e) {
            throw translate(object, e);
        }
    }

    /** A footer for a query: fetched through the query's data source, or cached (then billed if it was not yet). */
    private ParquetMetadata footer(StoredObject object, ParquetDataSource dataSource, ByteMeter meter)
    {
        synchronized (FOOTER_LOCKS[Math.floorMod(object.location().hashCode(), FOOTER_LOCKS.length)]) {
            return footerOnce(object, dataSource, meter);
        }
    }

    private ParquetMetadata footerOnce(StoredObject object, ParquetDataSource dataSource, ByteMeter meter)
    {
        Optional<ParquetFooterCache.CachedFooter> cached = footers.find(object);
        if (cached.isPresent()) {
            meter.record(cached.get().takeUnbilledBytes());
            return cached.get().footer();
        }
        Slice footerBytes = withCorruptionReported(object, () -> readFooterBytes(object, dataSource));
        ParquetMetadata footer = parse(object, footerBytes);
        footers.putBilled(object, footer, footerBytes.getBytes());
        return footer;
    }

    /** The billed footer of a split's file, as fetched, if this provider has it: shipped with the split's scan task. */
    public Optional<byte[]> footerBytes(URI location, long size, long lastModifiedMillis)
    {
        return footers.findBilledBytes(location, size, lastModifiedMillis);
    }

    /**
     * A footer shipped with a scan task, fetched and billed by the coordinator that planned the split: reading
     * that file (this size, modified then) uses it instead of fetching and billing it again.
     */
    public void addShippedFooter(URI location, long size, long lastModifiedMillis, byte[] footerBytes)
    {
        StoredObject object = new StoredObject(location, size, java.time.Instant.ofEpochMilli(lastModifiedMillis), "");
        byte[] bytes = footerBytes.clone();
        footers.putBilled(object, parse(object, io.airlift.slice.Slices.wrappedBuffer(bytes)), bytes);
    }

    /**
     * A footer for free statistics, which have no query meter: fetched unmetered and cached with its bytes
     * owed, so the query that next plans or reads the file is billed for them (in practice the query whose
     * planning asked for the statistics).
     */
    private ParquetMetadata footerForStatistics(StoredObject object)
    {
        Optional<ParquetFooterCache.CachedFooter> cached = footers.find(object);
        if (cached.isPresent()) {
            return cached.get().footer();
        }
        try (ParquetDataSource dataSource = dataSource(object, ByteMeter.NONE)) {
            Slice footerBytes = withCorruptionReported(object, () -> readFooterBytes(object, dataSource));
            ParquetMetadata footer = parse(object, footerBytes);
            footers.putUnbilled(object, footer, footerBytes.getBytes());
            return footer;
        }
        catch (IOException e) {
            throw translate(object, e);
        }
    }

    private static ParquetMetadata parse(StoredObject object, Slice footerBytes)
    {
        return withCorruptionReported(object, () -> MetadataReader.parseFooter(new ParquetDataSourceId(object.location().toString()), object.size(), footerBytes, Optional.empty(), Optional.empty()));
    }

    /**
     * The footer and nothing else: the 8-byte postscript (metadata length and magic), then exactly the
     * metadata it announces. Two requests instead of trino-parquet's speculative 48 KB tail, so no column
     * data is fetched (and billed) with the footer and fetched again with its column chunk.
     */
    private static Slice readFooterBytes(StoredObject object, ParquetDataSource dataSource)
            throws IOException
    {
        if (object.size() < MAGIC.length() + POSTSCRIPT_BYTES) {
            throw new TrawlException(ErrorCode.BAD_DATA, "Corrupt Parquet file %s: %d bytes is too small for a Parquet file".formatted(object.location(), object.size()));
        }
        Slice postscript = dataSource.readTail(POSTSCRIPT_BYTES);
        Slice magic = postscript.slice(Integer.BYTES, MAGIC.length());
        if (!MAGIC.equals(magic)) {
            throw new TrawlException(ErrorCode.BAD_DATA, "Corrupt Parquet file %s: expected magic number PAR1 at offset %d, found %s".formatted(
                    object.location(), object.size() - MAGIC.length(), magic.toStringUtf8()));
        }
        long metadataLength = Integer.toUnsignedLong(postscript.getInt(0));
        long metadataStart = object.size() - POSTSCRIPT_BYTES - metadataLength;
        if (metadataStart < MAGIC.length() || metadataLength > MAX_FOOTER_BYTES) {
            throw new TrawlException(ErrorCode.BAD_DATA, "Corrupt Parquet file %s: footer length %d at offset %d does not fit in the file".formatted(
                    object.location(), metadataLength, object.size() - POSTSCRIPT_BYTES));
        }
        Slice metadata = dataSource.readFully(metadataStart, toIntExact(metadataLength));
        byte[] footer = new byte[toIntExact(metadataLength) + POSTSCRIPT_BYTES];
        metadata.getBytes(0, footer, 0, metadata.length());
        postscript.getBytes(0, footer, metadata.length(), POSTSCRIPT_BYTES);
        return Slices.wrappedBuffer(footer);
    }

    private static long compressedSize(BlockMetadata rowGroup)
    {
        long bytes = 0;
        for (var column : rowGroup.columns()) {
            bytes += column.getTotalSize();
        }
        return bytes;
    }

    interface IoAction<T>
    {
        T run()
                throws IOException;
    }

    private static <T> T withCorruptionReported(StoredObject object, IoAction<T> action)
    {
        try {
            return action.run();
        }
        catch (IOException | RuntimeException e) {
            throw translate(object, e);
        }
    }

    static RuntimeException translate(StoredObject object, Exception exception)
    {
        if (exception instanceof TrawlException trawlException) {
            return trawlException;
        }
        Optional<String> codec = unsupportedCodec(exception);
        if (codec.isPresent()) {
            return new TrawlException(ErrorCode.NOT_SUPPORTED, "Parquet file %s: compression codec %s is not supported (UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4 and LZO are)".formatted(object.location(), codec.get()), exception);
        }
        if (exception instanceof ParquetCorruptionException || exception instanceof EOFException) {
            return new TrawlException(ErrorCode.BAD_DATA, "Corrupt Parquet file %s: %s".formatted(object.location(), reason(exception)), exception);
        }
        if (exception instanceof TrinoException trinoException && trinoException.getErrorCode().equals(StandardErrorCode.NOT_SUPPORTED.toErrorCode())) {
            return new TrawlException(ErrorCode.BAD_DATA, "Parquet file %s: %s".formatted(object.location(), exception.getMessage()), exception);
        }
        if (exception instanceof IOException) {
            return new TrawlException(ErrorCode.STORAGE_ERROR, "Cannot read %s: %s".formatted(object.location(), exception.getMessage()), exception);
        }
        // the decoders report malformed pages as assorted runtime exceptions
        return new TrawlException(ErrorCode.BAD_DATA, "Corrupt Parquet file %s: %s".formatted(object.location(), reason(exception)), exception);
    }

    /** trino-parquet reports a codec it cannot decompress (BROTLI, LZ4_RAW) as corruption, wrapped. */
    private static Optional<String> unsupportedCodec(Throwable exception)
    {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            int at = message == null ? -1 : message.indexOf(UNSUPPORTED_CODEC);
            if (cause instanceof ParquetCorruptionException && at >= 0) {
                return Optional.of(message.substring(at + UNSUPPORTED_CODEC.length()).split("[\\s\\[]", 2)[0]);
            }
        }
        return Optional.empty();
    }

    private static String reason(Exception exception)
    {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        // trino-parquet wraps its reasons as "Malformed Parquet file. <reason> [<file>]"; the file is already named
        message = message.replaceFirst("^Malformed Parquet file\\. ", "");
        int suffix = message.lastIndexOf(" [");
        if (suffix > 0 && message.endsWith("]")) {
            message = message.substring(0, suffix);
        }
        return message;
    }
}
