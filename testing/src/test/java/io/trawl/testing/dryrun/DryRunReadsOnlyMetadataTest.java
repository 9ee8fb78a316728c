package io.trawl.testing.dryrun;

import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.Session;
import io.trawl.engine.dryrun.QueryEstimate;
import io.trawl.engine.dryrun.TableScanEstimate;
import io.trawl.scan.LakeScanProvider;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchQueries;
import io.trawl.testing.tpch.TpchTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a dry run reads from storage: only Parquet footers, each once, and nothing billed; and what it leaves
 * behind: the footers it cached are still billed to the query that runs next, so estimating first does not
 * make the query cheaper than its estimate. The footer of each file is located independently of Trawl, from
 * the file's last 8 bytes (4-byte little-endian metadata length, then the magic).
 */
class DryRunReadsOnlyMetadataTest
{
    private static final double SCALE_FACTOR = TpchLake.DEFAULT_SCALE_FACTOR;

    @TempDir
    static Path home;

    private static CatalogStore catalog;
    private static Session session;

    @BeforeAll
    static void registerTables()
    {
        Path data = TpchLake.dataDirectory(SCALE_FACTOR, TpchFormat.PARQUET);
        catalog = new LocalCatalogStore(home.resolve("catalog"));
        session = TpchTables.registerTables(engine(new ReadRecordingObjectStore()), Session.defaults(), TpchLake.SCHEMA, data, TpchFormat.PARQUET);
    }

    @Test
    void estimateReadsTheFootersAndNoDataPage()
    {
        ReadRecordingObjectStore store = new ReadRecordingObjectStore();
        // Q5 joins six tables: planning reads footers for join ordering, the estimate reads the rest
        QueryEstimate estimate = engine(store).estimate(TpchQueries.query(5, SCALE_FACTOR), session);

        assertThat(store.reads()).as("the estimate fetched footers").isNotEmpty();
        for (ReadRecordingObjectStore.Read read : store.reads()) {
            long footerStart = footerStart(read.location());
            assertThat(read.position()).as("%s: read at %d lies in the footer, which starts at %d", read.location(), read.position(), footerStart)
                    .isGreaterThanOrEqualTo(footerStart);
        }
        long distinctFooters = store.reads().stream().map(ReadRecordingObjectStore.Read::location).distinct()
                .mapToLong(location -> fileSize(location) - footerStart(location)).sum();
        assertThat(store.bytesServed()).as("each footer fetched once").isEqualTo(distinctFooters);
        assertThat(estimate.metadataBytesRead()).as("reported as metadata read").isEqualTo(store.bytesServed());
    }

    @Test
    void footersTheEstimateCachedAreStillBilledToTheQuery()
    {
        String sql = TpchQueries.query(3, SCALE_FACTOR);
        ReadRecordingObjectStore store = new ReadRecordingObjectStore();
        QueryEngine engine = engine(store);

        QueryEstimate estimate = engine.estimate(sql, session);
        long billedAfterEstimate = engine.execute(sql, session).bytesScanned();
        long billedFresh = engine(new ReadRecordingObjectStore()).execute(sql, session).bytesScanned();

        assertThat(billedAfterEstimate).as("the run after the estimate pays for the footers the estimate fetched").isEqualTo(billedFresh);
        assertThat(engine.estimate(sql, session).bytesScanned()).as("and once paid, an estimate no longer counts them")
                .isEqualTo(estimate.bytesScanned() - estimate.scans().stream().mapToLong(scan -> scan.estimate().footerBytes()).sum());
    }

    @Test
    void aTableScannedTwiceCountsItsDataTwiceAndItsFootersOnce()
    {
        String sql = "SELECT sum(l_quantity) FROM lineitem UNION ALL SELECT sum(l_quantity) FROM lineitem";
        QueryEstimate estimate = engine(new ReadRecordingObjectStore()).estimate(sql, session);
        long billed = engine(new ReadRecordingObjectStore()).execute(sql, session).bytesScanned();

        List<TableScanEstimate> scans = estimate.scans();
        assertThat(scans).hasSize(2);
        assertThat(scans.get(0).estimate().footerBytes()).as("first scan: the footers").isPositive();
        assertThat(scans.get(1).estimate().footerBytes()).as("second scan: footers already fetched by the query").isZero();
        assertThat(scans.get(1).estimate().bytesScanned()).as("second scan: the same column chunks again")
                .isEqualTo(scans.get(0).estimate().bytesScanned() - scans.get(0).estimate().footerBytes());
        assertThat(estimate.bytesScanned()).as("the bill").isEqualTo(billed);
    }

    private static QueryEngine engine(ReadRecordingObjectStore store)
    {
        return new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults());
    }

    private static long footerStart(URI location)
    {
        try (FileChannel channel = FileChannel.open(Path.of(location))) {
            ByteBuffer postscript = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(postscript, channel.size() - 8);
            return channel.size() - 8 - Integer.toUnsignedLong(postscript.getInt(0));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long fileSize(URI location)
    {
        try {
            return java.nio.file.Files.size(Path.of(location));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
