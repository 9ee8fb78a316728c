package io.trawl.testing.write;

import io.trawl.catalog.Column;
import io.trawl.catalog.Partition;
import io.trawl.catalog.Table;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryControl;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.write.FileWriter;
import io.trawl.engine.write.FileWriterFactory;
import io.trawl.engine.write.WriteLocations;
import io.trawl.engine.write.WriteStorage;
import io.trawl.engine.write.WrittenFile;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.Page;
import io.trino.spi.predicate.TupleDomain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write that is cancelled or fails part-way leaves nothing a reader can see and nothing behind: no table, no
 * partitions, no new rows, no data files and no staging files. Writers and storage are wrapped to cancel or fail on
 * cue (the Nth file), with files small enough that the write is many files long.
 */
class WriteAtomicityTest
{
    /** Every page rolls to a new file, so a write of the source is several files per partition. */
    private static final EngineConfig SMALL_FILES = EngineConfig.defaults().withTargetFileBytes(1);

    private WriteLake lake;

    @BeforeEach
    void setUp()
    {
        lake = new WriteLake();
    }

    @AfterEach
    void tearDown()
    {
        lake.close();
    }

    @Test
    void aCtasCancelledMidWayLeavesNoTableAndNoFiles()
    {
        QueryControl control = QueryControl.create();
        AtomicInteger committed = new AtomicInteger();
        QueryEngine engine = lake.engine(SMALL_FILES, writers -> new ObservedWriters(writers, () -> {
            if (committed.incrementAndGet() == 3) {
                control.cancel();
            }
        }, () -> {}), UnaryOperator.identity());

        assertThatThrownBy(() -> lake.run(engine, """
                CREATE TABLE t WITH (external_location = '%s', partitioned_by = ARRAY['dt'])
                AS SELECT id, name, dt FROM src UNION ALL SELECT id, name, dt FROM src""".formatted(lake.location("t")), control, WriteLocations.none()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUERY_CANCELLED));

        assertThat(committed.get()).as("the cancel came after files were written").isGreaterThanOrEqualTo(3);
        assertThat(lake.catalog().findTable("default", "t")).isEmpty();
        assertThat(lake.files("t")).as("no data or staging files").isEmpty();
        assertThat(lake.folders("t")).isEmpty();
    }

    @Test
    void aCtasWhoseWriterFailsOnTheNthFileLeavesNoTableAndNoFiles()
    {
        AtomicInteger created = new AtomicInteger();
        QueryEngine engine = lake.engine(SMALL_FILES, writers -> new ObservedWriters(writers, () -> {}, () -> {
            if (created.incrementAndGet() == 4) {
                throw new TrawlException(ErrorCode.STORAGE_ERROR, "disk full (injected)");
            }
        }), UnaryOperator.identity());

        assertThatThrownBy(() -> lake.run(engine, "CREATE TABLE t WITH (external_location = '%s', partitioned_by = ARRAY['dt']) AS SELECT id, name, dt FROM src"
                .formatted(lake.location("t")), QueryControl.create(), WriteLocations.none()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).isEqualTo("disk full (injected)"));

        assertThat(lake.catalog().findTable("default", "t")).isEmpty();
        assertThat(lake.files("t")).isEmpty();
        assertThat(lake.folders("t")).isEmpty();
    }

    @Test
    void anInsertThatFailsWhilePublishingUndoesTheFilesItMoved()
    {
        lake.run("CREATE TABLE parts WITH (external_location = '%s', partitioned_by = ARRAY['dt']) AS SELECT id, name, dt FROM src WHERE dt = DATE '2024-01-01'"
                .formatted(lake.location("parts")));
        List<String> files = lake.files("parts");
        List<List<String>> partitions = registeredPartitions("parts");
        AtomicInteger moves = new AtomicInteger();
        QueryEngine engine = lake.engine(SMALL_FILES, UnaryOperator.identity(), storage -> new FailingMoves(storage, moves, 3));
        QueryControl control = QueryControl.create();
        URI output = URI.create(lake.location("results"));

        assertThatThrownBy(() -> lake.run(engine, "INSERT INTO parts SELECT id, name, dt FROM src", control, WriteLocations.underOutputLocation(output, control.queryId())))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).isEqualTo("network down (injected)"));

        assertThat(moves.get()).as("two files were already in place when the third move failed").isEqualTo(3);
        assertThat(lake.files("parts")).as("no new rows, no staging files").isEqualTo(files);
        assertThat(lake.folders("parts")).containsExactly("dt=2024-01-01");
        assertThat(registeredPartitions("parts")).isEqualTo(partitions);
        assertThat(lake.files("results")).as("no manifest for a write that did not happen").isEmpty();
        assertThat(lake.rows("SELECT count(*) FROM parts")).containsExactly(List.of(400L));
    }

    @Test
    void anInsertCancelledMidWayAddsNoRows()
    {
        lake.run("CREATE TABLE copy WITH (external_location = '%s') AS SELECT * FROM src".formatted(lake.location("copy")));
        List<String> files = lake.files("copy");
        QueryControl control = QueryControl.create();
        AtomicInteger committed = new AtomicInteger();
        QueryEngine engine = lake.engine(SMALL_FILES, writers -> new ObservedWriters(writers, () -> {
            if (committed.incrementAndGet() == 2) {
                control.cancel();
            }
        }, () -> {}), UnaryOperator.identity());

        assertThatThrownBy(() -> lake.run(engine, "INSERT INTO copy SELECT * FROM src UNION ALL SELECT * FROM src UNION ALL SELECT * FROM src", control, WriteLocations.none()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUERY_CANCELLED));

        assertThat(lake.files("copy")).isEqualTo(files);
        assertThat(lake.folders("copy")).isEmpty();
        assertThat(lake.rows("SELECT count(*) FROM copy")).containsExactly(List.of((long) WriteLake.SOURCE_ROWS));
        assertThat(control.bytesScanned()).as("a cancelled write is billed for what it read").isPositive();
    }

    @Test
    void aFailedUnloadLeavesItsTargetEmpty()
    {
        AtomicInteger created = new AtomicInteger();
        QueryEngine engine = lake.engine(SMALL_FILES, writers -> new ObservedWriters(writers, () -> {}, () -> {
            if (created.incrementAndGet() == 2) {
                throw new TrawlException(ErrorCode.STORAGE_ERROR, "quota exceeded (injected)");
            }
        }), UnaryOperator.identity());

        assertThatThrownBy(() -> lake.run(engine, "UNLOAD (SELECT * FROM src UNION ALL SELECT * FROM src) TO '%s' WITH (format = 'PARQUET')".formatted(lake.location("export")),
                QueryControl.create(), WriteLocations.none()))
                .isInstanceOf(TrawlException.class);

        assertThat(lake.files("export")).isEmpty();
        assertThat(lake.folders("export")).isEmpty();
    }

    private List<List<String>> registeredPartitions(String table)
    {
        return lake.catalog().listPartitions("default", table, TupleDomain.all()).stream().map(Partition::values).toList();
    }

    /** Writers that run a hook before each new file is created and after each file is committed. */
    private record ObservedWriters(FileWriterFactory delegate, Runnable afterCommit, Runnable beforeCreate)
            implements FileWriterFactory
    {
        @Override
        public String fileExtension(Table table)
        {
            return delegate.fileExtension(table);
        }

        @Override
        public FileWriter createWriter(Table table, List<Column> columns, URI location)
        {
            beforeCreate.run();
            FileWriter writer = delegate.createWriter(table, columns, location);
            return new FileWriter()
            {
                @Override
                public void append(Page page)
                {
                    writer.append(page);
                }

                @Override
                public long writtenBytes()
                {
                    return writer.writtenBytes();
                }

                @Override
                public long writtenRows()
                {
                    return writer.writtenRows();
                }

                @Override
                public WrittenFile commit()
                {
                    WrittenFile written = writer.commit();
                    afterCommit.run();
                    return written;
                }

                @Override
                public void abort()
                {
                    writer.abort();
                }
            };
        }
    }

    /** Storage whose Nth move fails, as a lost connection would fail a copy on S3. */
    private record FailingMoves(WriteStorage delegate, AtomicInteger moves, int failingMove)
            implements WriteStorage
    {
        @Override
        public List<URI> list(URI prefix)
        {
            return delegate.list(prefix);
        }

        @Override
        public void move(URI source, URI target)
        {
            if (moves.incrementAndGet() == failingMove) {
                throw new TrawlException(ErrorCode.STORAGE_ERROR, "network down (injected)");
            }
            delegate.move(source, target);
        }

        @Override
        public void write(URI location, byte[] content)
        {
            delegate.write(location, content);
        }

        @Override
        public void delete(URI location)
        {
            delegate.delete(location);
        }

        @Override
        public void deleteAll(URI prefix)
        {
            delegate.deleteAll(prefix);
        }

        @Override
        public void deleteFolderIfEmpty(URI folder)
        {
            delegate.deleteFolderIfEmpty(folder);
        }

        @Override
        public void createFolder(URI location)
        {
            delegate.createFolder(location);
        }
    }
}
