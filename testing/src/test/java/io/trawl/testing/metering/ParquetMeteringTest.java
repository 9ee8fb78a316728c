package io.trawl.testing.metering;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.ScanConfig;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchQueries;
import io.trawl.testing.tpch.TpchTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes scanned for TPC-H queries on Parquet, held to a figure computed independently of Trawl's reader: DuckDB's
 * {@code parquet_metadata} / {@code parquet_file_metadata} of the same files, and the fetch rules documented on
 * {@code ParquetFormat} (footer = its metadata plus the 8-byte postscript; each needed column chunk of each row
 * group read, merged with its neighbour when the gap is at most the merge distance and the result at most
 * 8 MB). Each run uses a new provider, so no footer is in a cache.
 */
class ParquetMeteringTest
{
    private static final int MAX_RANGE_BYTES = 8 * 1024 * 1024;
    private static final List<String> Q6_COLUMNS = List.of("l_quantity", "l_extendedprice", "l_discount", "l_shipdate");
    private static final List<String> Q1_COLUMNS = List.of("l_returnflag", "l_linestatus", "l_quantity", "l_extendedprice", "l_discount", "l_tax", "l_shipdate");

    private static Path data;
    private static DuckDbOracle duckDb;

    @TempDir
    Path home;

    @BeforeAll
    static void openMetadataReader()
    {
        data = TpchLake.dataDirectory(TpchLake.DEFAULT_SCALE_FACTOR, TpchFormat.PARQUET);
        duckDb = DuckDbOracle.open();
    }

    @AfterAll
    static void closeMetadataReader()
    {
        duckDb.close();
    }

    @Test
    void q6BillsTheLineitemFootersAndItsFourColumnChunksExactly()
    {
        assertBillsExactly(6, Q6_COLUMNS, ScanConfig.defaults());
    }

    @Test
    void q1BillsTheLineitemFootersAndItsSevenColumnChunksExactly()
    {
        assertBillsExactly(1, Q1_COLUMNS, ScanConfig.defaults());
    }

    @Test
    void withoutMergingOnlyTheFootersAndTheNeededChunksAreBilled()
    {
        assertBillsExactly(6, Q6_COLUMNS, new ScanConfig(ScanConfig.defaults().targetSplitBytes(), 0));
        assertBillsExactly(1, Q1_COLUMNS, new ScanConfig(ScanConfig.defaults().targetSplitBytes(), 0));
    }

    @Test
    void selectivePredicateOnTheSortColumnSkipsRowGroupsBillsLessAndGivesTheSameAnswer()
    {
        String selective = "SELECT count(*), sum(l_extendedprice), min(l_orderkey), max(l_orderkey) FROM lineitem WHERE l_orderkey < 100";
        String everything = "SELECT count(*), sum(l_extendedprice), min(l_orderkey), max(l_orderkey) FROM lineitem WHERE l_orderkey + 0 < 100";
        List<String> columns = List.of("l_orderkey", "l_extendedprice");
        long mergeDistance = ScanConfig.defaults().maxMergeDistanceBytes();

        QueryResult pruned = run(selective, ScanConfig.defaults());
        QueryResult unpruned = run(everything, ScanConfig.defaults());

        List<List<Object>> oracle = TpchLake.parquet().oracle().query(selective);
        ResultComparison.assertMatches(selective, pruned.columns(), TrawlRows.toRows(pruned), oracle, false);
        assertThat(TrawlRows.toRows(unpruned)).as("the same rows whether row groups were pruned or not").isEqualTo(TrawlRows.toRows(pruned));
        assertThat(pruned.bytesScanned())
                .as("only row groups whose l_orderkey minimum is below 100 are read")
                .isEqualTo(expectedBytes(columns, mergeDistance, minOrderKey -> minOrderKey < 100));
        assertThat(unpruned.bytesScanned())
                .as("a predicate the reader cannot push down reads every row group")
                .isEqualTo(expectedBytes(columns, mergeDistance, _ -> true));
        assertThat(pruned.bytesScanned()).as("pruning saves bytes").isLessThan(unpruned.bytesScanned());
    }

    private void assertBillsExactly(int queryNumber, List<String> columns, ScanConfig config)
    {
        QueryResult result = run(TpchQueries.query(queryNumber, TpchLake.DEFAULT_SCALE_FACTOR), config);

        long expected = expectedBytes(columns, config.maxMergeDistanceBytes(), _ -> true);
        assertThat(result.bytesScanned())
                .as("Q%d: lineitem footers plus the chunks of %s in every row group, merged across gaps up to %d bytes", queryNumber, columns, config.maxMergeDistanceBytes())
                .isEqualTo(expected);
        assertThat(result.bytesScanned()).as("Q%d never reads whole files", queryNumber).isLessThan(totalSize(lineitemFiles()));
    }

    private QueryResult run(String sql, ScanConfig config)
    {
        Path catalog = home.resolve("catalog-" + System.nanoTime());
        QueryEngine engine = new QueryEngine(new LocalCatalogStore(catalog), new LakeScanProvider(new LocalObjectStore(), config), EngineConfig.defaults());
        Session session = TpchTables.registerTables(engine, Session.defaults(), TpchLake.SCHEMA, data, TpchFormat.PARQUET);
        return engine.execute(sql, session);
    }

    /**
     * Footer reads plus needed column chunks, from DuckDB's view of the files. A row group is read when
     * {@code readsRowGroup} accepts its minimum {@code l_orderkey}.
     */
    private static long expectedBytes(List<String> columns, long mergeDistance, LongPredicate readsRowGroup)
    {
        long bytes = 0;
        for (Path file : lineitemFiles()) {
            String path = file.toString().replace("'", "''");
            long footer = ((Number) duckDb.query("SELECT footer_size FROM parquet_file_metadata('%s')".formatted(path)).getFirst().getFirst()).longValue();
            bytes += footer + 8;

            List<List<Object>> chunks = duckDb.query("""
                    SELECT row_group_id, path_in_schema, dictionary_page_offset, data_page_offset, total_compressed_size,
                           (SELECT min(CAST(stats_min AS BIGINT)) FROM parquet_metadata('%1$s') k WHERE k.row_group_id = m.row_group_id AND k.path_in_schema = 'l_orderkey')
                    FROM parquet_metadata('%1$s') m""".formatted(path));
            List<long[]> ranges = new ArrayList<>();
            for (List<Object> chunk : chunks) {
                if (!columns.contains(chunk.get(1).toString()) || !readsRowGroup.test(((Number) chunk.get(5)).longValue())) {
                    continue;
                }
                long dataPage = ((Number) chunk.get(3)).longValue();
                long start = chunk.get(2) == null ? dataPage : Math.min(dataPage, ((Number) chunk.get(2)).longValue());
                ranges.add(new long[] {start, start + ((Number) chunk.get(4)).longValue()});
            }
            bytes += mergedLength(ranges, mergeDistance);
        }
        return bytes;
    }

    private static long mergedLength(List<long[]> ranges, long mergeDistance)
    {
        List<long[]> pieces = new ArrayList<>();
        for (long[] range : ranges) {
            for (long start = range[0]; start < range[1]; start += MAX_RANGE_BYTES) {
                pieces.add(new long[] {start, Math.min(range[1], start + MAX_RANGE_BYTES)});
            }
        }
        pieces.sort(Comparator.comparingLong(range -> range[0]));
        long total = 0;
        long[] current = null;
        for (long[] piece : pieces) {
            if (current != null && piece[0] <= current[1] + mergeDistance && Math.max(current[1], piece[1]) - current[0] <= MAX_RANGE_BYTES) {
                current[1] = Math.max(current[1], piece[1]);
                continue;
            }
            if (current != null) {
                total += current[1] - current[0];
            }
            current = piece.clone();
        }
        return current == null ? total : total + current[1] - current[0];
    }

    private static List<Path> lineitemFiles()
    {
        try (Stream<Path> files = Files.list(data.resolve("lineitem"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long totalSize(List<Path> files)
    {
        long bytes = 0;
        for (Path file : files) {
            try {
                bytes += Files.size(file);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }
}
