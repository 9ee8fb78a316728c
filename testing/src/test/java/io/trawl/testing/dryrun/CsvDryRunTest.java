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
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchQueries;
import io.trawl.testing.tpch.TpchTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dry runs over TPC-H as CSV text files: a text scan reads every file of the table whole (each file here is
 * one split), so the estimate is the size of the table's files per scan, the bill to the byte, and reading
 * it takes no metadata at all.
 */
class CsvDryRunTest
{
    private static final double SCALE_FACTOR = TpchLake.DEFAULT_SCALE_FACTOR;

    @TempDir
    static Path home;

    private static Path data;
    private static CatalogStore catalog;
    private static Session session;

    @BeforeAll
    static void registerTables()
    {
        data = TpchLake.dataDirectory(SCALE_FACTOR, TpchFormat.CSV);
        catalog = new LocalCatalogStore(home.resolve("catalog"));
        session = TpchTables.registerTables(freshEngine(), Session.defaults(), TpchLake.SCHEMA, data, TpchFormat.CSV);
    }

    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {1, 3, 6, 21})
    void estimateIsTheSizeOfEveryFileScannedAndTheBill(int query)
    {
        String sql = TpchQueries.query(query, SCALE_FACTOR);
        QueryEstimate estimate = freshEngine().estimate(sql, session);
        long billed = freshEngine().execute(sql, session).bytesScanned();

        long fileBytes = 0;
        for (TableScanEstimate scan : estimate.scans()) {
            long tableBytes = tableSize(scan.scan().table().name());
            assertThat(scan.estimate().bytesScanned()).as("Q%d: %s read whole", query, scan.scan().table().name()).isEqualTo(tableBytes);
            assertThat(scan.estimate().footerBytes()).isZero();
            fileBytes += tableBytes;
        }
        assertThat(estimate.bytesScanned()).as("Q%d: every scan's files", query).isEqualTo(fileBytes);
        assertThat(estimate.bytesScanned()).as("Q%d: the bill", query).isEqualTo(billed);
        assertThat(estimate.metadataBytesRead()).as("Q%d: text has no footers to read", query).isZero();
    }

    private static long tableSize(String table)
    {
        try (Stream<Path> files = Files.list(data.resolve(table))) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("_") && !file.getFileName().toString().startsWith("."))
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        }
                        catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static QueryEngine freshEngine()
    {
        return new QueryEngine(catalog, LakeScanProvider.create(new LocalObjectStore()), EngineConfig.defaults());
    }
}
