package io.trawl.testing.write;

import io.trawl.catalog.Column;
import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.datagen.TpchFormat;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStoreWriteStorage;
import io.trawl.scan.writer.LakeFileWriters;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.ResultComparison;
import io.trawl.testing.TrawlRows;
import io.trawl.testing.tpch.TpchLake;
import io.trawl.testing.tpch.TpchQueries;
import io.trawl.testing.tpch.TpchTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's round trip: CTAS copies the TPC-H tables from CSV to Parquet (lineitem and orders partitioned, so the
 * copies' columns are reordered and their rows spread over partition folders), and every TPC-H query on the copies
 * gives DuckDB's answer on the CSV source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchCtasRoundTripTest
{
    private static final double SCALE_FACTOR = TpchLake.DEFAULT_SCALE_FACTOR;
    private static final Map<String, List<String>> PARTITIONED_BY = Map.of(
            "lineitem", List.of("l_returnflag", "l_linestatus"),
            "orders", List.of("o_orderstatus"));

    private Path root;
    private QueryEngine engine;
    private Session session;
    private DuckDbOracle oracle;

    @BeforeAll
    void copyTheCsvTablesToParquet()
            throws IOException
    {
        root = Files.createTempDirectory("trawl-tpch-ctas");
        Path csv = TpchLake.dataDirectory(SCALE_FACTOR, TpchFormat.CSV);
        LocalObjectStore store = new LocalObjectStore();
        LocalCatalogStore catalog = new LocalCatalogStore(root.resolve("catalog"));
        engine = new QueryEngine(catalog, LakeScanProvider.create(store), EngineConfig.defaults())
                .withWriters(new LakeFileWriters(store), new ObjectStoreWriteStorage(store));
        Session source = TpchTables.registerTables(engine, Session.defaults(), "tpch_csv", csv, TpchFormat.CSV);
        session = engine.execute("CREATE DATABASE tpch", source).session().withSchema("tpch");
        for (String table : catalog.listTables("tpch_csv")) {
            List<String> partitionedBy = PARTITIONED_BY.getOrDefault(table, List.of());
            List<String> columns = new ArrayList<>(catalog.findTable("tpch_csv", table).orElseThrow().allColumns().stream().map(Column::name).toList());
            columns.removeAll(partitionedBy);
            columns.addAll(partitionedBy);
            String properties = "format = 'PARQUET', external_location = '%s'".formatted(root.resolve("parquet").resolve(table).toUri())
                    + (partitionedBy.isEmpty() ? "" : ", partitioned_by = ARRAY[%s]".formatted(String.join(", ", partitionedBy.stream().map(name -> "'" + name + "'").toList())));
            QueryResult written = engine.execute("CREATE TABLE tpch.%s WITH (%s) AS SELECT %s FROM tpch_csv.%s".formatted(table, properties, String.join(", ", columns), table), session);
            QueryResult counted = engine.execute("SELECT count(*) FROM tpch_csv." + table, session);
            assertThat(TrawlRows.toRows(written)).as("rows written to %s", table).isEqualTo(TrawlRows.toRows(counted));
        }
        assertThat(Files.list(root.resolve("parquet").resolve("lineitem")).map(path -> path.getFileName().toString()).sorted().toList())
                .as("lineitem's partitions").containsExactly("l_returnflag=A", "l_returnflag=N", "l_returnflag=R");
        oracle = DuckDbOracle.open();
        TpchTables.createOracleViews(oracle, csv, TpchFormat.CSV);
    }

    @AfterAll
    void cleanUp()
            throws IOException
    {
        oracle.close();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static IntStream queryNumbers()
    {
        return IntStream.rangeClosed(1, TpchQueries.QUERY_COUNT);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queryNumbers")
    void theParquetCopyAnswersAsTheCsvSource(int queryNumber)
    {
        String sql = TpchQueries.query(queryNumber, SCALE_FACTOR);
        QueryResult result = engine.execute(sql, session);

        ResultComparison.assertMatches("Q%d on the CTAS copy:%n%s".formatted(queryNumber, sql), result.columns(), TrawlRows.toRows(result), oracle.query(sql),
                TpchQueries.sortKeys(queryNumber));
    }
}
