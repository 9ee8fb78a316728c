package io.trawl.bench;

import java.util.Arrays;

/**
 * Forms scan tasks from splits, as a coordinator would: splits in order, a task taking the next split while its
 * bytes stay within the target (a split larger than the target is a task of its own).
 */
final class TaskGrouping
{
    private TaskGrouping() {}

    /** The bytes of each task. */
    static long[] group(long[] splitBytes, long targetTaskBytes)
    {
        if (targetTaskBytes <= 0) {
            throw new IllegalArgumentException("target task size must be positive: " + targetTaskBytes);
        }
        long[] tasks = new long[splitBytes.length];
        int taskCount = 0;
        long current = 0;
        boolean open = false;
        for (long split : splitBytes) {
            if (split < 0) {
                throw new IllegalArgumentException("negative split size: " + split);
            }
            if (open && current + split > targetTaskBytes) {
                tasks[taskCount++] = current;
                current = 0;
                open = false;
            }
            current += split;
            open = true;
        }
        if (open) {
            tasks[taskCount++] = current;
        }
        return Arrays.copyOf(tasks, taskCount);
    }

    /** The list repeated {@code times} times, as a larger scale factor's files would be: SF 1's files ×1000 for SF 1000. */
    static long[] replicate(long[] splitBytes, int times)
    {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        long[] replicated = new long[Math.multiplyExact(splitBytes.length, times)];
        for (int copy = 0; copy < times; copy++) {
            System.arraycopy(splitBytes, 0, replicated, copy * splitBytes.length, splitBytes.length);
        }
        return replicated;
    }
}
