package io.trawl.engine.operator;

import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;

import java.util.Arrays;
import java.util.List;

import static io.trino.spi.type.RealType.REAL;

/**
 * Assigns dense group ids (0, 1, 2, ...) to distinct key tuples, NULL being one value, and keeps one copy
 * of each distinct key. Used by GROUP BY, DISTINCT, distinct aggregates and INTERSECT/EXCEPT. Single
 * keys held as a Java long (bigint, integer, date, short decimal, ...) take a specialised path without
 * per-column dispatch, and so do several such keys (one long array per column, NULLs as a bit mask); everything else goes through {@link ValueColumn}s. Memory grows in the budget.
 */
abstract sealed class GroupByHash
        implements AutoCloseable
{
    private final MemoryBudget memoryBudget;
    private final String holder;
    private long reservedBytes;

    private GroupByHash(MemoryBudget memoryBudget, String holder)
    {
        this.memoryBudget = memoryBudget;
        this.holder = holder;
    }

    static GroupByHash create(List<Type> keyTypes, MemoryBudget memoryBudget, String holder)
    {
        if (keyTypes.size() == 1 && isPlainLong(keyTypes.getFirst())) {
            return new LongGroupByHash(keyTypes.getFirst(), memoryBudget, holder);
        }
        if (keyTypes.size() > 1 && keyTypes.size() <= LongsGroupByHash.MAX_KEYS && keyTypes.stream().allMatch(GroupByHash::isPlainLong)) {
            return new LongsGroupByHash(keyTypes, memoryBudget, holder);
        }
        return new GenericGroupByHash(keyTypes, memoryBudget, holder);
    }

    private static boolean isPlainLong(Type type)
    {
        return type.getJavaType() == long.class && !type.equals(REAL);
    }

    /** The group id of every position of the key blocks, creating groups for keys not seen before. */
    final int[] groupIds(Block[] keys, int positionCount)
    {
        int[] groupIds = new int[positionCount];
        assignGroupIds(keys, positionCount, groupIds);
        long retained = retainedBytes();
        if (retained > reservedBytes) {
            memoryBudget.reserve(retained - reservedBytes, holder);
            reservedBytes = retained;
        }
        return groupIds;
    }

    abstract int groupCount();

    /** Writes the key of {@code groupId}, one value per key column, to consecutive builders. */
    abstract void appendKey(int groupId, BlockBuilder[] builders, int firstBuilder);

    abstract void assignGroupIds(Block[] keys, int positionCount, int[] groupIds);

    abstract long retainedBytes();

    @Override
    public void close()
    {
        memoryBudget.free(reservedBytes);
        reservedBytes = 0;
    }

    static final class LongGroupByHash
            extends GroupByHash
    {
        private final Type type;
        private long[] values = new long[1024];
        private int[] table = emptyTable(2048);
        private int mask = 2047;
        private int groupCount;
        private int nullGroup = -1;

        LongGroupByHash(Type type, MemoryBudget memoryBudget, String holder)
        {
            super(memoryBudget, holder);
            this.type = type;
        }

        @Override
        int groupCount()
        {
            return groupCount;
        }

        @Override
        void assignGroupIds(Block[] keys, int positionCount, int[] groupIds)
        {
            Block block = keys[0];
            boolean mayHaveNull = block.mayHaveNull();
            for (int position = 0; position < positionCount; position++) {
                if (mayHaveNull && block.isNull(position)) {
                    if (nullGroup < 0) {
                        nullGroup = newGroup(0);
                    }
                    groupIds[position] = nullGroup;
                    continue;
                }
                groupIds[position] = findOrInsert(type.getLong(block, position));
            }
        }

        private int findOrInsert(long value)
        {
            int bucket = (int) ValueOperations.mix(value) & mask;
            while (true) {
                int group = table[bucket];
                if (group < 0) {
                    group = newGroup(value);
                    table[bucket] = group;
                    if (groupCount * 2L > table.length) {
                        rehash();
                    }
                    return group;
                }
                if (values[group] == value && group != nullGroup) {
                    return group;
                }
                bucket = (bucket + 1) & mask;
            }
        }

        private int newGroup(long value)
        {
            if (groupCount == values.length) {
                values = Arrays.copyOf(values, groupCount * 2);
            }
            values[groupCount] = value;
            return groupCount++;
        }

        private void rehash()
        {
            int size = table.length * 2;
            table = emptyTable(size);
            mask = size - 1;
            for (int group = 0; group < groupCount; group++) {
                if (group == nullGroup) {
                    continue;
                }
                int bucket = (int) ValueOperations.mix(values[group]) & mask;
                while (table[bucket] >= 0) {
                    bucket = (bucket + 1) & mask;
                }
                table[bucket] = group;
            }
        }

        @Override
        void appendKey(int groupId, BlockBuilder[] builders, int firstBuilder)
        {
            if (groupId == nullGroup) {
                builders[firstBuilder].appendNull();
            }
            else {
                type.writeLong(builders[firstBuilder], values[groupId]);
            }
        }

        @Override
        long retainedBytes()
        {
            return values.length * 8L + table.length * 4L;
        }
    }

    /** Several keys, each held as a Java long: values in one array per column, a bit per column for NULL. */
    static final class LongsGroupByHash
            extends GroupByHash
    {
        static final int MAX_KEYS = 64;

        private final Type[] types;
        private long[][] values;
        private long[] nullMasks = new long[1024];
        private long[] groupHashes = new long[1024];
        private int[] table = emptyTable(2048);
        private int mask = 2047;
        private int groupCount;

        LongsGroupByHash(List<Type> keyTypes, MemoryBudget memoryBudget, String holder)
        {
            super(memoryBudget, holder);
            types = keyTypes.toArray(Type[]::new);
            values = new long[types.length][1024];
        }

        @Override
        int groupCount()
        {
            return groupCount;
        }

        @Override
        void assignGroupIds(Block[] keys, int positionCount, int[] groupIds)
        {
            long[][] keyValues = new long[types.length][];
            long[] positionNulls = new long[positionCount];
            for (int column = 0; column < types.length; column++) {
                Block block = keys[column];
                long[] columnValues = new long[positionCount];
                Type type = types[column];
                boolean mayHaveNull = block.mayHaveNull();
                for (int position = 0; position < positionCount; position++) {
                    if (mayHaveNull && block.isNull(position)) {
                        // a NULL key is stored as 0 with its bit set, so equal tuples compare equal as longs
                        positionNulls[position] |= 1L << column;
                    }
                    else {
                        columnValues[position] = type.getLong(block, position);
                    }
                }
                keyValues[column] = columnValues;
            }
            long[] hashes = new long[positionCount];
            System.arraycopy(positionNulls, 0, hashes, 0, positionCount);
            for (long[] columnValues : keyValues) {
                for (int position = 0; position < positionCount; position++) {
                    hashes[position] = hashes[position] * 0x9E3779B97F4A7C15L + columnValues[position];
                }
            }
            for (int position = 0; position < positionCount; position++) {
                hashes[position] = ValueOperations.mix(hashes[position]);
            }
            for (int position = 0; position < positionCount; position++) {
                groupIds[position] = findOrInsert(keyValues, positionNulls[position], position, hashes[position]);
            }
        }

        private int findOrInsert(long[][] keyValues, long nullMask, int position, long hash)
        {
            int bucket = (int) hash & mask;
            while (true) {
                int group = table[bucket];
                if (group < 0) {
                    group = newGroup(keyValues, nullMask, position, hash);
                    table[bucket] = group;
                    if (groupCount * 2L > table.length) {
                        rehash();
                    }
                    return group;
                }
                if (groupHashes[group] == hash && nullMasks[group] == nullMask && keyEquals(group, keyValues, position)) {
                    return group;
                }
                bucket = (bucket + 1) & mask;
            }
        }

        private boolean keyEquals(int group, long[][] keyValues, int position)
        {
            for (int column = 0; column < keyValues.length; column++) {
                if (values[column][group] != keyValues[column][position]) {
                    return false;
                }
            }
            return true;
        }

        private int newGroup(long[][] keyValues, long nullMask, int position, long hash)
        {
            if (groupCount == groupHashes.length) {
                int size = groupCount * 2;
                groupHashes = Arrays.copyOf(groupHashes, size);
                nullMasks = Arrays.copyOf(nullMasks, size);
                for (int column = 0; column < values.length; column++) {
                    values[column] = Arrays.copyOf(values[column], size);
                }
            }
            groupHashes[groupCount] = hash;
            nullMasks[groupCount] = nullMask;
            for (int column = 0; column < values.length; column++) {
                values[column][groupCount] = keyValues[column][position];
            }
            return groupCount++;
        }

        private void rehash()
        {
            int size = table.length * 2;
            table = emptyTable(size);
            mask = size - 1;
            for (int group = 0; group < groupCount; group++) {
                int bucket = (int) groupHashes[group] & mask;
                while (table[bucket] >= 0) {
                    bucket = (bucket + 1) & mask;
                }
                table[bucket] = group;
            }
        }

        @Override
        void appendKey(int groupId, BlockBuilder[] builders, int firstBuilder)
        {
            long nullMask = nullMasks[groupId];
            for (int column = 0; column < types.length; column++) {
                if ((nullMask & (1L << column)) != 0) {
                    builders[firstBuilder + column].appendNull();
                }
                else {
                    types[column].writeLong(builders[firstBuilder + column], values[column][groupId]);
                }
            }
        }

        @Override
        long retainedBytes()
        {
            return groupHashes.length * 8L * (2 + types.length) + table.length * 4L;
        }
    }

    static final class GenericGroupByHash
            extends GroupByHash
    {
        private final ValueOperations[] operations;
        private final ValueColumn[] columns;
        private long[] groupHashes = new long[1024];
        private int[] table = emptyTable(2048);
        private int mask = 2047;
        private int groupCount;

        GenericGroupByHash(List<Type> keyTypes, MemoryBudget memoryBudget, String holder)
        {
            super(memoryBudget, holder);
            operations = new ValueOperations[keyTypes.size()];
            columns = new ValueColumn[keyTypes.size()];
            for (int i = 0; i < operations.length; i++) {
                operations[i] = ValueOperations.forType(keyTypes.get(i));
                columns[i] = ValueColumn.create(keyTypes.get(i));
            }
        }

        @Override
        int groupCount()
        {
            return groupCount;
        }

        @Override
        void assignGroupIds(Block[] keys, int positionCount, int[] groupIds)
        {
            long[] hashes = new long[positionCount];
            for (int column = 0; column < operations.length; column++) {
                ValueOperations operation = operations[column];
                Block block = keys[column];
                for (int position = 0; position < positionCount; position++) {
                    hashes[position] = ValueOperations.combineHash(hashes[position], operation.hash(block, position));
                }
            }
            for (int position = 0; position < positionCount; position++) {
                groupIds[position] = findOrInsert(keys, position, hashes[position]);
            }
        }

        private int findOrInsert(Block[] keys, int position, long hash)
        {
            int bucket = (int) ValueOperations.mix(hash) & mask;
            while (true) {
                int group = table[bucket];
                if (group < 0) {
                    group = newGroup(keys, position, hash);
                    table[bucket] = group;
                    if (groupCount * 2L > table.length) {
                        rehash();
                    }
                    return group;
                }
                if (groupHashes[group] == hash && keyEquals(group, keys, position)) {
                    return group;
                }
                bucket = (bucket + 1) & mask;
            }
        }

        private boolean keyEquals(int group, Block[] keys, int position)
        {
            for (int column = 0; column < columns.length; column++) {
                if (!columns[column].equal(group, keys[column], position)) {
                    return false;
                }
            }
            return true;
        }

        private int newGroup(Block[] keys, int position, long hash)
        {
            if (groupCount == groupHashes.length) {
                groupHashes = Arrays.copyOf(groupHashes, groupCount * 2);
            }
            groupHashes[groupCount] = hash;
            for (int column = 0; column < columns.length; column++) {
                columns[column].append(keys[column], position);
            }
            return groupCount++;
        }

        private void rehash()
        {
            int size = table.length * 2;
            table = emptyTable(size);
            mask = size - 1;
            for (int group = 0; group < groupCount; group++) {
                int bucket = (int) ValueOperations.mix(groupHashes[group]) & mask;
                while (table[bucket] >= 0) {
                    bucket = (bucket + 1) & mask;
                }
                table[bucket] = group;
            }
        }

        @Override
        void appendKey(int groupId, BlockBuilder[] builders, int firstBuilder)
        {
            for (int column = 0; column < columns.length; column++) {
                columns[column].write(groupId, builders[firstBuilder + column]);
            }
        }

        @Override
        long retainedBytes()
        {
            long bytes = groupHashes.length * 8L + table.length * 4L;
            for (ValueColumn column : columns) {
                bytes += column.retainedBytes();
            }
            return bytes;
        }
    }

    static int[] emptyTable(int size)
    {
        int[] table = new int[size];
        Arrays.fill(table, -1);
        return table;
    }
}
