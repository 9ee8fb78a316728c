package io.trawl.engine.operator;

import io.trino.spi.Page;
import io.trino.spi.connector.SortOrder;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * ORDER BY ... LIMIT n: keeps the best n rows seen so far in a bounded heap whose root is the worst kept
 * row, so each input row costs one comparison unless it enters the heap. Rows that enter are copied out
 * of their input page; the copies are compacted into one page when they hold many evicted rows, keeping
 * memory proportional to n. Output is all columns of the kept rows, sorted.
 */
public final class TopNOperator
        implements Operator
{
    private static final int OUTPUT_PAGE_ROWS = 8192;
    private static final String MEMORY_HOLDER = "top n";

    private final Operator source;
    private final List<Type> types;
    private final RowComparator comparator;
    private final long n;
    private final MemoryBudget memoryBudget;
    // kept rows as (page index << 32 | position); heap order: the worst row at index 0
    private long[] heap = new long[16];
    private int heapSize;
    private final List<Page> pages = new ArrayList<>();
    private long retainedRows;
    private long reservedBytes;
    private int[] output;
    private int nextOutput;

    /**
     * @param types the source's column types (all are output)
     * @param sortChannels the channels to sort by, most significant first
     * @param orders direction and NULL placement for each sort channel
     * @param n how many rows to keep (LIMIT)
     */
    public TopNOperator(Operator source, List<Type> types, List<Integer> sortChannels, List<SortOrder> orders, long n, MemoryBudget memoryBudget)
    {
        checkArgument(n >= 0, "n is negative");
        this.source = requireNonNull(source, "source is null");
        this.types = List.copyOf(types);
        this.comparator = new RowComparator(types, sortChannels, orders);
        this.n = n;
        this.memoryBudget = requireNonNull(memoryBudget, "memoryBudget is null");
    }

    @Override
    public Page next()
    {
        if (output == null) {
            if (n > 0) {
                for (Page page = source.next(); page != null; page = source.next()) {
                    addPage(page);
                }
            }
            if (heapSize > 0) {
                compact();
            }
            output = sortedHeap();
        }
        if (nextOutput >= output.length) {
            return null;
        }
        int length = Math.min(output.length - nextOutput, OUTPUT_PAGE_ROWS);
        Page page = pages.getFirst().copyPositions(output, nextOutput, length);
        nextOutput += length;
        return page;
    }

    private void addPage(Page page)
    {
        int positionCount = page.getPositionCount();
        int[] entering = new int[positionCount];
        int enteringCount = 0;
        // first pass only decides which rows beat the current worst; the page is copied once afterwards
        Page candidate = page;
        int pageIndex = pages.size();
        pages.add(page);
        for (int position = 0; position < positionCount; position++) {
            long address = address(pageIndex, position);
            if (heapSize < n) {
                push(address);
                entering[enteringCount++] = position;
            }
            else if (compare(address, heap[0]) < 0) {
                heap[0] = address;
                siftDown(0);
                entering[enteringCount++] = position;
            }
        }
        if (enteringCount == 0) {
            pages.remove(pageIndex);
            return;
        }
        // replace the input page by a copy of the rows that entered, renumbering their heap entries
        int[] newPosition = new int[positionCount];
        for (int i = 0; i < enteringCount; i++) {
            newPosition[entering[i]] = i;
        }
        Page copy = candidate.copyPositions(entering, 0, enteringCount);
        pages.set(pageIndex, copy);
        for (int i = 0; i < heapSize; i++) {
            if (pageIndex(heap[i]) == pageIndex) {
                heap[i] = address(pageIndex, newPosition[position(heap[i])]);
            }
        }
        retainedRows += enteringCount;
        if (retainedRows > Math.max(2L * heapSize, 4096)) {
            compact();
        }
        updateReservation();
    }

    /** Copies the kept rows into one page, dropping rows that were evicted from the heap. */
    private void compact()
    {
        int[][] positionsByPage = new int[pages.size()][];
        int[] counts = new int[pages.size()];
        for (int i = 0; i < pages.size(); i++) {
            positionsByPage[i] = new int[pages.get(i).getPositionCount()];
        }
        for (int i = 0; i < heapSize; i++) {
            int page = pageIndex(heap[i]);
            positionsByPage[page][counts[page]++] = position(heap[i]);
        }
        RowBuffer merged = new RowBuffer(types, MemoryBudget.unlimited(), MEMORY_HOLDER);
        int[] offsets = new int[pages.size()];
        int offset = 0;
        for (int i = 0; i < pages.size(); i++) {
            int[] positions = positionsByPage[i];
            Arrays.sort(positions, 0, counts[i]);
            merged.add(pages.get(i).getPositions(positions, 0, counts[i]));
            offsets[i] = offset;
            offset += counts[i];
            positionsByPage[i] = positions;
        }
        Page page = merged.build();
        for (int i = 0; i < heapSize; i++) {
            int oldPage = pageIndex(heap[i]);
            int rank = Arrays.binarySearch(positionsByPage[oldPage], 0, counts[oldPage], position(heap[i]));
            heap[i] = address(0, offsets[oldPage] + rank);
        }
        pages.clear();
        pages.add(page);
        retainedRows = page.getPositionCount();
    }

    private void updateReservation()
    {
        long bytes = heap.length * 8L;
        for (Page page : pages) {
            bytes += page.getRetainedSizeInBytes();
        }
        if (bytes > reservedBytes) {
            memoryBudget.reserve(bytes - reservedBytes, MEMORY_HOLDER);
        }
        else {
            memoryBudget.free(reservedBytes - bytes);
        }
        reservedBytes = bytes;
    }

    /** Positions in the single compacted page, best row first; empties the heap. */
    private int[] sortedHeap()
    {
        int[] sorted = new int[heapSize];
        for (int i = heapSize - 1; i >= 0; i--) {
            sorted[i] = position(heap[0]);
            heap[0] = heap[--heapSize];
            siftDown(0);
        }
        return sorted;
    }

    private void push(long address)
    {
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        int index = heapSize++;
        heap[index] = address;
        while (index > 0) {
            int parent = (index - 1) / 2;
            if (compare(heap[index], heap[parent]) <= 0) {
                return;
            }
            swap(index, parent);
            index = parent;
        }
    }

    private void siftDown(int index)
    {
        while (true) {
            int child = 2 * index + 1;
            if (child >= heapSize) {
                return;
            }
            if (child + 1 < heapSize && compare(heap[child + 1], heap[child]) > 0) {
                child++;
            }
            if (compare(heap[child], heap[index]) <= 0) {
                return;
            }
            swap(index, child);
            index = child;
        }
    }

    private void swap(int i, int j)
    {
        long temporary = heap[i];
        heap[i] = heap[j];
        heap[j] = temporary;
    }

    private int compare(long left, long right)
    {
        return comparator.compare(pages.get(pageIndex(left)), position(left), pages.get(pageIndex(right)), position(right));
    }

    private static long address(int pageIndex, int position)
    {
        return ((long) pageIndex << 32) | position;
    }

    private static int pageIndex(long address)
    {
        return (int) (address >>> 32);
    }

    private static int position(long address)
    {
        return (int) address;
    }

    @Override
    public void close()
    {
        memoryBudget.free(reservedBytes);
        reservedBytes = 0;
        source.close();
    }
}
