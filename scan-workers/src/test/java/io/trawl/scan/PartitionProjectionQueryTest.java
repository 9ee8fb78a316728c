package io.trawl.scan;

import io.trawl.catalog.local.LocalCatalogStore;
import io.trawl.engine.EngineConfig;
import io.trawl.engine.QueryEngine;
import io.trawl.engine.QueryResult;
import io.trawl.engine.Session;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.LocalObjectStore;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import io.trino.spi.Page;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Athena partition projection through DDL and SQL: tables created with {@code TBLPROPERTIES ('projection.enabled'
 * = 'true', ...)} over Parquet folders written by DuckDB, some of them outside the projection (which must never
 * be read), with a store that records every listing to prove only projected folders are listed.
 */
class PartitionProjectionQueryTest
{
    @TempDir
    Path home;
    @TempDir
    Path data;

    private final ListingRecorder store = new ListingRecorder();
    private QueryEngine engine;

    @BeforeEach
    void setUp()
    {
        engine = new QueryEngine(new LocalCatalogStore(home), LakeScanProvider.create(store), EngineConfig.defaults());
    }

    @Test
    void enumAndIntegerKeysWithDigitsAndIntervalReadOnlyProjectedFoldersOfATemplate()
    {
        Path root = data.resolve("logs");
        // folder names are not Hive style: <region>/h<hour>/; h03 (off the interval) and ap/ (not in the enum) are not projected
        write(root.resolve("eu/h00"), 0, 10);
        write(root.resolve("eu/h02"), 100, 20);
        write(root.resolve("us/h04"), 200, 30);
        write(root.resolve("eu/h03"), 300, 40);
        write(root.resolve("ap/h00"), 400, 50);
        run("""
                CREATE EXTERNAL TABLE logs (id bigint, amount double) PARTITIONED BY (region string, hour int)
                STORED AS PARQUET LOCATION '%s'
                TBLPROPERTIES ('projection.enabled' = 'true',
                  'projection.region.type' = 'enum', 'projection.region.values' = 'eu,us',
                  'projection.hour.type' = 'integer', 'projection.hour.range' = '0,22', 'projection.hour.interval' = '2', 'projection.hour.digits' = '2',
                  'storage.location.template' = '%s/${region}/h${hour}/')""".formatted(root.toUri(), root.toUri().toString().replaceAll("/$", "")));

        assertThat(rows(run("SELECT region, hour, count(*), min(id) FROM logs GROUP BY region, hour ORDER BY region, hour")))
                .as("only projected partitions, keys from the projection, not from folder names")
                .containsExactly(row("eu", 0, 10L, 0L), row("eu", 2, 20L, 100L), row("us", 4, 30L, 200L));

        store.clear();
        assertThat(rows(run("SELECT count(*), sum(id) FROM logs WHERE region = 'eu' AND hour = 2"))).containsExactly(row(20L, sumOf(100, 20)));
        assertThat(store.listed()).as("exactly the one projected folder is listed, nothing else")
                .containsExactly(root.resolve("eu/h02").toUri().toString());

        store.clear();
        QueryResult offInterval = run("SELECT count(*) FROM logs WHERE hour = 3");
        assertThat(rows(offInterval)).as("h03 exists but hour 3 is not on the interval").containsExactly(row(0L));
        assertThat(offInterval.bytesScanned()).isZero();
        assertThat(store.listed()).as("a value outside the projection lists nothing").isEmpty();

        QueryResult outOfRange = run("SELECT count(*) FROM logs WHERE hour IN (40, 41)");
        assertThat(rows(outOfRange)).containsExactly(row(0L));
        assertThat(outOfRange.bytesScanned()).isZero();
        assertThat(rows(run("SELECT count(*) FROM logs WHERE region = 'ap'"))).as("not in the enum").containsExactly(row(0L));
    }

    @Test
    void fullScanListsOnlyTheProjectedLocationsNeverTheTableRoot()
    {
        Path root = data.resolve("metrics");
        write(root.resolve("kind=a/n=1"), 0, 5);
        write(root.resolve("kind=b/n=3"), 10, 7);
        write(root.resolve("kind=zzz/n=1"), 20, 9);
        run("""
                CREATE EXTERNAL TABLE metrics (id bigint, amount double) PARTITIONED BY (kind string, n bigint)
                STORED AS PARQUET LOCATION '%s'
                TBLPROPERTIES ('projection.enabled' = 'true', 'projection.kind.type' = 'enum', 'projection.kind.values' = 'a,b',
                  'projection.n.type' = 'integer', 'projection.n.range' = '1,3')""".formatted(root.toUri()));

        store.clear();
        assertThat(rows(run("SELECT kind, n, count(*) FROM metrics GROUP BY kind, n ORDER BY kind, n")))
                .as("default layout <location>/kind=<v>/n=<v>/").containsExactly(row("a", 1L, 5L), row("b", 3L, 7L));
        List<String> expected = new ArrayList<>();
        for (String kind : List.of("a", "b")) {
            for (int n = 1; n <= 3; n++) {
                expected.add(root.resolve("kind=" + kind + "/n=" + n).toUri() + "/");
            }
        }
        assertThat(store.listed()).as("six projected folders listed once each (four of them missing, read as empty); no folder walk")
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(uri -> uri.replaceAll("//$", "/")).toList());
        assertThat(store.folderListings()).as("projection never walks the storage tree").isZero();
    }

    @Test
    void dateKeyWithNowRangeCustomFormatAndMonthlyInterval()
    {
        Path root = data.resolve("sales");
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy/MM");
        write(root.resolve(thisMonth.format(format)), 0, 3);
        write(root.resolve(thisMonth.minusMonths(5).format(format)), 10, 4);
        write(root.resolve(thisMonth.minusMonths(30).format(format)), 20, 6);
        run("""
                CREATE EXTERNAL TABLE sales (id bigint, amount double) PARTITIONED BY (month string)
                STORED AS PARQUET LOCATION '%1$s'
                TBLPROPERTIES ('projection.enabled' = 'true', 'projection.month.type' = 'date',
                  'projection.month.format' = 'yyyy/MM', 'projection.month.range' = 'NOW-2YEARS,NOW',
                  'projection.month.interval' = '1', 'projection.month.interval.unit' = 'MONTHS',
                  'storage.location.template' = '%1$s${month}/')""".formatted(root.toUri()));

        assertThat(rows(run("SELECT month, count(*) FROM sales GROUP BY month ORDER BY month")))
                .as("months within NOW-2YEARS..NOW; the one 30 months ago is outside the range")
                .containsExactly(row(thisMonth.minusMonths(5).format(format), 4L), row(thisMonth.format(format), 3L));
        String old = thisMonth.minusMonths(30).format(format);
        QueryResult outside = run("SELECT count(*) FROM sales WHERE month = '" + old + "'");
        assertThat(rows(outside)).as("a month before the range: zero rows, not an error").containsExactly(row(0L));
        assertThat(outside.bytesScanned()).isZero();
        store.clear();
        assertThat(rows(run("SELECT count(*) FROM sales WHERE month >= '" + thisMonth.minusMonths(1).format(format) + "'"))).containsExactly(row(3L));
        assertThat(store.listed()).as("a string range on the key keeps the two matching months").hasSize(2);
    }

    @Test
    void dateTypedKeyWithDayFormatDefaultsToDailyIntervalAndIsPrunedByDateRanges()
    {
        Path root = data.resolve("days");
        write(root.resolve("dt=2024-01-03"), 0, 2);
        write(root.resolve("dt=2024-01-05"), 10, 3);
        write(root.resolve("dt=2024-01-09"), 20, 4);
        run("""
                CREATE EXTERNAL TABLE days (id bigint, amount double) PARTITIONED BY (dt date)
                STORED AS PARQUET LOCATION '%s'
                TBLPROPERTIES ('projection.enabled' = 'true', 'projection.dt.type' = 'date',
                  'projection.dt.format' = 'yyyy-MM-dd', 'projection.dt.range' = '2024-01-01,2024-01-07')""".formatted(root.toUri()));

        assertThat(rows(run("SELECT CAST(dt AS varchar), count(*) FROM days GROUP BY dt ORDER BY dt")))
                .as("day precision: interval 1 DAYS by default; 01-09 is after the range")
                .containsExactly(row("2024-01-03", 2L), row("2024-01-05", 3L));
        store.clear();
        assertThat(rows(run("SELECT count(*) FROM days WHERE dt BETWEEN DATE '2024-01-04' AND DATE '2024-01-06'"))).containsExactly(row(3L));
        assertThat(store.listed()).as("three days listed").hasSize(3);
    }

    @Test
    void compactDateFormatWithStringKeyMatchesOnlyTheProjectionsSpelling()
    {
        Path root = data.resolve("compact");
        write(root.resolve("20240102"), 0, 2);
        write(root.resolve("20240104"), 10, 3);
        run("""
                CREATE EXTERNAL TABLE compact (id bigint, amount double) PARTITIONED BY (day string)
                STORED AS PARQUET LOCATION '%1$s'
                TBLPROPERTIES ('projection.enabled' = 'true', 'projection.day.type' = 'date', 'projection.day.format' = 'yyyyMMdd',
                  'projection.day.range' = '20240101,20240110', 'projection.day.interval' = '1', 'projection.day.interval.unit' = 'DAYS',
                  'storage.location.template' = '%1$s${day}/')""".formatted(root.toUri()));

        assertThat(rows(run("SELECT day, count(*) FROM compact WHERE day BETWEEN '20240102' AND '20240103' GROUP BY day"))).containsExactly(row("20240102", 2L));
        assertThat(rows(run("SELECT count(*) FROM compact WHERE day IN ('20240104', '2024-01-02')"))).as("'2024-01-02' is not a value of format yyyyMMdd")
                .containsExactly(row(3L));
    }

    @Test
    void injectedKeyTakesItsValuesFromTheQueryAndFailsWithoutThem()
    {
        Path root = data.resolve("devices");
        write(root.resolve("d-1"), 0, 2);
        write(root.resolve("d-2"), 10, 3);
        write(root.resolve("d-3"), 20, 4);
        run("""
                CREATE EXTERNAL TABLE devices (id bigint, amount double) PARTITIONED BY (device_id string)
                STORED AS PARQUET LOCATION '%1$s'
                TBLPROPERTIES ('projection.enabled' = 'true', 'projection.device_id.type' = 'injected',
                  'storage.location.template' = '%1$s${device_id}')""".formatted(root.toUri()));

        assertThat(rows(run("SELECT device_id, count(*) FROM devices WHERE device_id IN ('d-1', 'd-3', 'd-9') GROUP BY device_id ORDER BY device_id")))
                .as("IN values injected; d-9 has no folder and is simply empty")
                .containsExactly(row("d-1", 2L), row("d-3", 4L));
        store.clear();
        assertThat(rows(run("SELECT count(*) FROM devices WHERE device_id = 'd-2'"))).containsExactly(row(3L));
        assertThat(store.listed()).containsExactly(root.toUri() + "d-2/");

        for (String sql : List.of("SELECT count(*) FROM devices", "SELECT count(*) FROM devices WHERE device_id > 'd-1'")) {
            assertThatThrownBy(() -> run(sql)).as(sql).isInstanceOf(TrawlException.class)
                    .hasMessage("CONSTRAINT_VIOLATION: For the injected projected partition column device_id, the WHERE clause must contain only static equality conditions, "
                            + "and at least one such condition must be present.");
        }
    }

    @Test
    void projectionThatWouldEnumerateTooManyPartitionsFailsClearlyAndQuickly()
    {
        Path root = data.resolve("wide");
        write(root.resolve("n=5"), 0, 2);
        run("""
                CREATE EXTERNAL TABLE wide (id bigint, amount double) PARTITIONED BY (n bigint)
                STORED AS PARQUET LOCATION '%s'
                TBLPROPERTIES ('projection.enabled' = 'true', 'projection.n.type' = 'integer', 'projection.n.range' = '0,9000000000000')""".formatted(root.toUri()));

        assertThatThrownBy(() -> run("SELECT count(*) FROM wide")).isInstanceOf(TrawlException.class)
                .hasMessageContaining("more than 1,000,000 projected partitions").hasMessageContaining("[n]");
        assertThat(rows(run("SELECT count(*) FROM wide WHERE n BETWEEN 4 AND 6"))).as("a numeric range narrows the projection before enumeration").containsExactly(row(2L));
        assertThat(store.listed()).hasSize(3);
    }

    @Test
    void invalidProjectionPropertiesAreRefusedAtCreateTimeNamingTheProperty()
    {
        Path root = data.resolve("bad");
        write(root.resolve("n=1"), 0, 1);
        List<List<String>> cases = List.of(
                List.of("'projection.n.type' = 'integer', 'projection.n.range' = '5'", "projection.n.range"),
                List.of("'projection.n.type' = 'integer', 'projection.n.range' = '9,1'", "projection.n.range"),
                List.of("'projection.n.type' = 'integer'", "projection.n.range"),
                List.of("'projection.n.type' = 'integer', 'projection.n.range' = '1,9', 'projection.n.interval' = '0'", "projection.n.interval"),
                List.of("'projection.n.type' = 'ranged'", "projection.n.type"),
                List.of("'projection.n.type' = 'enum'", "projection.n.values"),
                List.of("'projection.n.type' = 'enum', 'projection.n.values' = '1,x'", "projection.n.values"),
                List.of("'projection.n.type' = 'date', 'projection.n.format' = 'yyyy-MM-dd', 'projection.n.range' = '2024-13-01,NOW'", "projection.n.range"),
                List.of("'projection.n.type' = 'date', 'projection.n.format' = 'yyyy-MM-dd-HH', 'projection.n.range' = 'NOW-1DAY,NOW'", "projection.n.interval"),
                List.of("'projection.n.type' = 'date', 'projection.n.format' = 'yyyy-MM-dd', 'projection.n.range' = 'NOW-1DAY,NOW', 'projection.n.interval.unit' = 'FORTNIGHTS'",
                        "projection.n.interval.unit"),
                List.of("'projection.other.type' = 'enum'", "missing projection configuration: [n]"),
                List.of("'projection.n.type' = 'injected', 'storage.location.template' = '" + root.toUri() + "fixed/'", "storage.location.template"));
        for (int i = 0; i < cases.size(); i++) {
            String table = "bad" + i;
            String ddl = "CREATE EXTERNAL TABLE %s (id bigint, amount double) PARTITIONED BY (n bigint) STORED AS PARQUET LOCATION '%s' TBLPROPERTIES ('projection.enabled' = 'true', %s)"
                    .formatted(table, root.toUri(), cases.get(i).get(0));
            // refused when the table is defined, so nothing unreadable is stored in the catalog
            assertThatThrownBy(() -> run(ddl)).as(cases.get(i).get(0))
                    .isInstanceOf(TrawlException.class).hasMessageContaining(cases.get(i).get(1));
            assertThatThrownBy(() -> run("SELECT count(*) FROM " + table)).isInstanceOfSatisfying(TrawlException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(io.trawl.error.ErrorCode.TABLE_NOT_FOUND));
        }
    }

    private void write(Path folder, int firstId, int rows)
    {
        try {
            Files.createDirectories(folder);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        DuckDbFiles.copy("SELECT i AS id, CAST(i * 1.5 AS DOUBLE) AS amount FROM range(%d, %d) t(i)".formatted(firstId, firstId + rows), folder.resolve("part-0.parquet"), "FORMAT PARQUET");
    }

    private static long sumOf(int first, int count)
    {
        return (long) count * first + (long) count * (count - 1) / 2;
    }

    private QueryResult run(String sql)
    {
        return engine.execute(sql, Session.defaults());
    }

    private static List<List<Object>> rows(QueryResult result)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (Page page : result.pages()) {
            for (int position = 0; position < page.getPositionCount(); position++) {
                List<Object> row = new ArrayList<>();
                for (int channel = 0; channel < result.columns().size(); channel++) {
                    Type type = result.columns().get(channel).type();
                    row.add(type.getObjectValue(page.getBlock(channel), position));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Object> row(Object... values)
    {
        return Arrays.asList(values);
    }

    /** A local store that records the prefix of every listing, recursive or by folder. */
    private static final class ListingRecorder
            extends io.trawl.scan.store.ForwardingObjectStore
    {
        private final List<String> listed = new CopyOnWriteArrayList<>();
        private final List<String> folderListings = new CopyOnWriteArrayList<>();

        ListingRecorder()
        {
            super(new LocalObjectStore());
        }

        List<String> listed()
        {
            return List.copyOf(listed);
        }

        int folderListings()
        {
            return folderListings.size();
        }

        void clear()
        {
            listed.clear();
            folderListings.clear();
        }

        @Override
        public List<StoredObject> list(URI prefix)
                throws IOException
        {
            listed.add(prefix.toString());
            return super.list(prefix);
        }

        @Override
        public List<URI> listFolders(URI prefix)
                throws IOException
        {
            folderListings.add(prefix.toString());
            return super.listFolders(prefix);
        }
    }
}
