package io.trawl.api.glue;

import io.airlift.slice.Slices;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.CatalogStore.DropMode;
import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.Partition;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link CatalogStore} promises, with the same error codes and messages, run against each store: the
 * lake-native one and the Glue one (over Trawl's own Glue API, whose catalog is lake-native). Each test works in a
 * database of its own, so stores may be shared between tests.
 */
abstract class CatalogStoreContractTest
{
    private static final AtomicInteger DATABASES = new AtomicInteger();

    protected String db;

    protected abstract CatalogStore store();

    @BeforeEach
    void createDatabase()
    {
        db = "contract_" + DATABASES.incrementAndGet();
        store().createDatabase(new Database(db, Optional.empty(), Optional.empty(), Map.of()));
    }

    @Test
    void databasesAreCreatedFoundListedAndDropped()
    {
        String name = db + "_sales";
        Database sales = new Database(name, Optional.of("orders and returns"), Optional.of("file:///lake/sales/"), Map.of("team", "finance"));

        store().createDatabase(new Database(name.toUpperCase(), sales.description(), sales.locationUri(), sales.parameters()));

        assertThat(store().findDatabase(name)).as("found, lower-case").contains(sales);
        assertThat(store().listDatabases()).as("listed in name order").contains(sales).isSortedAccordingTo((left, right) -> left.name().compareTo(right.name()))
                .extracting(Database::name).contains("default", db);
        assertFails(() -> store().createDatabase(sales), ErrorCode.SCHEMA_ALREADY_EXISTS, "Schema '" + name + "' already exists");

        store().createTable(table(name, "orders", List.of()));
        assertFails(() -> store().dropDatabase(name, DropMode.RESTRICT), ErrorCode.INVALID_ARGUMENT, "Cannot drop non-empty schema '" + name + "'");
        store().dropDatabase(name, DropMode.CASCADE);

        assertThat(store().findDatabase(name)).as("dropped").isEmpty();
        assertThat(store().listDatabases()).extracting(Database::name).as("listed").doesNotContain(name);
        assertFails(() -> store().dropDatabase(name, DropMode.RESTRICT), ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + name + "' does not exist");
        assertFails(() -> store().dropDatabase("default", DropMode.RESTRICT), ErrorCode.INVALID_ARGUMENT, "Cannot drop the default schema");
    }

    @Test
    void tablesKeepEveryMemberAndAreListedFoundAndDropped()
    {
        Table orders = new Table(db, "orders", "tester", Table.EXTERNAL_TABLE, Map.of("classification", "csv", "skip.header.line.count", "1"),
                new StorageDescriptor(List.of(new Column("id", "bigint"), new Column("note", "string", Optional.of("free text"))), "file:///lake/orders/",
                        StorageDescriptor.TEXT_INPUT_FORMAT, StorageDescriptor.TEXT_OUTPUT_FORMAT,
                        new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE, Map.of("field.delim", "|")), true),
                List.of(new Column("dt", "date")), Optional.empty(), 0);
        Table view = new Table(db, "recent", "tester", Table.VIRTUAL_VIEW, Map.of("presto_view", "true"),
                new StorageDescriptor(List.of(new Column("id", "bigint")), "", "", "", new SerDeInfo("", Map.of()), false),
                List.of(), Optional.of("SELECT id FROM orders"), 0);

        store().createTable(orders);
        store().createTable(view);

        assertThat(store().findTable(db, "ORDERS")).as("the table, at version 1").contains(withVersion(orders, 1));
        assertThat(store().findTable(db, "recent")).as("the view").contains(withVersion(view, 1));
        assertThat(store().listTables(db)).as("listed in name order").containsExactly("orders", "recent");
        assertFails(() -> store().createTable(orders), ErrorCode.TABLE_ALREADY_EXISTS, "Table '" + db + ".orders' already exists");
        assertFails(() -> store().createTable(table("nowhere", "t", List.of())), ErrorCode.SCHEMA_NOT_FOUND, "Schema 'nowhere' does not exist");
        assertThat(store().findTable(db, "missing")).as("missing table").isEmpty();
        assertThat(store().findTable("nowhere", "orders")).as("missing database").isEmpty();

        store().dropTable(db, "recent");

        assertThat(store().listTables(db)).as("after the drop").containsExactly("orders");
        assertFails(() -> store().dropTable(db, "recent"), ErrorCode.TABLE_NOT_FOUND, "Table '" + db + ".recent' does not exist");
        assertFails(() -> store().dropTable("nowhere", "recent"), ErrorCode.SCHEMA_NOT_FOUND, "Schema 'nowhere' does not exist");
        assertFails(() -> store().listTables("nowhere"), ErrorCode.SCHEMA_NOT_FOUND, "Schema 'nowhere' does not exist");
    }

    @Test
    void updateTableChecksTheVersionAndKeepsPartitions()
    {
        store().createTable(table(db, "events", List.of(new Column("dt", "string"))));
        store().addPartitions(db, "events", List.of(partition("events", "a")), false);
        Table first = store().findTable(db, "events").orElseThrow();

        Table second = store().updateTable(withParameters(first, Map.of("classification", "csv")));

        assertThat(second.version()).as("version").isEqualTo(2);
        assertThat(store().findTable(db, "events")).as("stored").contains(second);
        assertFails(() -> store().updateTable(withParameters(first, Map.of("k", "stale"))), ErrorCode.CONCURRENT_MODIFICATION,
                "Table '" + db + ".events' was changed concurrently: expected version 1, found 2");
        assertThat(store().findPartition(db, "events", List.of("a"))).as("partitions survive an update").isPresent();
        assertThatThrownBy(() -> store().updateTable(withParameters(table(db, "missing", List.of()), Map.of())))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.TABLE_NOT_FOUND));
    }

    @Test
    void partitionValuesMustMatchTheKeyTypesAndNothingOfABadBatchIsAdded()
    {
        store().createTable(table(db, "sales", List.of(new Column("year", "int"), new Column("day", "date"))));

        assertFails(() -> store().addPartitions(db, "sales", List.of(partition("sales", "2024", "2024-01-01"), partition("sales", "abc", "2024-01-02")), false),
                ErrorCode.TYPE_MISMATCH, "Partition value 'abc' for key 'year' of table '" + db + ".sales' is not a valid int");
        assertFails(() -> store().addPartitions(db, "sales", List.of(partition("sales", "2024", "2024-13-01")), false),
                ErrorCode.TYPE_MISMATCH, "Partition value '2024-13-01' for key 'day' of table '" + db + ".sales' is not a valid date");
        assertFails(() -> store().addPartitions(db, "sales", List.of(partition("sales", "2024")), false),
                ErrorCode.INVALID_ARGUMENT, "Table '" + db + ".sales' is partitioned by 2 key(s) ([year, day]) but 1 value(s) were given: [2024]");
        assertThat(store().listPartitions(db, "sales", TupleDomain.all())).as("nothing added by the failed batches").isEmpty();

        store().addPartitions(db, "sales", List.of(partition("sales", Partition.HIVE_DEFAULT_PARTITION, "2024-01-01")), false);
        assertThat(store().findPartition(db, "sales", List.of(Partition.HIVE_DEFAULT_PARTITION, "2024-01-01"))).as("NULL fits any type").isPresent();
    }

    @Test
    void aDuplicatePartitionFailsTheWholeBatchUnlessIfNotExists()
    {
        store().createTable(table(db, "events", List.of(new Column("dt", "string"))));
        store().addPartitions(db, "events", List.of(partition("events", "a")), false);

        assertFails(() -> store().addPartitions(db, "events", List.of(partition("events", "b"), partition("events", "a")), false),
                ErrorCode.PARTITION_ALREADY_EXISTS, "Partition (dt=a) of table '" + db + ".events' already exists");
        assertThat(store().findPartition(db, "events", List.of("b"))).as("b was not added").isEmpty();
        assertFails(() -> store().addPartitions(db, "events", List.of(partition("events", "c"), partition("events", "c")), false),
                ErrorCode.PARTITION_ALREADY_EXISTS, "Partition (dt=c) of table '" + db + ".events' already exists (given more than once in the statement)");

        Partition replacementOfA = new Partition(db, "events", List.of("a"), storage("file:///elsewhere/"), Map.of());
        store().addPartitions(db, "events", List.of(partition("events", "b"), replacementOfA), true);

        assertThat(store().listPartitions(db, "events", TupleDomain.all())).as("a kept as it was, b added")
                .containsExactly(partition("events", "a"), partition("events", "b"));
    }

    @Test
    void dropPartitionsIsAllOrNothingUnlessIfExists()
    {
        store().createTable(table(db, "events", List.of(new Column("dt", "string"))));
        store().addPartitions(db, "events", List.of(partition("events", "a"), partition("events", "b")), false);

        assertFails(() -> store().dropPartitions(db, "events", List.of(List.of("a"), List.of("zz")), false),
                ErrorCode.PARTITION_NOT_FOUND, "Partition (dt=zz) of table '" + db + ".events' does not exist");
        assertThat(store().findPartition(db, "events", List.of("a"))).as("a still there").isPresent();

        store().dropPartitions(db, "events", List.of(List.of("a"), List.of("zz")), true);

        assertThat(store().listPartitions(db, "events", TupleDomain.all())).as("left").extracting(Partition::values).containsExactly(List.of("b"));
    }

    @Test
    void listPartitionsSelectsByThePredicateKeyByKey()
    {
        store().createTable(table(db, "sales", List.of(new Column("year", "int"), new Column("region", "string"))));
        List<Partition> partitions = new ArrayList<>();
        for (int year = 2019; year <= 2024; year++) {
            for (String region : List.of("eu", "us", "apac")) {
                partitions.add(partition("sales", String.valueOf(year), region));
            }
        }
        partitions.add(partition("sales", "2024", Partition.HIVE_DEFAULT_PARTITION));
        partitions.add(partition("sales", Partition.HIVE_DEFAULT_PARTITION, "eu"));
        store().addPartitions(db, "sales", partitions, false);

        Domain recentYears = Domain.create(ValueSet.ofRanges(Range.range(INTEGER, 2023L, true, 2024L, true)), false);
        assertThat(store().listPartitions(db, "sales", TupleDomain.withColumnDomains(Map.of("year", recentYears, "REGION", Domain.singleValue(VARCHAR, Slices.utf8Slice("eu"))))))
                .as("2023/eu and 2024/eu").extracting(Partition::values).containsExactly(List.of("2023", "eu"), List.of("2024", "eu"));
        assertThat(store().listPartitions(db, "sales", TupleDomain.withColumnDomains(Map.of("year", Domain.multipleValues(INTEGER, List.of(2019L, 2021L))))))
                .as("two years").hasSize(6);
        assertThat(store().listPartitions(db, "sales", TupleDomain.withColumnDomains(Map.of("region", Domain.onlyNull(VARCHAR)))))
                .as("Hive's default partition is NULL").extracting(Partition::values).containsExactly(List.of("2024", Partition.HIVE_DEFAULT_PARTITION));
        assertThat(store().listPartitions(db, "sales", TupleDomain.withColumnDomains(Map.of("year", Domain.onlyNull(INTEGER)))))
                .as("NULL of an int key").extracting(Partition::values).containsExactly(List.of(Partition.HIVE_DEFAULT_PARTITION, "eu"));
        assertThat(store().listPartitions(db, "sales", TupleDomain.withColumnDomains(Map.of("region", Domain.notNull(VARCHAR))))).as("IS NOT NULL").hasSize(19);
        assertThat(store().listPartitions(db, "sales", TupleDomain.withColumnDomains(Map.of(
                "year", Domain.create(ValueSet.ofRanges(Range.greaterThan(INTEGER, 2023L)), true),
                "region", Domain.create(ValueSet.of(VARCHAR, Slices.utf8Slice("us")), true)))))
                .as("ranges admitting NULL").extracting(Partition::values)
                .containsExactly(List.of("2024", Partition.HIVE_DEFAULT_PARTITION), List.of("2024", "us"));
        assertThat(store().listPartitions(db, "sales", TupleDomain.all())).as("no predicate: every partition").hasSize(20);
        assertThat(store().listPartitions(db, "sales", TupleDomain.none())).as("contradiction: none").isEmpty();
    }

    @Test
    void batchesBeyondGluesLimitsAreAddedDroppedAndFilteredWhole()
    {
        LocalDate firstDay = LocalDate.of(2024, 1, 1);
        store().createTable(table(db, "events", List.of(new Column("dt", "date"))));
        List<Partition> days = new ArrayList<>();
        for (int day = 0; day < 250; day++) {
            days.add(partition("events", firstDay.plusDays(day).toString()));
        }
        store().addPartitions(db, "events", days, false);

        Domain february = Domain.create(ValueSet.ofRanges(Range.range(DATE, LocalDate.of(2024, 2, 1).toEpochDay(), true, LocalDate.of(2024, 3, 1).toEpochDay(), false)), false);
        assertThat(store().listPartitions(db, "events", TupleDomain.withColumnDomains(Map.of("dt", february)))).as("February").hasSize(29)
                .first().extracting(Partition::values).isEqualTo(List.of("2024-02-01"));

        List<List<String>> toDrop = new ArrayList<>();
        for (int day = 0; day < 60; day++) {
            toDrop.add(List.of(firstDay.plusDays(day).toString()));
        }
        store().dropPartitions(db, "events", toDrop, false);

        List<Partition> left = store().listPartitions(db, "events", TupleDomain.all());
        assertThat(left).as("left").hasSize(190).first().extracting(Partition::values).isEqualTo(List.of(firstDay.plusDays(60).toString()));
    }

    @Test
    void valuesWithSlashesQuotesAndPercentSignsRoundTrip()
    {
        store().createTable(table(db, "paths", List.of(new Column("p", "string"))));
        List<String> odd = List.of("a/b", "50%", "x=y", ".hidden", "é", "it's", "a b");
        store().addPartitions(db, "paths", odd.stream().map(value -> partition("paths", value)).toList(), false);

        assertThat(store().listPartitions(db, "paths", TupleDomain.all())).as("values read back")
                .extracting(partition -> partition.values().getFirst()).containsExactlyInAnyOrderElementsOf(odd);
        for (String value : odd) {
            assertThat(store().listPartitions(db, "paths", TupleDomain.withColumnDomains(Map.of("p", Domain.singleValue(VARCHAR, Slices.utf8Slice(value))))))
                    .as("selected by %s", value).extracting(Partition::values).containsExactly(List.of(value));
            assertThat(store().findPartition(db, "paths", List.of(value))).as("found: %s", value).contains(partition("paths", value));
        }
    }

    @Test
    void droppingATableDropsItsPartitionsAndARecreatedTableStartsEmpty()
    {
        store().createTable(table(db, "events", List.of(new Column("dt", "string"))));
        store().addPartitions(db, "events", List.of(partition("events", "a"), partition("events", "b")), false);

        store().dropTable(db, "events");
        store().createTable(table(db, "events", List.of(new Column("dt", "string"))));

        assertThat(store().listPartitions(db, "events", TupleDomain.all())).as("new table, no partitions").isEmpty();
        assertThat(store().findPartition(db, "events", List.of("a"))).as("old partition").isEmpty();
    }

    @Test
    void partitionCallsOnMissingTablesNameTheTable()
    {
        assertFails(() -> store().addPartitions(db, "nope", List.of(), false), ErrorCode.TABLE_NOT_FOUND, "Table '" + db + ".nope' does not exist");
        assertFails(() -> store().listPartitions("nowhere", "t", TupleDomain.all()), ErrorCode.SCHEMA_NOT_FOUND, "Schema 'nowhere' does not exist");
        assertFails(() -> store().dropPartitions(db, "nope", List.of(List.of("x")), true), ErrorCode.TABLE_NOT_FOUND, "Table '" + db + ".nope' does not exist");
        store().createTable(table(db, "flat", List.of()));
        assertFails(() -> store().findPartition(db, "flat", List.of("x")), ErrorCode.INVALID_ARGUMENT, "Table '" + db + ".flat' is not partitioned");
        assertThat(store().listPartitions(db, "flat", TupleDomain.all())).as("an unpartitioned table lists none").isEmpty();
    }

    static Table table(String database, String name, List<Column> partitionKeys)
    {
        return new Table(database, name, "tester", Table.EXTERNAL_TABLE, Map.of("classification", "parquet"),
                storage("file:///lake/" + name + "/"), partitionKeys, Optional.empty(), 0);
    }

    static StorageDescriptor storage(String location)
    {
        return new StorageDescriptor(List.of(new Column("id", "bigint")), location, StorageDescriptor.PARQUET_INPUT_FORMAT,
                StorageDescriptor.PARQUET_OUTPUT_FORMAT, new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of()), false);
    }

    private Partition partition(String table, String... values)
    {
        return new Partition(db, table, List.of(values), storage("file:///lake/" + table + "/" + String.join("/", values) + "/"), Map.of("source", "contract"));
    }

    private static Table withVersion(Table table, long version)
    {
        return new Table(table.databaseName(), table.name(), table.owner(), table.tableType(), table.parameters(),
                table.storageDescriptor(), table.partitionKeys(), table.viewOriginalText(), version);
    }

    private static Table withParameters(Table table, Map<String, String> parameters)
    {
        return new Table(table.databaseName(), table.name(), table.owner(), table.tableType(), parameters,
                table.storageDescriptor(), table.partitionKeys(), table.viewOriginalText(), table.version());
    }

    private static void assertFails(Runnable call, ErrorCode code, String message)
    {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(code))
                .hasMessage(message);
    }
}
