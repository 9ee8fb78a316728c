package io.trawl.engine.operator.window;

import io.trawl.engine.operator.MemoryBudget;
import io.trawl.engine.operator.Operator;
import io.trawl.engine.operator.RowBuffer;
import io.trawl.engine.operator.RowComparator;
import io.trawl.engine.operator.ValueOperations;
import io.trawl.engine.operator.aggregate.Accumulator;
import io.trawl.engine.operator.aggregate.AggregateCall;
import io.trawl.engine.operator.window.Frame.Bound;
import io.trawl.engine.operator.window.Frame.BoundType;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.connector.SortOrder;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;

import static com.google.common.base.Preconditions.checkArgument;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.RealType.REAL;
import static java.util.Objects.requireNonNull;

/**
 * Window functions: buffers the whole input (reserved in the memory budget), sorts it by partition
 * channels then ORDER BY channels, and emits the input columns followed by one column per
 * {@link WindowFunctionCall}, in that sorted order.
 * <p>
 * Rows with equal partition values (NULL equal to NULL) form a partition; rows of a partition with equal
 * ORDER BY values are peers (without ORDER BY all rows of a partition are peers). Ranking functions follow
 * Trino: rank counts rows before the peer group, percent_rank is (rank - 1) / (rows - 1), cume_dist is
 * (rows up to the last peer) / rows, ntile spreads the remainder over the first buckets. lag/lead ignore
 * the frame; first_value, last_value, nth_value and the aggregates use it.
 * <p>
 * Frame aggregates starting at UNBOUNDED PRECEDING are computed incrementally (one accumulator slot per
 * partition fed row by row), frames ending at UNBOUNDED FOLLOWING likewise from the end; other frames
 * are recomputed per row, costing rows × frame width. RANGE with {@code n PRECEDING/FOLLOWING} needs one
 * numeric ORDER BY key (integer types, double, real, decimal), compares its values as doubles, and gives a
 * row whose key is NULL its NULL peer group as frame; date/timestamp keys with interval offsets are not
 * supported.
 */
public final class WindowOperator
        implements Operator
{
    private static final int OUTPUT_PAGE_ROWS = 8192;
    private static final String MEMORY_HOLDER = "window";

    private final Operator source;
    private final List<Type> types;
    private final int[] partitionChannels;
    private final int[] orderChannels;
    private final List<SortOrder> orders;
    private final List<WindowFunctionCall> functions;
    private final MemoryBudget memoryBudget;
    private final RowComparator sortComparator;
    private final ValueOperations[] partitionOperations;
    private final ValueOperations[] orderOperations;
    private final RowBuffer buffer;
    private long outputBytesReserved;

    private Page sorted;
    private int[] order;
    private Block[] windowBlocks;
    private int nextPosition;

    /**
     * @param source the input
     * @param types the source's column types (all are output, followed by the window columns)
     * @param partitionChannels PARTITION BY channels (empty: one partition)
     * @param orderChannels ORDER BY channels (empty: all rows of a partition are peers)
     * @param orders direction and NULL placement per ORDER BY channel
     * @param functions the window functions, one output column each
     * @param memoryBudget where the buffered input and results are reserved
     */
    public WindowOperator(Operator source, List<Type> types, List<Integer> partitionChannels, List<Integer> orderChannels, List<SortOrder> orders,
            List<WindowFunctionCall> functions, MemoryBudget memoryBudget)
    {
        this.source = requireNonNull(source, "source is null");
        this.types = List.copyOf(types);
        checkArgument(orderChannels.size() == orders.size(), "orderChannels and orders differ in size");
        this.partitionChannels = partitionChannels.stream().mapToInt(Integer::intValue).toArray();
        this.orderChannels = orderChannels.stream().mapToInt(Integer::intValue).toArray();
        this.orders = List.copyOf(orders);
        this.functions = List.copyOf(functions);
        this.memoryBudget = requireNonNull(memoryBudget, "memoryBudget is null");
        for (WindowFunctionCall function : this.functions) {
            checkRangeOffsets(function.frame());
        }

        List<Integer> sortChannels = new ArrayList<>(partitionChannels);
        sortChannels.addAll(orderChannels);
        List<SortOrder> sortOrders = new ArrayList<>();
        partitionChannels.forEach(_ -> sortOrders.add(SortOrder.ASC_NULLS_FIRST));
        sortOrders.addAll(orders);
        this.sortComparator = new RowComparator(this.types, sortChannels, sortOrders);
        this.partitionOperations = operationsFor(this.partitionChannels);
        this.orderOperations = operationsFor(this.orderChannels);
        this.buffer = new RowBuffer(this.types, memoryBudget, MEMORY_HOLDER);
    }

    private ValueOperations[] operationsFor(int[] channels)
    {
        ValueOperations[] operations = new ValueOperations[channels.length];
        for (int i = 0; i < channels.length; i++) {
            operations[i] = ValueOperations.forType(types.get(channels[i]));
        }
        return operations;
    }

    private void checkRangeOffsets(Frame frame)
    {
        if (frame.unit() != Frame.Unit.RANGE || !(hasOffset(frame.start()) || hasOffset(frame.end()))) {
            return;
        }
        if (orderChannels.length != 1 || !isNumeric(types.get(orderChannels[0]))) {
            throw new TrawlException(ErrorCode.NOT_SUPPORTED, "Window frame of RANGE type with offset PRECEDING or FOLLOWING requires a single numeric ORDER BY key");
        }
    }

    private static boolean hasOffset(Bound bound)
    {
        return bound.type() == BoundType.PRECEDING || bound.type() == BoundType.FOLLOWING;
    }

    private static boolean isNumeric(Type type)
    {
        return type instanceof DecimalType || type.equals(DOUBLE) || type.equals(REAL)
                || type.equals(BIGINT) || type.equals(io.trino.spi.type.IntegerType.INTEGER)
                || type.equals(io.trino.spi.type.SmallintType.SMALLINT) || type.equals(io.trino.spi.type.TinyintType.TINYINT);
    }

    @Override
    public Page next()
    {
        if (sorted == null) {
            for (Page page = source.next(); page != null; page = source.next()) {
                buffer.add(page);
            }
            sorted = buffer.build();
            order = sortComparator.sortedPositions(sorted);
            computeWindowColumns();
        }
        if (nextPosition >= order.length) {
            return null;
        }
        int length = Math.min(OUTPUT_PAGE_ROWS, order.length - nextPosition);
        Block[] blocks = new Block[types.size() + windowBlocks.length];
        for (int channel = 0; channel < types.size(); channel++) {
            blocks[channel] = sorted.getBlock(channel).copyPositions(order, nextPosition, length);
        }
        for (int i = 0; i < windowBlocks.length; i++) {
            blocks[types.size() + i] = windowBlocks[i].getRegion(nextPosition, length);
        }
        nextPosition += length;
        return new Page(length, blocks);
    }

    private void computeWindowColumns()
    {
        int rowCount = order.length;
        BlockBuilder[] builders = new BlockBuilder[functions.size()];
        Accumulator[] accumulators = new Accumulator[functions.size()];
        for (int i = 0; i < builders.length; i++) {
            builders[i] = functions.get(i).outputType().createBlockBuilder(null, rowCount);
            accumulators[i] = functions.get(i).aggregate().map(Accumulator::create).orElse(null);
        }
        int[] peerStart = new int[rowCount];
        int[] peerEnd = new int[rowCount];
        long[] denseRank = new long[rowCount];
        int[] frameStart = new int[rowCount];
        int[] frameEnd = new int[rowCount];
        PartitionState state = new PartitionState();
        int partitionStart = 0;
        while (partitionStart < rowCount) {
            int partitionEnd = partitionStart + 1;
            while (partitionEnd < rowCount && samePartition(order[partitionStart], order[partitionEnd])) {
                partitionEnd++;
            }
            computePeers(partitionStart, partitionEnd, peerStart, peerEnd, denseRank);
            for (int i = 0; i < functions.size(); i++) {
                WindowFunctionCall function = functions.get(i);
                if (usesFrame(function.kind())) {
                    computeFrames(function.frame(), partitionStart, partitionEnd, peerStart, peerEnd, frameStart, frameEnd);
                }
                state.partitionStart = partitionStart;
                state.partitionEnd = partitionEnd;
                evaluate(function, accumulators[i], builders[i], state, peerStart, peerEnd, denseRank, frameStart, frameEnd);
            }
            partitionStart = partitionEnd;
        }
        windowBlocks = new Block[builders.length];
        long bytes = 0;
        for (int i = 0; i < builders.length; i++) {
            windowBlocks[i] = builders[i].build();
            bytes += windowBlocks[i].getRetainedSizeInBytes();
        }
        for (Accumulator accumulator : accumulators) {
            if (accumulator != null) {
                bytes += accumulator.retainedBytes();
            }
        }
        memoryBudget.reserve(bytes, MEMORY_HOLDER);
        outputBytesReserved = bytes;
    }

    /** Bounds of the partition being evaluated, in sorted row indexes, and a counter of accumulator slots. */
    private static final class PartitionState
    {
        int partitionStart;
        int partitionEnd;
        int nextGroup;
    }

    private static boolean usesFrame(WindowFunctionCall.Kind kind)
    {
        return switch (kind) {
            case FIRST_VALUE, LAST_VALUE, NTH_VALUE, AGGREGATE -> true;
            default -> false;
        };
    }

    private boolean samePartition(int left, int right)
    {
        for (int i = 0; i < partitionChannels.length; i++) {
            Block block = sorted.getBlock(partitionChannels[i]);
            if (!partitionOperations[i].equal(block, left, block, right)) {
                return false;
            }
        }
        return true;
    }

    private boolean peers(int left, int right)
    {
        for (int i = 0; i < orderChannels.length; i++) {
            Block block = sorted.getBlock(orderChannels[i]);
            if (!orderOperations[i].equal(block, left, block, right)) {
                return false;
            }
        }
        return true;
    }

    private void computePeers(int partitionStart, int partitionEnd, int[] peerStart, int[] peerEnd, long[] denseRank)
    {
        long rank = 0;
        for (int i = partitionStart; i < partitionEnd; i++) {
            if (i == partitionStart || !peers(order[i - 1], order[i])) {
                peerStart[i] = i;
                rank++;
            }
            else {
                peerStart[i] = peerStart[i - 1];
            }
            denseRank[i] = rank;
        }
        for (int i = partitionEnd - 1; i >= partitionStart; i--) {
            peerEnd[i] = (i == partitionEnd - 1 || peerStart[i + 1] != peerStart[i]) ? i + 1 : peerEnd[i + 1];
        }
    }

    /** Fills inclusive frame bounds per row; an empty frame has start greater than end. */
    private void computeFrames(Frame frame, int partitionStart, int partitionEnd, int[] peerStart, int[] peerEnd, int[] frameStart, int[] frameEnd)
    {
        RangeKeys rangeKeys = frame.unit() == Frame.Unit.RANGE && (hasOffset(frame.start()) || hasOffset(frame.end()))
                ? new RangeKeys(partitionStart, partitionEnd)
                : null;
        for (int i = partitionStart; i < partitionEnd; i++) {
            int start = bound(frame, frame.start(), true, i, partitionStart, partitionEnd, peerStart, peerEnd, rangeKeys);
            int end = bound(frame, frame.end(), false, i, partitionStart, partitionEnd, peerStart, peerEnd, rangeKeys);
            frameStart[i] = Math.max(start, partitionStart);
            frameEnd[i] = Math.min(end, partitionEnd - 1);
        }
    }

    private int bound(Frame frame, Bound bound, boolean isStart, int row, int partitionStart, int partitionEnd, int[] peerStart, int[] peerEnd, RangeKeys rangeKeys)
    {
        boolean rows = frame.unit() == Frame.Unit.ROWS;
        return switch (bound.type()) {
            case UNBOUNDED_PRECEDING -> partitionStart;
            case UNBOUNDED_FOLLOWING -> partitionEnd - 1;
            case CURRENT_ROW -> rows ? row : (isStart ? peerStart[row] : peerEnd[row] - 1);
            case PRECEDING -> rows
                    ? (int) Math.max((long) row - bound.offset(), Integer.MIN_VALUE / 2)
                    : rangeKeys.bound(row, -bound.offset(), isStart, peerStart, peerEnd);
            case FOLLOWING -> rows
                    ? (int) Math.min((long) row + bound.offset(), Integer.MAX_VALUE / 2)
                    : rangeKeys.bound(row, bound.offset(), isStart, peerStart, peerEnd);
        };
    }

    /**
     * The partition's ORDER BY values as doubles, negated for descending order so they always ascend;
     * rows with a NULL key are outside [nonNullStart, nonNullEnd).
     */
    private final class RangeKeys
    {
        private final int nonNullStart;
        private final int nonNullEnd;
        private final double[] keys;
        private final int base;

        RangeKeys(int partitionStart, int partitionEnd)
        {
            int channel = orderChannels[0];
            Type type = types.get(channel);
            Block block = sorted.getBlock(channel);
            boolean descending = !orders.getFirst().isAscending();
            base = partitionStart;
            keys = new double[partitionEnd - partitionStart];
            int first = -1;
            int last = -1;
            for (int i = partitionStart; i < partitionEnd; i++) {
                int position = order[i];
                if (block.isNull(position)) {
                    continue;
                }
                if (first < 0) {
                    first = i;
                }
                last = i;
                double value = readDouble(type, block, position);
                keys[i - partitionStart] = descending ? -value : value;
            }
            nonNullStart = first < 0 ? partitionStart : first;
            nonNullEnd = first < 0 ? partitionStart : last + 1;
        }

        /** Frame bound for a key offset (negative = PRECEDING) from the current row's key. */
        int bound(int row, long signedOffset, boolean isStart, int[] peerStart, int[] peerEnd)
        {
            if (row < nonNullStart || row >= nonNullEnd) {
                return isStart ? peerStart[row] : peerEnd[row] - 1;
            }
            double target = keys[row - base] + signedOffset;
            if (isStart) {
                // first row whose key is at least the target
                int low = nonNullStart;
                int high = nonNullEnd;
                while (low < high) {
                    int middle = (low + high) >>> 1;
                    if (keys[middle - base] < target) {
                        low = middle + 1;
                    }
                    else {
                        high = middle;
                    }
                }
                return low;
            }
            // last row whose key is at most the target
            int low = nonNullStart;
            int high = nonNullEnd;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (keys[middle - base] <= target) {
                    low = middle + 1;
                }
                else {
                    high = middle;
                }
            }
            return low - 1;
        }
    }

    private static double readDouble(Type type, Block block, int position)
    {
        if (type.equals(REAL)) {
            return Float.intBitsToFloat((int) type.getLong(block, position));
        }
        if (type.getJavaType() == double.class) {
            return type.getDouble(block, position);
        }
        if (type instanceof DecimalType decimal) {
            if (decimal.isShort()) {
                return type.getLong(block, position) / Math.pow(10, decimal.getScale());
            }
            return new java.math.BigDecimal(((Int128) type.getObject(block, position)).toBigInteger(), decimal.getScale()).doubleValue();
        }
        return type.getLong(block, position);
    }

    private void evaluate(WindowFunctionCall function, Accumulator accumulator, BlockBuilder out, PartitionState state,
            int[] peerStart, int[] peerEnd, long[] denseRank, int[] frameStart, int[] frameEnd)
    {
        int partitionStart = state.partitionStart;
        int partitionEnd = state.partitionEnd;
        long rowCount = partitionEnd - partitionStart;
        List<Integer> arguments = function.argumentChannels();
        for (int i = partitionStart; i < partitionEnd && function.kind() != WindowFunctionCall.Kind.AGGREGATE; i++) {
            int position = order[i];
            switch (function.kind()) {
                case ROW_NUMBER -> BIGINT.writeLong(out, i - partitionStart + 1);
                case RANK -> BIGINT.writeLong(out, peerStart[i] - partitionStart + 1);
                case DENSE_RANK -> BIGINT.writeLong(out, denseRank[i]);
                case PERCENT_RANK -> DOUBLE.writeDouble(out, rowCount == 1 ? 0.0 : (double) (peerStart[i] - partitionStart) / (rowCount - 1));
                case CUME_DIST -> DOUBLE.writeDouble(out, (double) (peerEnd[i] - partitionStart) / rowCount);
                case NTILE -> writeNtile(out, arguments.getFirst(), position, i - partitionStart, rowCount);
                case LAG, LEAD -> writeLagLead(function, out, i, partitionStart, partitionEnd);
                case FIRST_VALUE -> writeValueOrNull(out, arguments.getFirst(), frameStart[i] <= frameEnd[i] ? frameStart[i] : -1);
                case LAST_VALUE -> writeValueOrNull(out, arguments.getFirst(), frameStart[i] <= frameEnd[i] ? frameEnd[i] : -1);
                case NTH_VALUE -> writeNthValue(out, arguments, position, frameStart[i], frameEnd[i]);
                case AGGREGATE -> throw new IllegalStateException("unreachable");
            }
        }
        if (function.kind() == WindowFunctionCall.Kind.AGGREGATE) {
            evaluateAggregate(function.aggregate().orElseThrow(), function.frame(), accumulator, out, state, frameStart, frameEnd);
        }
    }

    private void writeNtile(BlockBuilder out, int bucketsChannel, int position, long rowIndex, long rowCount)
    {
        Block bucketsBlock = sorted.getBlock(bucketsChannel);
        if (bucketsBlock.isNull(position)) {
            out.appendNull();
            return;
        }
        long buckets = types.get(bucketsChannel).getLong(bucketsBlock, position);
        if (buckets <= 0) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Buckets must be greater than 0");
        }
        // Trino's NTileFunction: the first (rows % buckets) buckets get one extra row
        if (buckets > rowCount) {
            BIGINT.writeLong(out, rowIndex + 1);
            return;
        }
        long rowsPerBucket = rowCount / buckets;
        long remainderRows = rowCount % buckets;
        long rowsInLargeBuckets = remainderRows * (rowsPerBucket + 1);
        long bucket = rowIndex < rowsInLargeBuckets
                ? rowIndex / (rowsPerBucket + 1) + 1
                : (rowIndex - rowsInLargeBuckets) / rowsPerBucket + remainderRows + 1;
        BIGINT.writeLong(out, bucket);
    }

    private void writeLagLead(WindowFunctionCall function, BlockBuilder out, int row, int partitionStart, int partitionEnd)
    {
        List<Integer> arguments = function.argumentChannels();
        int position = order[row];
        long offset = 1;
        if (arguments.size() > 1) {
            Block offsetBlock = sorted.getBlock(arguments.get(1));
            if (offsetBlock.isNull(position)) {
                out.appendNull();
                return;
            }
            offset = types.get(arguments.get(1)).getLong(offsetBlock, position);
            if (offset < 0) {
                throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Offset must be at least 0");
            }
        }
        long target = function.kind() == WindowFunctionCall.Kind.LAG ? row - offset : row + offset;
        if (target >= partitionStart && target < partitionEnd) {
            appendValue(out, sorted.getBlock(arguments.getFirst()), order[(int) target]);
        }
        else if (arguments.size() > 2) {
            appendValue(out, sorted.getBlock(arguments.get(2)), position);
        }
        else {
            out.appendNull();
        }
    }

    private void writeNthValue(BlockBuilder out, List<Integer> arguments, int position, int start, int end)
    {
        Block nBlock = sorted.getBlock(arguments.get(1));
        if (nBlock.isNull(position)) {
            out.appendNull();
            return;
        }
        long n = types.get(arguments.get(1)).getLong(nBlock, position);
        if (n <= 0) {
            throw new TrawlException(ErrorCode.INVALID_ARGUMENT, "Invalid offset for nth_value: %d (must be at least 1)".formatted(n));
        }
        long target = start + n - 1;
        writeValueOrNull(out, arguments.getFirst(), start <= end && target <= end ? (int) target : -1);
    }

    private void writeValueOrNull(BlockBuilder out, int channel, int sortedRow)
    {
        if (sortedRow < 0) {
            out.appendNull();
        }
        else {
            appendValue(out, sorted.getBlock(channel), order[sortedRow]);
        }
    }

    private static void appendValue(BlockBuilder out, Block block, int position)
    {
        out.append(block.getUnderlyingValueBlock(), block.getUnderlyingValuePosition(position));
    }

    private void evaluateAggregate(AggregateCall call, Frame frame, Accumulator accumulator, BlockBuilder out, PartitionState state, int[] frameStart, int[] frameEnd)
    {
        int partitionStart = state.partitionStart;
        int partitionEnd = state.partitionEnd;
        Block input = call.inputChannel() < 0 ? null : sorted.getBlock(call.inputChannel());
        Block mask = call.maskChannel().map(sorted::getBlock).orElse(null);
        if (frame.start().type() == BoundType.UNBOUNDED_PRECEDING) {
            // frame ends never move backwards, so one slot per partition is fed the rows as the end advances
            int group = state.nextGroup++;
            accumulator.ensureCapacity(group + 1);
            int added = partitionStart;
            for (int i = partitionStart; i < partitionEnd; i++) {
                added = addRows(accumulator, group, input, mask, added, frameEnd[i] + 1);
                // an empty frame has had no rows added: count 0, other aggregates NULL
                accumulator.write(group, out);
            }
            return;
        }
        if (frame.end().type() == BoundType.UNBOUNDED_FOLLOWING) {
            // mirror image: frame starts never move backwards, so feed rows from the end, then reverse
            int group = state.nextGroup++;
            accumulator.ensureCapacity(group + 1);
            BlockBuilder reversed = call.outputType().createBlockBuilder(null, partitionEnd - partitionStart);
            int addedFrom = partitionEnd;
            for (int i = partitionEnd - 1; i >= partitionStart; i--) {
                int from = Math.min(frameStart[i], addedFrom);
                addRows(accumulator, group, input, mask, from, addedFrom);
                addedFrom = from;
                accumulator.write(group, reversed);
            }
            Block block = reversed.build();
            for (int i = block.getPositionCount() - 1; i >= 0; i--) {
                appendValue(out, block, i);
            }
            return;
        }
        for (int i = partitionStart; i < partitionEnd; i++) {
            int group = state.nextGroup++;
            accumulator.ensureCapacity(group + 1);
            if (frameStart[i] <= frameEnd[i]) {
                addRows(accumulator, group, input, mask, frameStart[i], frameEnd[i] + 1);
            }
            accumulator.write(group, out);
        }
    }

    /** Adds sorted rows [from, to) that pass the mask to the group; returns the new end of what was added. */
    private int addRows(Accumulator accumulator, int group, Block input, Block mask, int from, int to)
    {
        if (to <= from) {
            return Math.max(from, to);
        }
        int[] positions = new int[to - from];
        int count = 0;
        for (int i = from; i < to; i++) {
            int position = order[i];
            if (mask != null && (mask.isNull(position) || !BOOLEAN.getBoolean(mask, position))) {
                continue;
            }
            positions[count++] = position;
        }
        int[] groups = new int[count];
        java.util.Arrays.fill(groups, group);
        accumulator.add(groups, input, positions, count);
        return to;
    }

    @Override
    public void close()
    {
        buffer.close();
        memoryBudget.free(outputBytesReserved);
        outputBytesReserved = 0;
        source.close();
    }
}
