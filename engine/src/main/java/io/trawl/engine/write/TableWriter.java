package io.trawl.engine.write;

import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.type.Type;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Routes a write's rows to one open file per partition (and bucket), rolls to a new file once a file reaches the
 * target size, and stages every file under the target's staging root, named {@code <query id>_<n>_<uuid><ext>}
 * ({@code <bucket>_0_} in front for bucketed tables, as Hive names bucket files). Nothing it writes is visible to
 * readers: the staging root is a hidden folder, and publishing is the caller's. One thread appends; {@link #abort}
 * discards what is open, and deleting the staging root discards the rest.
 */
final class TableWriter
{
    private final WriteTarget target;
    private final FileWriterFactory writers;
    private final String queryId;
    private final long targetFileBytes;
    private final int maxPartitions;
    private final int dataColumnCount;
    private final int[] dataChannels;
    private final List<Type> partitionTypes;
    private final Map<List<String>, PartitionFiles> partitions = new LinkedHashMap<>();
    private final Set<List<String>> statementPartitions;
    private final List<StagedFile> committed = new ArrayList<>();
    private int nextFileNumber;
    private long rows;

    TableWriter(WriteTarget target, FileWriterFactory writers, String queryId, long targetFileBytes, int maxPartitions)
    {
        this(target, writers, queryId, targetFileBytes, maxPartitions, ConcurrentHashMap.newKeySet());
    }

    /**
     * @param statementPartitions the partitions every writer of the statement has opened, shared by the writers that
     *        run in parallel, so the limit counts the statement's partitions, not one writer's
     */
    TableWriter(WriteTarget target, FileWriterFactory writers, String queryId, long targetFileBytes, int maxPartitions, Set<List<String>> statementPartitions)
    {
        this.statementPartitions = requireNonNull(statementPartitions, "statementPartitions is null");
        this.target = requireNonNull(target, "target is null");
        this.writers = requireNonNull(writers, "writers is null");
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.targetFileBytes = targetFileBytes;
        this.maxPartitions = maxPartitions;
        this.dataColumnCount = target.dataColumns().size();
        this.dataChannels = new int[dataColumnCount];
        Arrays.setAll(dataChannels, channel -> channel);
        this.partitionTypes = target.partitionTypes();
    }

    void append(Page page)
    {
        int positions = page.getPositionCount();
        if (positions == 0) {
            return;
        }
        rows += positions;
        if (partitionTypes.isEmpty() && target.bucketing().isEmpty()) {
            partition(List.of()).file(0).append(page);
            return;
        }
        // route each row to its file, then hand each file its rows as one page (a counting sort by file)
        List<OpenFile> files = new ArrayList<>();
        Map<OpenFile, Integer> fileIndexes = new HashMap<>();
        int[] fileOfRow = new int[positions];
        List<String> previousValues = null;
        PartitionFiles partition = null;
        for (int position = 0; position < positions; position++) {
            List<String> values = partitionValues(page, position);
            if (!values.equals(previousValues)) {
                partition = partition(values);
                previousValues = values;
            }
            OpenFile file = partition.file(target.bucketing().isEmpty() ? 0 : target.bucketing().get().bucket(page, position));
            Integer index = fileIndexes.get(file);
            if (index == null) {
                index = files.size();
                fileIndexes.put(file, index);
                files.add(file);
            }
            fileOfRow[position] = index;
        }
        int[] starts = new int[files.size() + 1];
        for (int position = 0; position < positions; position++) {
            starts[fileOfRow[position] + 1]++;
        }
        for (int index = 0; index < files.size(); index++) {
            starts[index + 1] += starts[index];
        }
        int[] next = Arrays.copyOf(starts, files.size());
        int[] rowsByFile = new int[positions];
        for (int position = 0; position < positions; position++) {
            rowsByFile[next[fileOfRow[position]]++] = position;
        }
        for (int index = 0; index < files.size(); index++) {
            files.get(index).append(page.copyPositions(rowsByFile, starts[index], starts[index + 1] - starts[index]));
        }
    }

    long rows()
    {
        return rows;
    }

    /** Finishes every open file; returns all files written, in the order they were finished. */
    List<StagedFile> commit()
    {
        for (PartitionFiles partition : partitions.values()) {
            for (OpenFile file : partition.files) {
                if (file != null) {
                    file.commit();
                }
            }
        }
        return List.copyOf(committed);
    }

    /** Discards the files still open; files already finished stay in staging for the caller to delete. */
    void abort()
    {
        for (PartitionFiles partition : partitions.values()) {
            for (OpenFile file : partition.files) {
                if (file != null) {
                    file.abort();
                }
            }
        }
    }

    private List<String> partitionValues(Page page, int position)
    {
        if (partitionTypes.isEmpty()) {
            return List.of();
        }
        String[] values = new String[partitionTypes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = PartitionValueText.format(partitionTypes.get(i), page.getBlock(dataColumnCount + i), position);
        }
        return List.of(values);
    }

    private PartitionFiles partition(List<String> values)
    {
        PartitionFiles partition = partitions.get(values);
        if (partition != null) {
            return partition;
        }
        if (!statementPartitions.contains(values) && statementPartitions.size() >= maxPartitions) {
            // Athena's error, with our limit: https://docs.aws.amazon.com/athena/latest/ug/ctas-insert-into.html
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, ("HIVE_TOO_MANY_OPEN_PARTITIONS: Exceeded limit of %d open writers for partitions/buckets: "
                    + "a statement may write at most %d partitions; write the rest with further INSERT INTO statements").formatted(maxPartitions, maxPartitions));
        }
        statementPartitions.add(values);
        partition = new PartitionFiles(values, target.bucketing().map(HiveBucketing::bucketCount).orElse(1));
        partitions.put(values, partition);
        return partition;
    }

    private final class PartitionFiles
    {
        private final List<String> values;
        private final URI stagingFolder;
        private final URI finalFolder;
        private final OpenFile[] files;

        PartitionFiles(List<String> values, int buckets)
        {
            this.values = values;
            this.stagingFolder = target.stagingFolder(values);
            this.finalFolder = target.finalFolder().apply(values);
            this.files = new OpenFile[buckets];
        }

        OpenFile file(int bucket)
        {
            if (files[bucket] == null) {
                files[bucket] = new OpenFile(this, bucket);
            }
            return files[bucket];
        }
    }

    /** The file a partition's bucket currently writes to; it opens its next file after rolling over. */
    private final class OpenFile
    {
        private final PartitionFiles partition;
        private final int bucket;
        private FileWriter writer;
        private String fileName;

        OpenFile(PartitionFiles partition, int bucket)
        {
            this.partition = partition;
            this.bucket = bucket;
        }

        void append(Page page)
        {
            if (writer == null) {
                fileName = (target.bucketing().isPresent() ? HiveBucketing.fileNamePrefix(bucket) : "")
                        + "%s_%d_%s%s".formatted(queryId, nextFileNumber++, UUID.randomUUID(), target.extension());
                writer = writers.createWriter(target.table(), target.dataColumns(), StorageLocations.child(partition.stagingFolder, fileName));
            }
            writer.append(page.getChannelCount() == dataChannels.length ? page : page.getColumns(dataChannels));
            if (writer.writtenBytes() >= targetFileBytes) {
                commit();
            }
        }

        void commit()
        {
            if (writer == null) {
                return;
            }
            FileWriter finishing = writer;
            writer = null;
            WrittenFile written = finishing.commit();
            committed.add(new StagedFile(written.location(), StorageLocations.child(partition.finalFolder, fileName), partition.values, written.bytes(), written.rows()));
        }

        void abort()
        {
            if (writer == null) {
                return;
            }
            FileWriter aborting = writer;
            writer = null;
            try {
                aborting.abort();
            }
            catch (RuntimeException ignored) {
                // the staging root is deleted after this, which removes whatever the writer left
            }
        }
    }
}
