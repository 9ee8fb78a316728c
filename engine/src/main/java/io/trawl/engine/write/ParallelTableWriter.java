package io.trawl.engine.write;

import io.trino.spi.Page;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Writes a statement's rows with several {@link TableWriter}s on their own threads: pages go round-robin to the
 * writers, so encoding and compressing (the expensive part of a write, Parquet's GZIP above all) use every core, and
 * each writer writes its own files: one file per writer per partition (and bucket), as Athena's writers do. The
 * partition limit counts the statement's partitions across all writers. A bounded queue per writer holds the
 * producer back when the writers fall behind.
 */
final class ParallelTableWriter
{
    private static final int QUEUED_PAGES_PER_WRITER = 4;
    private static final Page END = new Page(0);

    private final List<TableWriter> writers = new ArrayList<>();
    private final List<BlockingQueue<Page>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private int next;

    ParallelTableWriter(WriteTarget target, FileWriterFactory files, String queryId, long targetFileBytes, int maxPartitions, int parallelism)
    {
        requireNonNull(target, "target is null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        Set<List<String>> statementPartitions = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < parallelism; i++) {
            TableWriter writer = new TableWriter(target, files, queryId, targetFileBytes, maxPartitions, statementPartitions);
            BlockingQueue<Page> queue = new ArrayBlockingQueue<>(QUEUED_PAGES_PER_WRITER);
            writers.add(writer);
            queues.add(queue);
            threads.add(Thread.ofPlatform().name("trawl-writer-" + queryId + "-" + i).daemon().start(() -> drain(writer, queue)));
        }
    }

    /** Hands the page to the next writer, waiting while its queue is full; rethrows a writer's failure. */
    void append(Page page)
    {
        if (page.getPositionCount() == 0) {
            return;
        }
        BlockingQueue<Page> queue = queues.get(next);
        next = (next + 1) % queues.size();
        put(queue, page);
        rethrowFailure();
    }

    /** Waits for every writer to write what it was given, then finishes their files; returns all files written. */
    List<StagedFile> commit()
    {
        for (BlockingQueue<Page> queue : queues) {
            put(queue, END);
        }
        joinAll();
        rethrowFailure();
        List<StagedFile> files = new ArrayList<>();
        for (TableWriter writer : writers) {
            files.addAll(writer.commit());
        }
        return files;
    }

    long rows()
    {
        return writers.stream().mapToLong(TableWriter::rows).sum();
    }

    /** Stops the writers and discards their open files; finished files stay in staging for the caller to delete. */
    void abort()
    {
        stopped = true;
        threads.forEach(Thread::interrupt);
        joinAll();
        writers.forEach(TableWriter::abort);
    }

    private void drain(TableWriter writer, BlockingQueue<Page> queue)
    {
        try {
            while (!stopped) {
                Page page = queue.take();
                if (page == END) {
                    return;
                }
                writer.append(page);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private void put(BlockingQueue<Page> queue, Page page)
    {
        try {
            while (!queue.offer(page, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing", e);
        }
    }

    private void joinAll()
    {
        for (Thread thread : threads) {
            try {
                thread.join();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void rethrowFailure()
    {
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
    }
}
