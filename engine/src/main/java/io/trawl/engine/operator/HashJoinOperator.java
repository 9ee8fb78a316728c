package io.trawl.engine.operator;

import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.LongArrayBlock;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.Type;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static io.trino.spi.type.RealType.REAL;
import static java.util.Objects.requireNonNull;

/**
 * Equi-join (with an optional residual filter) of a probe input against a build input that is consumed
 * first into a hash table. With zero key channels every build row is a candidate for every probe row, so
 * this operator is also the nested-loop join for cross joins and non-equi joins (there is no separate
 * cross join operator).
 * <p>
 * A (probe row, build row) pair matches when all keys are equal, none being NULL (SQL equality), and the
 * residual filter, evaluated over a candidate page laid out as [all probe columns..., all build
 * columns...], is true. Output is the chosen probe channels followed by the chosen build channels;
 * LEFT/FULL add unmatched probe rows with NULL build columns and RIGHT/FULL add the unmatched build rows
 * (including those with NULL keys) with NULL probe columns at the end. SEMI, ANTI and NULL_AWARE_ANTI emit
 * only probe channels: SEMI keeps probe rows with a match, ANTI those without (EXISTS / NOT EXISTS), and
 * NULL_AWARE_ANTI implements {@code x NOT IN (subquery)}: a probe row is dropped if any build row with an
 * equal key or a NULL key passes the filter, and a NULL probe key is dropped if any build row passes the
 * filter, so it is kept only against an empty (filtered) build side.
 * <p>
 * The build side's rows and the hash table are reserved in the memory budget. When every key on both sides
 * is held as a Java long (bigint, integer, date, short decimal, ...), the keys are extracted once into long
 * arrays (build side once, probe side once per page) and hashed and compared as primitive longs without
 * per-type dispatch; this covers multi-column keys such as partsupp's (partkey, suppkey).
 */
public final class HashJoinOperator
        implements Operator
{
    private static final int BATCH_ROWS = 8192;
    private static final String MEMORY_HOLDER = "hash join build side";
    private static final int START = -2;
    private static final int DONE = -1;

    private enum CandidateSource { CHAIN, NULL_KEY_ROWS, ALL_ROWS }

    private final Operator probe;
    private final Operator build;
    private final int[] probeKeyChannels;
    private final int[] buildKeyChannels;
    private final JoinType joinType;
    private final PageFilter filter;
    private final int[] probeOutputChannels;
    private final int[] buildOutputChannels;
    private final List<Type> probeTypes;
    private final List<Type> buildTypes;
    private final MemoryBudget memoryBudget;
    private final ValueOperations[] keyOperations;
    private final ValueOperations[] buildKeyOperations;
    private final boolean longKey;
    private final Type[] probeKeyTypes;
    private final ArrayDeque<Page> pending = new ArrayDeque<>();

    // build side, valid once built (shared read-only by several probes when the operator did not build it)
    private LookupSource lookup;
    private final java.util.function.Supplier<LookupSource> sharedLookup;
    private boolean[] buildMatched;

    // probe side state for the current page
    private Page probePage;
    private Block[] probeKeyBlocks;
    private long[] probeHashes;
    private long[][] probeLongKeys;
    private boolean[] probeKeyNull;
    private boolean[] probeMatched;
    private int probePosition;
    private CandidateSource candidateSource;
    private int candidateCursor = START;
    private final int[] candidateProbePositions = new int[BATCH_ROWS];
    private final int[] candidateBuildRows = new int[BATCH_ROWS];

    private boolean probeFinished;
    private int nextUnmatchedBuildRow;

    /**
     * @param probe the streamed input
     * @param build the input held in the hash table; consumed completely before the first probe page
     * @param probeKeyChannels equi-join key channels of the probe input (empty for a nested-loop join)
     * @param buildKeyChannels the build channels compared with them, in the same order
     * @param joinType the join kind; NULL_AWARE_ANTI needs exactly one key
     * @param filter residual condition over [all probe columns..., all build columns...]
     * @param probeOutputChannels probe channels to output, in order
     * @param buildOutputChannels build channels to output after them (must be empty for SEMI/ANTI/NULL_AWARE_ANTI)
     * @param probeTypes the types of all probe channels
     * @param buildTypes the types of all build channels
     * @param memoryBudget where the build side and the hash table are reserved
     */
    public HashJoinOperator(
            Operator probe,
            Operator build,
            List<Integer> probeKeyChannels,
            List<Integer> buildKeyChannels,
            JoinType joinType,
            Optional<PageFilter> filter,
            List<Integer> probeOutputChannels,
            List<Integer> buildOutputChannels,
            List<Type> probeTypes,
            List<Type> buildTypes,
            MemoryBudget memoryBudget)
    {
        this(probe, requireNonNull(build, "build is null"), null, probeKeyChannels, buildKeyChannels, joinType, filter, probeOutputChannels, buildOutputChannels, probeTypes, buildTypes, memoryBudget);
    }

    /**
     * A probe over a hash table built once and shared by several probes running in parallel (scan tasks).
     * Not for RIGHT or FULL joins, whose unmatched build rows need one probe to see every probe row.
     */
    public HashJoinOperator(
            Operator probe,
            java.util.function.Supplier<LookupSource> sharedLookup,
            List<Integer> probeKeyChannels,
            List<Integer> buildKeyChannels,
            JoinType joinType,
            Optional<PageFilter> filter,
            List<Integer> probeOutputChannels,
            List<Integer> buildOutputChannels,
            List<Type> probeTypes,
            List<Type> buildTypes,
            MemoryBudget memoryBudget)
    {
        this(probe, null, requireNonNull(sharedLookup, "sharedLookup is null"), probeKeyChannels, buildKeyChannels, joinType, filter, probeOutputChannels, buildOutputChannels, probeTypes, buildTypes, memoryBudget);
        // RIGHT_SEMI/RIGHT_ANTI probes share the table's matched flags; the table's owner emits the build rows at the end
        checkArgument(joinType != JoinType.RIGHT && joinType != JoinType.FULL, "%s joins cannot share a build side", joinType);
    }

    private HashJoinOperator(
            Operator probe,
            Operator build,
            java.util.function.Supplier<LookupSource> sharedLookup,
            List<Integer> probeKeyChannels,
            List<Integer> buildKeyChannels,
            JoinType joinType,
            Optional<PageFilter> filter,
            List<Integer> probeOutputChannels,
            List<Integer> buildOutputChannels,
            List<Type> probeTypes,
            List<Type> buildTypes,
            MemoryBudget memoryBudget)
    {
        this.probe = requireNonNull(probe, "probe is null");
        this.build = build;
        this.sharedLookup = sharedLookup;
        checkArgument(probeKeyChannels.size() == buildKeyChannels.size(), "probe and build key counts differ");
        this.joinType = requireNonNull(joinType, "joinType is null");
        checkArgument(joinType != JoinType.NULL_AWARE_ANTI || probeKeyChannels.size() == 1, "NULL_AWARE_ANTI needs exactly one key");
        checkArgument(!probeOnlyOutput(joinType) || buildOutputChannels.isEmpty(), "%s outputs probe channels only", joinType);
        this.probeKeyChannels = toArray(probeKeyChannels);
        this.buildKeyChannels = toArray(buildKeyChannels);
        this.filter = requireNonNull(filter, "filter is null").orElse(null);
        this.probeOutputChannels = toArray(probeOutputChannels);
        this.buildOutputChannels = toArray(buildOutputChannels);
        this.probeTypes = List.copyOf(probeTypes);
        this.buildTypes = List.copyOf(buildTypes);
        this.memoryBudget = requireNonNull(memoryBudget, "memoryBudget is null");
        this.keyOperations = new ValueOperations[this.probeKeyChannels.length];
        this.buildKeyOperations = new ValueOperations[this.probeKeyChannels.length];
        for (int i = 0; i < keyOperations.length; i++) {
            keyOperations[i] = ValueOperations.forType(this.probeTypes.get(this.probeKeyChannels[i]));
            buildKeyOperations[i] = ValueOperations.forType(this.buildTypes.get(this.buildKeyChannels[i]));
            checkArgument(keyOperations[i].comparableWith(buildKeyOperations[i]), "join key types differ: %s and %s",
                    keyOperations[i].type(), buildKeyOperations[i].type());
        }
        this.longKey = usesLongKey(probeTypes, probeKeyChannels, buildTypes, buildKeyChannels);
        this.probeKeyTypes = new Type[this.probeKeyChannels.length];
        for (int i = 0; i < probeKeyTypes.length; i++) {
            probeKeyTypes[i] = this.probeTypes.get(this.probeKeyChannels[i]);
        }
    }

    private static boolean isPlainLong(Type type)
    {
        return type.getJavaType() == long.class && !type.equals(REAL);
    }

    private static boolean probeOnlyOutput(JoinType joinType)
    {
        return joinType == JoinType.SEMI || joinType == JoinType.ANTI || joinType == JoinType.NULL_AWARE_ANTI;
    }

    private static int[] toArray(List<Integer> values)
    {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public Page next()
    {
        if (lookup == null) {
            buildHashTable();
        }
        while (pending.isEmpty()) {
            if (probePage != null) {
                processProbeBatch();
                continue;
            }
            if (!probeFinished) {
                Page page = probeCannotProduceRows() ? null : probe.next();
                if (page == null) {
                    probeFinished = true;
                }
                else if (page.getPositionCount() > 0) {
                    startProbePage(page);
                }
                continue;
            }
            if (!emitUnmatchedBuildRows()) {
                return null;
            }
        }
        return pending.poll();
    }

    /** With an empty build side, inner, right and semi joins have no rows, so the probe is not read. */
    private boolean probeCannotProduceRows()
    {
        return lookup.buildPage.getPositionCount() == 0
                && (joinType == JoinType.INNER || joinType == JoinType.RIGHT || joinType == JoinType.SEMI || joinType == JoinType.RIGHT_SEMI || joinType == JoinType.RIGHT_ANTI);
    }

    private void buildHashTable()
    {
        if (sharedLookup != null) {
            lookup = sharedLookup.get();
            checkState((lookup.buildLongKeys != null) == longKey, "shared build side was hashed %s long keys", longKey ? "without" : "with");
        }
        else {
            lookup = LookupSource.build(build, buildKeyChannels, buildTypes, buildKeyOperations, longKey, memoryBudget);
        }
        if (sharedLookup != null && (joinType == JoinType.RIGHT_SEMI || joinType == JoinType.RIGHT_ANTI)) {
            buildMatched = lookup.matchedFlags();
        }
        else if (joinType == JoinType.RIGHT || joinType == JoinType.FULL || joinType == JoinType.RIGHT_SEMI || joinType == JoinType.RIGHT_ANTI) {
            buildMatched = new boolean[lookup.buildPage.getPositionCount()];
        }
    }

    /** Hashes of the key tuple at each position (0 with no keys); marks positions with a NULL key. */
    private static long[] hashKeys(ValueOperations[] operationsByKey, Block[] keyBlocks, int positionCount, boolean[] keyNull)
    {
        long[] hashes = new long[positionCount];
        for (int key = 0; key < keyBlocks.length; key++) {
            Block block = keyBlocks[key];
            ValueOperations operations = operationsByKey[key];
            for (int position = 0; position < positionCount; position++) {
                if (block.isNull(position)) {
                    keyNull[position] = true;
                }
                else if (!keyNull[position]) {
                    hashes[position] = ValueOperations.mix(ValueOperations.combineHash(hashes[position], operations.hashValue(block, position)));
                }
            }
        }
        return hashes;
    }

    /**
     * The keys as one long array per key column (0 where the key tuple has a NULL, which is marked in
     * {@code keyNull}). A bigint block without NULLs is used in place rather than copied; callers only read.
     */
    private static long[][] extractLongKeys(Block[] keyBlocks, Type[] keyTypes, int positionCount, boolean[] keyNull)
    {
        long[][] keys = new long[keyBlocks.length][];
        for (int key = 0; key < keyBlocks.length; key++) {
            Block block = keyBlocks[key];
            if (block instanceof LongArrayBlock longs && !longs.mayHaveNull() && longs.getRawValuesOffset() == 0) {
                keys[key] = longs.getRawValues();
                continue;
            }
            long[] values = new long[positionCount];
            Type type = keyTypes[key];
            boolean mayHaveNull = block.mayHaveNull();
            for (int position = 0; position < positionCount; position++) {
                if (mayHaveNull && block.isNull(position)) {
                    keyNull[position] = true;
                }
                else {
                    values[position] = type.getLong(block, position);
                }
            }
            keys[key] = values;
        }
        return keys;
    }

    /** Whether a key column is used in place (see {@link #extractLongKeys}) and so costs no extra memory. */
    private static boolean keyUsedInPlace(Block block)
    {
        return block instanceof LongArrayBlock longs && !longs.mayHaveNull() && longs.getRawValuesOffset() == 0;
    }

    /** Hashes of long key tuples; a single key hashes as {@code mix(key)}, several fold into one long first. */
    private static long[] hashLongKeys(long[][] keys, int positionCount)
    {
        long[] hashes = new long[positionCount];
        long[] first = keys[0];
        if (keys.length == 1) {
            for (int position = 0; position < positionCount; position++) {
                hashes[position] = ValueOperations.mix(first[position]);
            }
            return hashes;
        }
        System.arraycopy(first, 0, hashes, 0, positionCount);
        for (int key = 1; key < keys.length; key++) {
            long[] values = keys[key];
            for (int position = 0; position < positionCount; position++) {
                // an odd multiplier keeps distinct (small) key pairs distinct before the final mix
                hashes[position] = hashes[position] * 0x9E3779B97F4A7C15L + values[position];
            }
        }
        for (int position = 0; position < positionCount; position++) {
            hashes[position] = ValueOperations.mix(hashes[position]);
        }
        return hashes;
    }

    private void startProbePage(Page page)
    {
        probePage = page;
        int positionCount = page.getPositionCount();
        probeKeyBlocks = new Block[probeKeyChannels.length];
        for (int i = 0; i < probeKeyChannels.length; i++) {
            probeKeyBlocks[i] = page.getBlock(probeKeyChannels[i]);
        }
        probeKeyNull = new boolean[positionCount];
        if (longKey) {
            probeLongKeys = extractLongKeys(probeKeyBlocks, probeKeyTypes, positionCount, probeKeyNull);
            probeHashes = hashLongKeys(probeLongKeys, positionCount);
        }
        else {
            probeHashes = hashKeys(keyOperations, probeKeyBlocks, positionCount, probeKeyNull);
        }
        probeMatched = new boolean[positionCount];
        probePosition = 0;
        candidateCursor = START;
    }

    /** Collects up to one batch of candidate pairs, evaluates them, and finishes the page when done. */
    private void processProbeBatch()
    {
        int positionCount = probePage.getPositionCount();
        int count = 0;
        boolean firstMatchDecides = filter == null && probeOnlyOutput(joinType);
        if (longKey && joinType != JoinType.NULL_AWARE_ANTI) {
            count = collectLongKeyCandidates(positionCount, firstMatchDecides);
        }
        while (probePosition < positionCount && count < BATCH_ROWS) {
            if (candidateCursor == START) {
                startCandidates(probePosition);
            }
            while (candidateCursor != DONE && count < BATCH_ROWS) {
                int buildRow = nextCandidate(probePosition);
                if (buildRow == DONE) {
                    break;
                }
                candidateProbePositions[count] = probePosition;
                candidateBuildRows[count] = buildRow;
                count++;
                if (firstMatchDecides) {
                    candidateCursor = DONE;
                }
            }
            if (candidateCursor == DONE) {
                probePosition++;
                candidateCursor = START;
            }
        }
        if (count > 0) {
            evaluateCandidates(count);
        }
        if (probePosition >= positionCount) {
            finishProbePage();
            probePage = null;
        }
    }

    /** The common case as one tight loop: long keys, chains walked without the general state machine. */
    private int collectLongKeyCandidates(int positionCount, boolean firstMatchDecides)
    {
        return switch (probeLongKeys.length) {
            case 1 -> collectOneLongKeyCandidates(positionCount, firstMatchDecides);
            case 2 -> collectTwoLongKeyCandidates(positionCount, firstMatchDecides);
            default -> collectManyLongKeyCandidates(positionCount, firstMatchDecides);
        };
    }

    private int collectOneLongKeyCandidates(int positionCount, boolean firstMatchDecides)
    {
        int count = 0;
        int[] heads = lookup.heads;
        int[] nextRow = lookup.nextRow;
        long[] buildKeys = lookup.buildLongKeys[0];
        long[] probeKeys = probeLongKeys[0];
        int mask = lookup.mask;
        while (probePosition < positionCount && count < BATCH_ROWS) {
            if (candidateCursor == START) {
                candidateCursor = probeKeyNull[probePosition] ? DONE : heads[(int) probeHashes[probePosition] & mask];
            }
            long key = probeKeys[probePosition];
            while (candidateCursor >= 0 && count < BATCH_ROWS) {
                int row = candidateCursor;
                candidateCursor = nextRow[row];
                if (buildKeys[row] == key) {
                    candidateProbePositions[count] = probePosition;
                    candidateBuildRows[count] = row;
                    count++;
                    if (firstMatchDecides) {
                        candidateCursor = DONE;
                    }
                }
            }
            if (candidateCursor == DONE) {
                probePosition++;
                candidateCursor = START;
            }
        }
        return count;
    }

    private int collectTwoLongKeyCandidates(int positionCount, boolean firstMatchDecides)
    {
        int count = 0;
        int[] heads = lookup.heads;
        int[] nextRow = lookup.nextRow;
        long[] buildKeys0 = lookup.buildLongKeys[0];
        long[] buildKeys1 = lookup.buildLongKeys[1];
        long[] probeKeys0 = probeLongKeys[0];
        long[] probeKeys1 = probeLongKeys[1];
        int mask = lookup.mask;
        while (probePosition < positionCount && count < BATCH_ROWS) {
            if (candidateCursor == START) {
                candidateCursor = probeKeyNull[probePosition] ? DONE : heads[(int) probeHashes[probePosition] & mask];
            }
            long key0 = probeKeys0[probePosition];
            long key1 = probeKeys1[probePosition];
            while (candidateCursor >= 0 && count < BATCH_ROWS) {
                int row = candidateCursor;
                candidateCursor = nextRow[row];
                if (buildKeys0[row] == key0 && buildKeys1[row] == key1) {
                    candidateProbePositions[count] = probePosition;
                    candidateBuildRows[count] = row;
                    count++;
                    if (firstMatchDecides) {
                        candidateCursor = DONE;
                    }
                }
            }
            if (candidateCursor == DONE) {
                probePosition++;
                candidateCursor = START;
            }
        }
        return count;
    }

    private int collectManyLongKeyCandidates(int positionCount, boolean firstMatchDecides)
    {
        int count = 0;
        int[] heads = lookup.heads;
        int[] nextRow = lookup.nextRow;
        int mask = lookup.mask;
        while (probePosition < positionCount && count < BATCH_ROWS) {
            if (candidateCursor == START) {
                candidateCursor = probeKeyNull[probePosition] ? DONE : heads[(int) probeHashes[probePosition] & mask];
            }
            while (candidateCursor >= 0 && count < BATCH_ROWS) {
                int row = candidateCursor;
                candidateCursor = nextRow[row];
                if (longKeysEqual(probePosition, row)) {
                    candidateProbePositions[count] = probePosition;
                    candidateBuildRows[count] = row;
                    count++;
                    if (firstMatchDecides) {
                        candidateCursor = DONE;
                    }
                }
            }
            if (candidateCursor == DONE) {
                probePosition++;
                candidateCursor = START;
            }
        }
        return count;
    }

    private boolean longKeysEqual(int probePosition, int buildRow)
    {
        long[][] buildKeys = lookup.buildLongKeys;
        for (int key = 0; key < buildKeys.length; key++) {
            if (probeLongKeys[key][probePosition] != buildKeys[key][buildRow]) {
                return false;
            }
        }
        return true;
    }

    private void startCandidates(int position)
    {
        if (joinType == JoinType.NULL_AWARE_ANTI && probeKeyNull[position]) {
            candidateSource = CandidateSource.ALL_ROWS;
            candidateCursor = 0;
            return;
        }
        if (probeKeyNull[position]) {
            candidateCursor = DONE;
            return;
        }
        candidateSource = CandidateSource.CHAIN;
        candidateCursor = lookup.heads[(int) probeHashes[position] & lookup.mask];
        if (candidateCursor == DONE) {
            switchToNullKeyRowsIfNullAware();
        }
    }

    private void switchToNullKeyRowsIfNullAware()
    {
        if (joinType == JoinType.NULL_AWARE_ANTI && lookup.nullKeyRows.length > 0) {
            candidateSource = CandidateSource.NULL_KEY_ROWS;
            candidateCursor = 0;
        }
        else {
            candidateCursor = DONE;
        }
    }

    /** The next build row that is a candidate for the probe position, or DONE; advances the cursor. */
    private int nextCandidate(int position)
    {
        while (candidateCursor != DONE) {
            switch (candidateSource) {
                case CHAIN -> {
                    int row = candidateCursor;
                    candidateCursor = lookup.nextRow[row];
                    boolean equal = keysEqual(position, row);
                    if (candidateCursor == DONE) {
                        switchToNullKeyRowsIfNullAware();
                    }
                    if (equal) {
                        return row;
                    }
                }
                case NULL_KEY_ROWS -> {
                    int row = lookup.nullKeyRows[candidateCursor++];
                    if (candidateCursor == lookup.nullKeyRows.length) {
                        candidateCursor = DONE;
                    }
                    return row;
                }
                case ALL_ROWS -> {
                    int row = candidateCursor++;
                    if (row >= lookup.buildPage.getPositionCount()) {
                        candidateCursor = DONE;
                        return DONE;
                    }
                    if (candidateCursor == lookup.buildPage.getPositionCount()) {
                        candidateCursor = DONE;
                    }
                    return row;
                }
            }
        }
        return DONE;
    }

    private boolean keysEqual(int probePosition, int buildRow)
    {
        if (longKey) {
            return longKeysEqual(probePosition, buildRow);
        }
        for (int key = 0; key < keyOperations.length; key++) {
            if (!keyOperations[key].equalValues(probeKeyBlocks[key], probePosition, buildKeyOperations[key], lookup.buildKeyBlocks[key], buildRow)) {
                return false;
            }
        }
        return true;
    }

    private void evaluateCandidates(int count)
    {
        int[] probePositions = candidateProbePositions;
        int[] buildRows = candidateBuildRows;
        int matchCount = count;
        if (filter != null) {
            Block[] blocks = new Block[probeTypes.size() + buildTypes.size()];
            for (int channel = 0; channel < probeTypes.size(); channel++) {
                blocks[channel] = probePage.getBlock(channel).getPositions(probePositions, 0, count);
            }
            for (int channel = 0; channel < buildTypes.size(); channel++) {
                blocks[probeTypes.size() + channel] = lookup.buildPage.getBlock(channel).getPositions(buildRows, 0, count);
            }
            boolean[] passed = filter.filter(new Page(count, blocks));
            probePositions = new int[count];
            buildRows = new int[count];
            matchCount = 0;
            for (int i = 0; i < count; i++) {
                if (passed[i]) {
                    probePositions[matchCount] = candidateProbePositions[i];
                    buildRows[matchCount] = candidateBuildRows[i];
                    matchCount++;
                }
            }
        }
        for (int i = 0; i < matchCount; i++) {
            probeMatched[probePositions[i]] = true;
        }
        if (buildMatched != null) {
            for (int i = 0; i < matchCount; i++) {
                buildMatched[buildRows[i]] = true;
            }
        }
        if (probeOnlyOutput(joinType) || !joinType.outputsProbe() || matchCount == 0) {
            return;
        }
        Block[] output = new Block[probeOutputChannels.length + buildOutputChannels.length];
        for (int i = 0; i < probeOutputChannels.length; i++) {
            output[i] = probePage.getBlock(probeOutputChannels[i]).copyPositions(probePositions, 0, matchCount);
        }
        for (int i = 0; i < buildOutputChannels.length; i++) {
            output[probeOutputChannels.length + i] = lookup.buildPage.getBlock(buildOutputChannels[i]).copyPositions(buildRows, 0, matchCount);
        }
        pending.add(new Page(matchCount, output));
    }

    private void finishProbePage()
    {
        int positionCount = probePage.getPositionCount();
        boolean keepMatched;
        switch (joinType) {
            case LEFT, FULL, ANTI, NULL_AWARE_ANTI -> keepMatched = false;
            case SEMI -> keepMatched = true;
            default -> {
                return;
            }
        }
        int[] positions = new int[positionCount];
        int count = 0;
        for (int position = 0; position < positionCount; position++) {
            if (probeMatched[position] == keepMatched) {
                positions[count++] = position;
            }
        }
        for (int offset = 0; offset < count; offset += BATCH_ROWS) {
            int length = Math.min(BATCH_ROWS, count - offset);
            Block[] output = new Block[probeOutputChannels.length + buildOutputChannels.length];
            for (int i = 0; i < probeOutputChannels.length; i++) {
                output[i] = probePage.getBlock(probeOutputChannels[i]).copyPositions(positions, offset, length);
            }
            for (int i = 0; i < buildOutputChannels.length; i++) {
                output[probeOutputChannels.length + i] = RunLengthEncodedBlock.create(buildTypes.get(buildOutputChannels[i]), null, length);
            }
            pending.add(new Page(length, output));
        }
    }

    /** Queues the next page of build rows no probe row matched (RIGHT/FULL); false when there are none left. */
    private boolean emitUnmatchedBuildRows()
    {
        if (buildMatched == null || sharedLookup != null) {
            // a shared table's build rows are emitted once, by its owner, after every probe has finished
            return false;
        }
        int rowCount = lookup.buildPage.getPositionCount();
        int[] rows = new int[BATCH_ROWS];
        int count = 0;
        while (nextUnmatchedBuildRow < rowCount && count < BATCH_ROWS) {
            // RIGHT/FULL/RIGHT_ANTI emit the build rows nothing matched; RIGHT_SEMI those something matched
            if (buildMatched[nextUnmatchedBuildRow] == (joinType == JoinType.RIGHT_SEMI)) {
                rows[count++] = nextUnmatchedBuildRow;
            }
            nextUnmatchedBuildRow++;
        }
        if (count == 0) {
            return false;
        }
        Block[] output = new Block[probeOutputChannels.length + buildOutputChannels.length];
        for (int i = 0; i < probeOutputChannels.length; i++) {
            output[i] = RunLengthEncodedBlock.create(probeTypes.get(probeOutputChannels[i]), null, count);
        }
        for (int i = 0; i < buildOutputChannels.length; i++) {
            output[probeOutputChannels.length + i] = lookup.buildPage.getBlock(buildOutputChannels[i]).copyPositions(rows, 0, count);
        }
        pending.add(new Page(count, output));
        return true;
    }

    /** Whether a join compares its keys as plain longs (the fast path); build and probe must agree. */
    public static boolean usesLongKey(List<Type> probeTypes, List<Integer> probeKeyChannels, List<Type> buildTypes, List<Integer> buildKeyChannels)
    {
        if (probeKeyChannels.isEmpty() || probeKeyChannels.size() != buildKeyChannels.size()) {
            return false;
        }
        for (int i = 0; i < probeKeyChannels.size(); i++) {
            if (!isPlainLong(probeTypes.get(probeKeyChannels.get(i))) || !isPlainLong(buildTypes.get(buildKeyChannels.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The build side of a hash join: all build rows in one page and a chained hash table over their keys.
     * Immutable once built, so parallel probes can share it; its memory stays reserved until closed.
     */
    public static final class LookupSource
            implements AutoCloseable
    {
        final Page buildPage;
        final Block[] buildKeyBlocks;
        /** one array per key column when the keys are plain longs, else null; read only */
        final long[][] buildLongKeys;
        final int[] heads;
        final int[] nextRow;
        final int mask;
        final int[] nullKeyRows;
        private final RowBuffer buffer;
        private final MemoryBudget memoryBudget;
        private long bytesReserved;
        private boolean[] matched;

        private LookupSource(Page buildPage, Block[] buildKeyBlocks, long[][] buildLongKeys, int[] heads, int[] nextRow, int mask, int[] nullKeyRows,
                RowBuffer buffer, MemoryBudget memoryBudget, long bytesReserved)
        {
            this.buildPage = buildPage;
            this.buildKeyBlocks = buildKeyBlocks;
            this.buildLongKeys = buildLongKeys;
            this.heads = heads;
            this.nextRow = nextRow;
            this.mask = mask;
            this.nullKeyRows = nullKeyRows;
            this.buffer = buffer;
            this.memoryBudget = memoryBudget;
            this.bytesReserved = bytesReserved;
        }

        /** Whether the build side had no rows at all: an inner or semi join over it yields nothing. */
        public boolean isEmpty()
        {
            return buildPage.getPositionCount() == 0;
        }

        /** Consumes the build input completely (and closes it) and hashes its keys. */
        public static LookupSource build(Operator build, List<Integer> buildKeyChannelList, List<Type> buildTypes, boolean longKey, MemoryBudget memoryBudget)
        {
            int[] buildKeyChannels = toArray(buildKeyChannelList);
            ValueOperations[] operations = new ValueOperations[buildKeyChannels.length];
            for (int i = 0; i < operations.length; i++) {
                operations[i] = ValueOperations.forType(buildTypes.get(buildKeyChannels[i]));
            }
            try (build) {
                return build(build, buildKeyChannels, buildTypes, operations, longKey, memoryBudget);
            }
        }

        static LookupSource build(Operator build, int[] buildKeyChannels, List<Type> buildTypes, ValueOperations[] buildKeyOperations, boolean longKey, MemoryBudget memoryBudget)
        {
            RowBuffer buffer = new RowBuffer(buildTypes, memoryBudget, MEMORY_HOLDER);
            for (Page page = build.next(); page != null; page = build.next()) {
                buffer.add(page);
            }
            Page buildPage = buffer.build();
            int rowCount = buildPage.getPositionCount();
            Block[] buildKeyBlocks = new Block[buildKeyChannels.length];
            for (int i = 0; i < buildKeyChannels.length; i++) {
                buildKeyBlocks[i] = buildPage.getBlock(buildKeyChannels[i]);
            }
            // chained buckets: one bucket per row (rounded up to a power of two) keeps chains short enough
            int tableSize = Integer.highestOneBit(Math.max(8, rowCount) * 2 - 1);
            long copiedKeyBytes = 0;
            if (longKey) {
                for (Block block : buildKeyBlocks) {
                    // bigint keys without NULLs are probed straight against the build block's own array
                    copiedKeyBytes += keyUsedInPlace(block) ? 0 : rowCount * 8L;
                }
            }
            long bytes = tableSize * 4L + rowCount * 4L + copiedKeyBytes + rowCount;
            memoryBudget.reserve(bytes, MEMORY_HOLDER);

            int[] heads = new int[tableSize];
            Arrays.fill(heads, DONE);
            int mask = tableSize - 1;
            int[] nextRow = new int[rowCount];
            boolean[] keyNull = new boolean[rowCount];
            long[][] buildLongKeys = null;
            long[] hashes;
            if (longKey) {
                Type[] keyTypes = new Type[buildKeyChannels.length];
                for (int i = 0; i < keyTypes.length; i++) {
                    keyTypes[i] = buildTypes.get(buildKeyChannels[i]);
                }
                buildLongKeys = extractLongKeys(buildKeyBlocks, keyTypes, rowCount, keyNull);
                hashes = hashLongKeys(buildLongKeys, rowCount);
            }
            else {
                hashes = hashKeys(buildKeyOperations, buildKeyBlocks, rowCount, keyNull);
            }
            int nullKeyCount = 0;
            for (boolean isNull : keyNull) {
                nullKeyCount += isNull ? 1 : 0;
            }
            int[] nullKeyRows = new int[nullKeyCount];
            int nextNull = nullKeyCount;
            // inserting backwards leaves every chain (and the NULL-key rows) in ascending row order
            for (int row = rowCount - 1; row >= 0; row--) {
                if (keyNull[row]) {
                    nullKeyRows[--nextNull] = row;
                    continue;
                }
                int bucket = (int) hashes[row] & mask;
                nextRow[row] = heads[bucket];
                heads[bucket] = row;
            }
            return new LookupSource(buildPage, buildKeyBlocks, buildLongKeys, heads, nextRow, mask, nullKeyRows, buffer, memoryBudget, bytes);
        }

        public int rowCount()
        {
            return buildPage.getPositionCount();
        }

        /**
         * Flags set by parallel RIGHT_SEMI/RIGHT_ANTI probes when a build row matches. Probes only ever set
         * them to true; they are read after every probe has finished, which the scan's queue orders.
         */
        synchronized boolean[] matchedFlags()
        {
            if (matched == null) {
                matched = new boolean[buildPage.getPositionCount()];
            }
            return matched;
        }

        /** The build rows whose matched flag equals {@code matchedRows}, as pages of the given channels. */
        public List<Page> rowsByMatch(boolean matchedRows, List<Integer> channels)
        {
            boolean[] flags = matchedFlags();
            List<Page> pages = new ArrayList<>();
            int[] rows = new int[BATCH_ROWS];
            int count = 0;
            for (int row = 0; row <= flags.length; row++) {
                if (row < flags.length && flags[row] == matchedRows) {
                    rows[count++] = row;
                }
                if (count == BATCH_ROWS || row == flags.length && count > 0) {
                    Block[] blocks = new Block[channels.size()];
                    for (int i = 0; i < blocks.length; i++) {
                        blocks[i] = buildPage.getBlock(channels.get(i)).copyPositions(rows, 0, count);
                    }
                    pages.add(new Page(count, blocks));
                    count = 0;
                }
            }
            return pages;
        }

        @Override
        public void close()
        {
            buffer.close();
            memoryBudget.free(bytesReserved);
            bytesReserved = 0;
        }
    }

    @Override
    public void close()
    {
        if (lookup != null && sharedLookup == null) {
            lookup.close();
        }
        try (probe; build) {
            // closes both inputs even if one fails
        }
    }
}
