package io.trawl.testing.ddl;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.LakeScanProvider;
import io.trawl.testing.DuckDbOracle;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Athena's partition and table-alteration DDL through the engine over real files: registered partitions
 * decide what a query reads, MSCK REPAIR TABLE registers the folders found in storage, and views are stored
 * queries.
 */
class PartitionDdlTest
{
    private Path root;
    private Path data;
    private QueryEngine engine;
    private Session session;

    @BeforeEach
    void setUp()
            throws IOException
    {
        root = Files.createTempDirectory("trawl-ddl");
        data = root.resolve("sales");
        try (DuckDbOracle duck = DuckDbOracle.open()) {
            duck.execute("""
                    COPY (SELECT i AS id, CAST(i AS DOUBLE) AS amount, DATE '2024-01-01' + CAST(i %% 3 AS INTEGER) AS dt FROM range(0, 300) t(i))
                    TO '%s' (FORMAT PARQUET, PARTITION_BY (dt))""".formatted(data));
        }
        engine = new QueryEngine(new LocalCatalogStore(root.resolve("catalog")), LakeScanProvider.forLocalFiles(), EngineConfig.defaults());
        session = Session.defaults();
        run("CREATE EXTERNAL TABLE sales (id bigint, amount double) PARTITIONED BY (dt date) STORED AS PARQUET LOCATION '%s/'".formatted(data.toUri()));
    }

    @AfterEach
    void tearDown()
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private QueryResult run(String sql)
    {
        QueryResult result = engine.execute(sql, session);
        session = result.session();
        return result;
    }

    private List<List<Object>> rows(String sql)
    {
        return TrawlRows.toRows(run(sql));
    }

    @Test
    void registeredPartitionsDecideWhatIsRead()
    {
        assertThat(rows("SELECT count(*) FROM sales")).as("no partitions registered: the folders are discovered").containsExactly(List.of(300L));
        run("ALTER TABLE sales ADD PARTITION (dt = '2024-01-02')");
        assertThat(rows("SHOW PARTITIONS sales")).containsExactly(List.of("dt=2024-01-02"));
        assertThat(rows("SELECT dt, count(*) FROM sales GROUP BY dt")).as("only the registered partition is read")
                .containsExactly(List.of(java.time.LocalDate.of(2024, 1, 2), 100L));
        run("ALTER TABLE sales ADD IF NOT EXISTS PARTITION (dt = '2024-01-02') PARTITION (dt = '2024-01-03')");
        assertThat(rows("SELECT count(*) FROM sales")).containsExactly(List.of(200L));
        assertThat(run("SELECT count(*) FROM sales WHERE dt = DATE '2024-01-03'").bytesScanned())
                .as("one partition read").isLessThan(run("SELECT count(*) FROM sales").bytesScanned());
        run("ALTER TABLE sales DROP PARTITION (dt = '2024-01-02')");
        assertThat(rows("SHOW PARTITIONS sales")).containsExactly(List.of("dt=2024-01-03"));
    }

    @Test
    void msckRepairRegistersEveryFolderOnceAndReportsWhatItAdded()
    {
        run("ALTER TABLE sales ADD PARTITION (dt = '2024-01-01')");
        List<List<Object>> report = rows("MSCK REPAIR TABLE sales");
        assertThat(report).hasSize(2).allSatisfy(row -> assertThat((String) row.getFirst()).startsWith("Repair: Added partition to metastore sales:dt=2024-01-0"));
        assertThat(rows("SHOW PARTITIONS sales")).containsExactly(List.of("dt=2024-01-01"), List.of("dt=2024-01-02"), List.of("dt=2024-01-03"));
        assertThat(rows("MSCK REPAIR TABLE sales")).as("nothing new the second time").hasSize(1);
        assertThat(rows("SELECT count(*) FROM sales")).containsExactly(List.of(300L));
    }

    @Test
    void partitionSpecsAreCheckedBeforeAnythingIsWritten()
    {
        assertThatThrownBy(() -> run("ALTER TABLE sales ADD PARTITION (dt = 'yesterday')"))
                .isInstanceOfSatisfying(TrawlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
                    assertThat(e.getMessage()).contains("'yesterday'").contains("dt").contains("date");
                });
        assertThatThrownBy(() -> run("ALTER TABLE sales ADD PARTITION (region = 'eu')"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage()).contains("partition keys"));
        assertThatThrownBy(() -> run("ALTER TABLE sales ADD PARTITION (dt = '2024-01-01') PARTITION (dt = 'bad')"))
                .isInstanceOf(TrawlException.class);
        assertThat(rows("SHOW PARTITIONS sales")).as("a failed batch adds nothing").isEmpty();
        run("ALTER TABLE sales ADD PARTITION (dt = '2024-01-01')");
        assertThatThrownBy(() -> run("ALTER TABLE sales ADD PARTITION (dt = '2024-01-01')")).isInstanceOf(TrawlException.class);
    }

    @Test
    void partitionsKeepTheirColumnsAndIncompatibleTypeChangesFailClearly()
    {
        run("ALTER TABLE sales ADD PARTITION (dt = '2024-01-01') PARTITION (dt = '2024-01-02')");
        run("ALTER TABLE sales ADD COLUMNS (note string)");
        assertThat(rows("SELECT count(*), count(note), sum(id) FROM sales")).as("the partitions predate note: NULL there")
                .containsExactly(List.of(200L, 0L, 29800L));
        run("ALTER TABLE sales REPLACE COLUMNS (amount double, id bigint, note string)");
        assertThat(rows("SELECT sum(id), sum(amount) FROM sales")).as("Parquet matches columns by name, so a new order reads the same data")
                .containsExactly(List.of(29800L, 29800.0));
        run("ALTER TABLE sales REPLACE COLUMNS (id string, amount double)");
        assertThatThrownBy(() -> run("SELECT count(*) FROM sales"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.getMessage())
                        .startsWith("HIVE_PARTITION_SCHEMA_MISMATCH")
                        .contains("column 'id' in table 'default.sales' is declared as type 'string', but partition 'dt=2024-01-0")
                        .contains("declared column 'id' as type 'bigint'"));
    }

    @Test
    void alterTableChangesPropertiesColumnsAndLocation()
            throws IOException
    {
        run("ALTER TABLE sales SET TBLPROPERTIES ('owner.team' = 'finance')");
        assertThat(rows("SHOW CREATE TABLE sales").getFirst().getFirst().toString()).contains("'owner.team'='finance'");
        run("ALTER TABLE sales ADD COLUMNS (note string)");
        assertThat(rows("SELECT count(*), count(note) FROM sales")).as("a column the files lack reads as NULL").containsExactly(List.of(300L, 0L));
        run("ALTER TABLE sales REPLACE COLUMNS (id bigint)");
        assertThat(run("SELECT * FROM sales LIMIT 1").columns()).extracting(column -> column.name()).containsExactly("id", "dt");
        Path moved = root.resolve("moved");
        Files.createDirectories(moved);
        run("ALTER TABLE sales SET LOCATION '%s/'".formatted(moved.toUri()));
        assertThat(rows("SELECT count(*) FROM sales")).as("the new location is empty").containsExactly(List.of(0L));
    }

    @Test
    void viewsAreStoredQueries()
    {
        run("CREATE VIEW big_sales AS SELECT id, amount FROM sales WHERE amount >= 200");
        assertThat(rows("SELECT count(*), min(id) FROM big_sales")).containsExactly(List.of(100L, 200L));
        assertThat(rows("SHOW CREATE VIEW big_sales").getFirst().getFirst().toString()).startsWith("CREATE VIEW default.big_sales AS").contains("amount >= 200");
        assertThatThrownBy(() -> run("CREATE VIEW big_sales AS SELECT 1 AS x")).isInstanceOfSatisfying(TrawlException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS));
        run("CREATE OR REPLACE VIEW big_sales AS SELECT id FROM sales WHERE amount >= 290");
        assertThat(rows("SELECT count(*) FROM big_sales")).containsExactly(List.of(10L));
        assertThatThrownBy(() -> run("CREATE VIEW broken AS SELECT nope FROM sales")).isInstanceOfSatisfying(TrawlException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND));
        assertThatThrownBy(() -> run("DROP VIEW sales")).isInstanceOf(TrawlException.class);
        run("DROP VIEW big_sales");
        assertThatThrownBy(() -> run("SELECT * FROM big_sales")).isInstanceOfSatisfying(TrawlException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
    }
}
