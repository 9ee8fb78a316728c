package io.trawl.engine.operator;

import io.trawl.engine.operator.aggregate.Accumulator;
import io.trawl.engine.operator.aggregate.AggregateCall;
import io.trawl.engine.operator.aggregate.AggregateFunction;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.LongArrayBlock;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static java.util.Objects.requireNonNull;

/**
 * GROUP BY (and SELECT DISTINCT, which is a grouping without aggregates): consumes its whole input into a
 * hash table of groups, then emits one row per group: the group columns followed by one column per
 * aggregate. Without group channels it is a global aggregation and emits exactly one row, also for an
 * empty input (count 0; sum, avg, min, max NULL), as SQL requires.
 * <p>
 * NULL keys form one group. An aggregate with a mask channel only sees rows where the mask is true
 * (FILTER (WHERE ...)); a DISTINCT aggregate sees each non-null value once per group, remembered in a
 * second hash table keyed by (group, value). The group table, accumulator state and distinct tables are
 * reserved in the memory budget as they grow and freed on close.
 */
public final class HashAggregationOperator
        implements Operator
{
    private static final int OUTPUT_PAGE_ROWS = 8192;
    private static final String MEMORY_HOLDER = "hash aggregation";

    private final Operator source;
    private final int[] groupChannels;
    private final List<Type> groupTypes;
    private final List<AggregateCall> aggregates;
    private final MemoryBudget memoryBudget;
    private final List<Type> outputTypes;
    private final Accumulator[] accumulators;
    private final GroupByHash[] distinctHashes;
    private final GroupByHash groupByHash;
    private long accumulatorBytesReserved;
    private int groupCount;
    private int nextOutputGroup;
    private boolean consumed;

    /**
     * @param source the input
     * @param groupChannels input channels to group by (empty for a global aggregation)
     * @param groupTypes the types of the group channels, in the same order
     * @param aggregates the aggregates, each reading its own input (and mask) channel
     * @param memoryBudget where the hash tables and aggregation state are reserved
     */
    public HashAggregationOperator(Operator source, List<Integer> groupChannels, List<Type> groupTypes, List<AggregateCall> aggregates, MemoryBudget memoryBudget)
    {
        this.source = requireNonNull(source, "source is null");
        checkArgument(groupChannels.size() == groupTypes.size(), "groupChannels and groupTypes differ in size");
        this.groupChannels = groupChannels.stream().mapToInt(Integer::intValue).toArray();
        this.groupTypes = List.copyOf(groupTypes);
        this.aggregates = List.copyOf(aggregates);
        this.memoryBudget = requireNonNull(memoryBudget, "memoryBudget is null");

        List<Type> types = new ArrayList<>(groupTypes);
        accumulators = new Accumulator[aggregates.size()];
        distinctHashes = new GroupByHash[aggregates.size()];
        for (int i = 0; i < accumulators.length; i++) {
            AggregateCall call = aggregates.get(i);
            types.add(call.outputType());
            accumulators[i] = Accumulator.create(call);
            if (call.distinct() && call.function() != AggregateFunction.COUNT_ALL) {
                distinctHashes[i] = GroupByHash.create(List.of(BIGINT, call.inputType().orElseThrow()), memoryBudget, "distinct aggregation");
            }
        }
        this.outputTypes = List.copyOf(types);
        this.groupByHash = this.groupChannels.length == 0 ? null : GroupByHash.create(this.groupTypes, memoryBudget, MEMORY_HOLDER);
        if (groupByHash == null) {
            groupCount = 1;
            for (Accumulator accumulator : accumulators) {
                accumulator.ensureCapacity(1);
            }
        }
    }

    /** Group column types followed by each aggregate's output type. */
    public List<Type> outputTypes()
    {
        return outputTypes;
    }

    @Override
    public Page next()
    {
        if (!consumed) {
            for (Page page = source.next(); page != null; page = source.next()) {
                addPage(page);
            }
            consumed = true;
        }
        if (nextOutputGroup >= groupCount) {
            return null;
        }
        return buildOutputPage();
    }

    private void addPage(Page page)
    {
        int positionCount = page.getPositionCount();
        if (positionCount == 0) {
            return;
        }
        int[] groupIds;
        if (groupByHash == null) {
            groupIds = new int[positionCount];
        }
        else {
            Block[] keys = new Block[groupChannels.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = page.getBlock(groupChannels[i]);
            }
            groupIds = groupByHash.groupIds(keys, positionCount);
            groupCount = groupByHash.groupCount();
        }
        int[] allPositions = null;
        for (int i = 0; i < accumulators.length; i++) {
            AggregateCall call = aggregates.get(i);
            Block input = call.inputChannel() < 0 ? null : page.getBlock(call.inputChannel());
            accumulators[i].ensureCapacity(groupCount);
            int[] positions;
            int[] positionGroups;
            int count;
            if (call.maskChannel().isEmpty() && distinctHashes[i] == null) {
                if (allPositions == null) {
                    allPositions = identityPositions(positionCount);
                }
                positions = allPositions;
                positionGroups = groupIds;
                count = positionCount;
            }
            else {
                positions = selectPositions(page, call.maskChannel(), input, distinctHashes[i] != null);
                count = positions.length;
                positionGroups = new int[count];
                for (int j = 0; j < count; j++) {
                    positionGroups[j] = groupIds[positions[j]];
                }
                if (distinctHashes[i] != null) {
                    count = keepFirstOccurrences(distinctHashes[i], positionGroups, input, positions, count);
                }
            }
            accumulators[i].add(positionGroups, input, positions, count);
        }
        reserveAccumulatorMemory();
    }

    /** Positions passing the mask (and, for distinct aggregates, with a non-null input). */
    private static int[] selectPositions(Page page, Optional<Integer> maskChannel, Block input, boolean skipNulls)
    {
        int positionCount = page.getPositionCount();
        Block mask = maskChannel.map(page::getBlock).orElse(null);
        int[] selected = new int[positionCount];
        int count = 0;
        for (int position = 0; position < positionCount; position++) {
            if (mask != null && (mask.isNull(position) || !BOOLEAN.getBoolean(mask, position))) {
                continue;
            }
            if (skipNulls && input != null && input.isNull(position)) {
                continue;
            }
            selected[count++] = position;
        }
        return java.util.Arrays.copyOf(selected, count);
    }

    /**
     * Compacts positions/groups to the (group, value) pairs not seen before and returns how many remain;
     * a pair is new exactly when the distinct table hands out a group id it has not used yet.
     */
    private static int keepFirstOccurrences(GroupByHash distinctHash, int[] positionGroups, Block input, int[] positions, int count)
    {
        if (count == 0) {
            return 0;
        }
        long[] groups = new long[count];
        for (int j = 0; j < count; j++) {
            groups[j] = positionGroups[j];
        }
        Block[] keys = {new LongArrayBlock(count, Optional.empty(), groups), input.getPositions(positions, 0, count)};
        int seenBefore = distinctHash.groupCount();
        int[] pairIds = distinctHash.groupIds(keys, count);
        int kept = 0;
        for (int j = 0; j < count; j++) {
            if (pairIds[j] >= seenBefore) {
                seenBefore = pairIds[j] + 1;
                positions[kept] = positions[j];
                positionGroups[kept] = positionGroups[j];
                kept++;
            }
        }
        return kept;
    }

    private void reserveAccumulatorMemory()
    {
        long bytes = 0;
        for (Accumulator accumulator : accumulators) {
            bytes += accumulator.retainedBytes();
        }
        if (bytes > accumulatorBytesReserved) {
            memoryBudget.reserve(bytes - accumulatorBytesReserved, MEMORY_HOLDER);
            accumulatorBytesReserved = bytes;
        }
    }

    private Page buildOutputPage()
    {
        int end = Math.min(groupCount, nextOutputGroup + OUTPUT_PAGE_ROWS);
        PageBuilder pageBuilder = new PageBuilder(end - nextOutputGroup, outputTypes);
        BlockBuilder[] builders = new BlockBuilder[outputTypes.size()];
        for (int channel = 0; channel < builders.length; channel++) {
            builders[channel] = pageBuilder.getBlockBuilder(channel);
        }
        for (int group = nextOutputGroup; group < end; group++) {
            if (groupByHash != null) {
                groupByHash.appendKey(group, builders, 0);
            }
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i].write(group, builders[groupChannels.length + i]);
            }
            pageBuilder.declarePosition();
        }
        nextOutputGroup = end;
        return pageBuilder.build();
    }

    static int[] identityPositions(int count)
    {
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = i;
        }
        return positions;
    }

    @Override
    public void close()
    {
        if (groupByHash != null) {
            groupByHash.close();
        }
        for (GroupByHash distinctHash : distinctHashes) {
            if (distinctHash != null) {
                distinctHash.close();
            }
        }
        memoryBudget.free(accumulatorBytesReserved);
        accumulatorBytesReserved = 0;
        source.close();
    }
}
