package io.trawl.scan.reader.parquet;

import com.google.common.collect.ListMultimap;
import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trawl.scan.meter.MeteredFile;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.parquet.ChunkReader;
import io.trino.parquet.DiskRange;
import io.trino.parquet.ParquetDataSource;
import io.trino.parquet.ParquetDataSourceId;
import io.trino.parquet.reader.ChunkedInputStream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import static java.lang.Math.toIntExact;
import static java.util.Objects.requireNonNull;

/**
 * trino-parquet's reads served by the object store, every one metered by {@link MeteredFile}.
 *
 * <p>Fetch rules (what {@link ParquetFormat} documents as the metering rule):
 * <ul>
 * <li>{@link #planRead}: the reader's ranges (column chunks, or index ranges) are sorted by offset and merged
 * when the gap between two is at most {@link FetchRules#maxMergeDistanceBytes} and the merged range is at most
 * {@link FetchRules#maxRangeBytes}; a single range longer than that is cut into pieces of that size. Each
 * merged range is fetched once, gap included.</li>
 * <li>Fetches of one plan run ahead of the reader, concurrently: when a range is first needed, it and the
 * following unfetched ranges of the plan are submitted, up to {@link FetchRules#maxInFlightBytes} of
 * fetched-but-unconsumed data, so storage latency overlaps. Readahead never fetches outside the plan, so it
 * changes when bytes are fetched, not which.</li>
 * <li>{@link #readFully} and {@link #readTail} fetch exactly what is asked. What {@link #readFully} fetched
 * (the dictionary pages read for pruning) is kept, up to 16 MB, and later plans take those bytes from memory
 * instead of fetching them again.</li>
 * </ul>
 * Closing waits for fetches in flight, so a query's byte count is final once its readers are closed.
 */
final class ObjectStoreParquetDataSource
        implements ParquetDataSource
{
    /**
     * @param maxMergeDistanceBytes ranges whose gap is at most this are fetched as one (the gap included)
     * @param maxRangeBytes no fetch is longer than this; longer column chunks are fetched in pieces
     * @param maxInFlightBytes readahead stops while this many fetched-but-unconsumed bytes are held
     * @param maxInFlightRanges readahead stops while this many ranges are held
     */
    record FetchRules(long maxMergeDistanceBytes, int maxRangeBytes, long maxInFlightBytes, int maxInFlightRanges)
    {
        FetchRules
        {
            if (maxMergeDistanceBytes < 0 || maxRangeBytes <= 0 || maxInFlightBytes <= 0 || maxInFlightRanges <= 0) {
                throw new IllegalArgumentException("invalid fetch rules: %d, %d, %d, %d".formatted(maxMergeDistanceBytes, maxRangeBytes, maxInFlightBytes, maxInFlightRanges));
            }
        }
    }

    private static final long MAX_RETAINED_BYTES = 16L * 1024 * 1024;

    private final MeteredFile file;
    private final ParquetDataSourceId id;
    private final FetchRules rules;
    private final Executor fetchExecutor;
    private final List<Plan> plans = new ArrayList<>();
    private final List<Retained> retained = new ArrayList<>();
    private long retainedBytes;
    private long readBytes;
    private long readTimeNanos;

    ObjectStoreParquetDataSource(MeteredFile file, FetchRules rules, Executor fetchExecutor)
    {
        this.file = requireNonNull(file, "file is null");
        this.id = new ParquetDataSourceId(file.location().toString());
        this.rules = requireNonNull(rules, "rules is null");
        this.fetchExecutor = requireNonNull(fetchExecutor, "fetchExecutor is null");
    }

    @Override
    public ParquetDataSourceId getId()
    {
        return id;
    }

    @Override
    public synchronized long getReadBytes()
    {
        return readBytes;
    }

    @Override
    public synchronized long getReadTimeNanos()
    {
        return readTimeNanos;
    }

    @Override
    public long getEstimatedSize()
    {
        return file.size();
    }

    @Override
    public Slice readTail(int length)
            throws IOException
    {
        int tail = toIntExact(Math.min(length, file.size()));
        return readFully(file.size() - tail, tail);
    }

    /** Fetches exactly the range; the bytes are kept (up to a cap) so a later plan does not fetch them again. */
    @Override
    public Slice readFully(long position, int length)
            throws IOException
    {
        byte[] buffer = new byte[length];
        fetch(position, buffer);
        synchronized (this) {
            if (retainedBytes + length <= MAX_RETAINED_BYTES) {
                retained.add(new Retained(position, buffer));
                retained.sort(Comparator.comparingLong(Retained::offset));
                retainedBytes += length;
            }
        }
        return Slices.wrappedBuffer(buffer);
    }

    /** Bytes fetched by an exact read; overlapping retained reads do not occur (each is fetched once). */
    private record Retained(long offset, byte[] data)
    {
        long end()
        {
            return offset + data.length;
        }
    }

    private void fetch(long position, byte[] buffer)
            throws IOException
    {
        long start = System.nanoTime();
        file.readFully(position, buffer, 0, buffer.length);
        synchronized (this) {
            readTimeNanos += System.nanoTime() - start;
            readBytes += buffer.length;
        }
    }

    @Override
    public <K> Map<K, ChunkedInputStream> planRead(ListMultimap<K, DiskRange> diskRanges, AggregatedMemoryContext memoryContext)
    {
        requireNonNull(diskRanges, "diskRanges is null");
        if (diskRanges.isEmpty()) {
            return Map.of();
        }
        Plan plan;
        synchronized (this) {
            plan = new Plan(mergeRanges(diskRanges.values(), rules), disjoint(retained));
            plans.add(plan);
        }
        Map<K, List<ChunkReader>> chunks = new LinkedHashMap<>();
        for (Map.Entry<K, DiskRange> entry : diskRanges.entries()) {
            DiskRange range = entry.getValue();
            List<ChunkReader> readers = chunks.computeIfAbsent(entry.getKey(), _ -> new ArrayList<>());
            for (DiskRange piece : cut(range, rules.maxRangeBytes())) {
                readers.add(plan.reader(piece));
            }
        }
        Map<K, ChunkedInputStream> streams = new HashMap<>();
        for (Map.Entry<K, List<ChunkReader>> entry : chunks.entrySet()) {
            List<ChunkReader> readers = entry.getValue();
            readers.sort(Comparator.comparingLong(ChunkReader::getDiskOffset));
            streams.put(entry.getKey(), new ChunkedInputStream(readers));
        }
        return streams;
    }

    @Override
    public void close()
            throws IOException
    {
        List<Plan> open;
        synchronized (this) {
            open = List.copyOf(plans);
            plans.clear();
        }
        for (Plan plan : open) {
            plan.awaitInFlight();
        }
    }

    /** Retained reads, dropping any that overlap an earlier one, so each byte has one source. */
    private static List<Retained> disjoint(List<Retained> sorted)
    {
        List<Retained> disjoint = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (Retained held : sorted) {
            if (held.offset() >= end) {
                disjoint.add(held);
                end = held.end();
            }
        }
        return disjoint;
    }

    /**
     * The bytes {@link #planRead} fetches for these ranges when this data source holds none of them from
     * earlier exact reads: the merged ranges, gaps included. Estimates use it, so they count what a read fetches.
     */
    static long plannedFetchBytes(Collection<DiskRange> ranges, FetchRules rules)
    {
        if (ranges.isEmpty()) {
            return 0;
        }
        long bytes = 0;
        for (DiskRange range : mergeRanges(ranges, rules)) {
            bytes += range.length();
        }
        return bytes;
    }

    /** The ranges fetched for a plan: sorted, merged across gaps up to the merge distance, cut to the size cap. */
    static List<DiskRange> mergeRanges(Collection<DiskRange> ranges, FetchRules rules)
    {
        List<DiskRange> pieces = new ArrayList<>();
        for (DiskRange range : ranges) {
            pieces.addAll(cut(range, rules.maxRangeBytes()));
        }
        pieces.sort(Comparator.comparingLong(DiskRange::offset));
        List<DiskRange> merged = new ArrayList<>();
        DiskRange last = pieces.getFirst();
        for (int i = 1; i < pieces.size(); i++) {
            DiskRange current = pieces.get(i);
            long end = Math.max(last.end(), current.end());
            if (current.offset() <= last.end() + rules.maxMergeDistanceBytes() && end - last.offset() <= rules.maxRangeBytes()) {
                last = new DiskRange(last.offset(), end - last.offset());
            }
            else {
                merged.add(last);
                last = current;
            }
        }
        merged.add(last);
        return merged;
    }

    private static List<DiskRange> cut(DiskRange range, int maxRangeBytes)
    {
        if (range.length() <= maxRangeBytes) {
            return List.of(range);
        }
        List<DiskRange> pieces = new ArrayList<>();
        for (long offset = range.offset(); offset < range.end(); offset += maxRangeBytes) {
            pieces.add(new DiskRange(offset, Math.min(maxRangeBytes, range.end() - offset)));
        }
        return pieces;
    }

    /**
     * The fetches of one {@link #planRead} call: the merged ranges less the bytes this data source already
     * holds from earlier exact reads (a dictionary page read for pruning is not fetched again with its column
     * chunk). A fetch starts on first need (or ahead of it) and is dropped once every chunk reader that uses
     * it has been freed.
     */
    private final class Plan
    {
        private final List<Source> sources;
        private final List<DiskRange> fetchRanges;
        private final CompletableFuture<byte[]>[] fetches;
        private final int[] references;
        private long inFlightBytes;
        private int inFlightRanges;
        private int nextToSubmit;

        /** Bytes at [offset, offset + length): held already ({@code data}) or the fetch {@code fetchIndex}. */
        private record Source(long offset, long length, byte[] data, int fetchIndex)
        {
            long end()
            {
                return offset + length;
            }
        }

        @SuppressWarnings("unchecked")
        Plan(List<DiskRange> mergedRanges, List<Retained> retained)
        {
            List<Source> sources = new ArrayList<>();
            List<DiskRange> fetchRanges = new ArrayList<>();
            for (DiskRange range : mergedRanges) {
                long position = range.offset();
                for (Retained held : retained) {
                    if (held.end() <= position || held.offset() >= range.end()) {
                        continue;
                    }
                    if (held.offset() > position) {
                        sources.add(new Source(position, held.offset() - position, null, fetchRanges.size()));
                        fetchRanges.add(new DiskRange(position, held.offset() - position));
                        position = held.offset();
                    }
                    long end = Math.min(held.end(), range.end());
                    byte[] bytes = java.util.Arrays.copyOfRange(held.data(), toIntExact(position - held.offset()), toIntExact(end - held.offset()));
                    sources.add(new Source(position, end - position, bytes, -1));
                    position = end;
                }
                if (position < range.end()) {
                    sources.add(new Source(position, range.end() - position, null, fetchRanges.size()));
                    fetchRanges.add(new DiskRange(position, range.end() - position));
                }
            }
            this.sources = List.copyOf(sources);
            this.fetchRanges = List.copyOf(fetchRanges);
            this.fetches = new CompletableFuture[fetchRanges.size()];
            this.references = new int[fetchRanges.size()];
        }

        ChunkReader reader(DiskRange piece)
        {
            List<Source> parts = sourcesOf(piece);
            synchronized (this) {
                for (Source part : parts) {
                    if (part.data() == null) {
                        references[part.fetchIndex()]++;
                    }
                }
            }
            return new ChunkReader()
            {
                private boolean freed;

                @Override
                public long getDiskOffset()
                {
                    return piece.offset();
                }

                @Override
                public Slice read()
                        throws IOException
                {
                    if (parts.size() == 1) {
                        Source part = parts.getFirst();
                        return Slices.wrappedBuffer(bytes(part), toIntExact(piece.offset() - part.offset()), toIntExact(piece.length()));
                    }
                    byte[] assembled = new byte[toIntExact(piece.length())];
                    for (Source part : parts) {
                        long from = Math.max(part.offset(), piece.offset());
                        long to = Math.min(part.end(), piece.end());
                        System.arraycopy(bytes(part), toIntExact(from - part.offset()), assembled, toIntExact(from - piece.offset()), toIntExact(to - from));
                    }
                    return Slices.wrappedBuffer(assembled);
                }

                @Override
                public void free()
                {
                    if (!freed) {
                        freed = true;
                        for (Source part : parts) {
                            if (part.data() == null) {
                                release(part.fetchIndex());
                            }
                        }
                    }
                }
            };
        }

        private List<Source> sourcesOf(DiskRange piece)
        {
            int low = 0;
            int high = sources.size() - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (sources.get(middle).end() <= piece.offset()) {
                    low = middle + 1;
                }
                else {
                    high = middle;
                }
            }
            List<Source> parts = new ArrayList<>();
            for (int i = low; i < sources.size() && sources.get(i).offset() < piece.end(); i++) {
                parts.add(sources.get(i));
            }
            long covered = 0;
            for (Source part : parts) {
                covered += Math.min(part.end(), piece.end()) - Math.max(part.offset(), piece.offset());
            }
            if (covered != piece.length()) {
                throw new IllegalStateException("range " + piece + " is not in the plan");
            }
            return parts;
        }

        private byte[] bytes(Source part)
                throws IOException
        {
            return part.data() != null ? part.data() : await(part.fetchIndex());
        }

        private byte[] await(int index)
                throws IOException
        {
            CompletableFuture<byte[]> fetch = submitThrough(index);
            try {
                return fetch.get();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + id);
            }
            catch (ExecutionException e) {
                if (e.getCause() instanceof UncheckedIOException unchecked) {
                    throw unchecked.getCause();
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(e.getCause());
            }
        }

        /** Submits the fetch needed now, then the next unstarted fetches while the in-flight caps allow. */
        private synchronized CompletableFuture<byte[]> submitThrough(int index)
        {
            if (fetches[index] == null) {
                submit(index);
            }
            while (nextToSubmit < fetchRanges.size() && (fetches[nextToSubmit] != null || mayRunAhead(fetchRanges.get(nextToSubmit)))) {
                if (fetches[nextToSubmit] == null) {
                    submit(nextToSubmit);
                }
                nextToSubmit++;
            }
            return fetches[index];
        }

        private boolean mayRunAhead(DiskRange range)
        {
            return inFlightBytes + range.length() <= rules.maxInFlightBytes() && inFlightRanges < rules.maxInFlightRanges();
        }

        private void submit(int index)
        {
            DiskRange range = fetchRanges.get(index);
            inFlightBytes += range.length();
            inFlightRanges++;
            fetches[index] = CompletableFuture.supplyAsync(() -> {
                byte[] buffer = new byte[toIntExact(range.length())];
                try {
                    fetch(range.offset(), buffer);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return buffer;
            }, fetchExecutor);
        }

        private synchronized void release(int index)
        {
            references[index]--;
            if (references[index] == 0 && fetches[index] != null) {
                // slices handed out keep their bytes alive; the plan only stops holding them
                inFlightBytes -= fetchRanges.get(index).length();
                inFlightRanges--;
                fetches[index] = CompletableFuture.completedFuture(null);
            }
        }

        void awaitInFlight()
        {
            List<CompletableFuture<byte[]>> pending = new ArrayList<>();
            synchronized (this) {
                for (CompletableFuture<byte[]> fetch : fetches) {
                    if (fetch != null) {
                        pending.add(fetch);
                    }
                }
            }
            for (CompletableFuture<byte[]> fetch : pending) {
                try {
                    fetch.join();
                }
                catch (RuntimeException ignored) {
                    // a readahead that failed and that nobody waited for fails nothing: its bytes never arrived
                }
            }
        }
    }
}
