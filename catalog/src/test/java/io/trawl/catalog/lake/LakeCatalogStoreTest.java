package io.trawl.catalog.lake;

import io.airlift.slice.Slices;
import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.Partition;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.catalog.lake.LakeDocuments.DatabaseDocument;
import io.trawl.catalog.lake.LakeDocuments.PartitionDocument;
import io.trawl.catalog.lake.LakeDocuments.TableDocument;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LakeCatalogStoreTest
{
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    private final InMemoryDocuments documents = new InMemoryDocuments();
    private final LakeCatalogStore store = new LakeCatalogStore(documents);

    @Test
    void aQueryOnOneOf365DailyPartitionsReadsOnlyThatPartitionDocument()
    {
        store.createTable(table("default", "events", List.of(new Column("dt", "date"))));
        List<Partition> days = new ArrayList<>();
        for (int day = 0; day < 365; day++) {
            days.add(partition("events", FIRST_DAY.plusDays(day).toString()));
        }
        store.addPartitions("default", "events", days, false);
        documents.resetCounts();

        LocalDate wanted = FIRST_DAY.plusDays(200);
        List<Partition> found = store.listPartitions("default", "events",
                TupleDomain.withColumnDomains(Map.of("dt", Domain.singleValue(DATE, wanted.toEpochDay()))));

        assertThat(found).as("the one matching partition").extracting(Partition::values).containsExactly(List.of(wanted.toString()));
        assertThat(documents.readsUnder("default/events/partitions/")).as("partition documents read")
                .containsExactly("default/events/partitions/dt=" + wanted + ".json");
        assertThat(documents.listings()).as("one listing of the single partition level").containsExactly("default/events/partitions/");
        assertThat(store.listPartitions("default", "events", TupleDomain.all())).as("no predicate: every partition").hasSize(365);
        assertThat(store.listPartitions("default", "events", TupleDomain.none())).as("contradiction: none").isEmpty();
    }

    @Test
    void multiLevelWalkPrunesEachKeyBeforeListingTheNextLevel()
    {
        store.createTable(table("default", "sales", List.of(new Column("year", "int"), new Column("region", "string"))));
        List<Partition> partitions = new ArrayList<>();
        for (int year = 2019; year <= 2024; year++) {
            for (String region : List.of("eu", "us", "apac")) {
                partitions.add(partition("sales", String.valueOf(year), region));
            }
        }
        partitions.add(partition("sales", "2024", Partition.HIVE_DEFAULT_PARTITION));
        store.addPartitions("default", "sales", partitions, false);
        documents.resetCounts();

        Domain recentYears = Domain.create(ValueSet.ofRanges(Range.range(INTEGER, 2023L, true, 2024L, true)), false);
        List<Partition> found = store.listPartitions("default", "sales", TupleDomain.withColumnDomains(Map.of(
                "year", recentYears,
                "REGION", Domain.singleValue(VARCHAR, Slices.utf8Slice("eu")))));

        assertThat(found).as("2023/eu and 2024/eu").extracting(Partition::values)
                .containsExactly(List.of("2023", "eu"), List.of("2024", "eu"));
        assertThat(documents.listings()).as("the root level, then only the two admitted years")
                .containsExactly("default/sales/partitions/", "default/sales/partitions/year=2023/", "default/sales/partitions/year=2024/");
        assertThat(documents.readsUnder("default/sales/partitions/")).as("only the matching documents are read").hasSize(2);

        List<Partition> nulls = store.listPartitions("default", "sales", TupleDomain.withColumnDomains(Map.of("region", Domain.onlyNull(VARCHAR))));
        assertThat(nulls).as("Hive's default partition is NULL").extracting(Partition::values)
                .containsExactly(List.of("2024", Partition.HIVE_DEFAULT_PARTITION));
        List<Partition> notNull = store.listPartitions("default", "sales", TupleDomain.withColumnDomains(Map.of("region", Domain.notNull(VARCHAR))));
        assertThat(notNull).as("IS NOT NULL excludes it").hasSize(18);
    }

    @Test
    void partitionValuesMustMatchTheKeyTypesAndNothingOfABadBatchIsWritten()
    {
        store.createTable(table("default", "sales", List.of(new Column("year", "int"), new Column("day", "date"))));
        List<String> before = documents.keys();

        assertThatThrownBy(() -> store.addPartitions("default", "sales",
                List.of(partition("sales", "2024", "2024-01-01"), partition("sales", "abc", "2024-01-02")), false))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.TYPE_MISMATCH))
                .hasMessage("Partition value 'abc' for key 'year' of table 'default.sales' is not a valid int");
        assertThatThrownBy(() -> store.addPartitions("default", "sales", List.of(partition("sales", "2024", "2024-13-01")), false))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.TYPE_MISMATCH))
                .hasMessage("Partition value '2024-13-01' for key 'day' of table 'default.sales' is not a valid date");
        assertThatThrownBy(() -> store.addPartitions("default", "sales", List.of(partition("sales", "3000000000", "2024-01-01")), false))
                .as("int out of range")
                .hasMessageContaining("'3000000000' for key 'year'");
        assertThatThrownBy(() -> store.addPartitions("default", "sales", List.of(partition("sales", "2024")), false))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Table 'default.sales' is partitioned by 2 key(s) ([year, day]) but 1 value(s) were given: [2024]");
        assertThat(documents.keys()).as("nothing written by the failed batches").isEqualTo(before);

        store.addPartitions("default", "sales", List.of(partition("sales", Partition.HIVE_DEFAULT_PARTITION, "2024-01-01")), false);
        assertThat(store.findPartition("default", "sales", List.of(Partition.HIVE_DEFAULT_PARTITION, "2024-01-01"))).as("NULL fits any type").isPresent();
    }

    @Test
    void aDuplicatePartitionFailsTheWholeBatchUnlessIfNotExists()
    {
        store.createTable(table("default", "events", List.of(new Column("dt", "string"))));
        store.addPartitions("default", "events", List.of(partition("events", "a")), false);

        assertThatThrownBy(() -> store.addPartitions("default", "events", List.of(partition("events", "b"), partition("events", "a")), false))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.PARTITION_ALREADY_EXISTS))
                .hasMessage("Partition (dt=a) of table 'default.events' already exists");
        assertThat(store.findPartition("default", "events", List.of("b"))).as("b was not added").isEmpty();
        assertThatThrownBy(() -> store.addPartitions("default", "events", List.of(partition("events", "c"), partition("events", "c")), false))
                .hasMessage("Partition (dt=c) of table 'default.events' already exists (given more than once in the statement)");

        Partition replacementOfA = new Partition("default", "events", List.of("a"), storage("file:///elsewhere/"), Map.of());
        store.addPartitions("default", "events", List.of(partition("events", "b"), replacementOfA), true);

        assertThat(store.listPartitions("default", "events", TupleDomain.all())).as("a kept as it was, b added")
                .containsExactly(partition("events", "a"), partition("events", "b"));
    }

    @Test
    void dropPartitionsIsAllOrNothingUnlessIfExists()
    {
        store.createTable(table("default", "events", List.of(new Column("dt", "string"))));
        store.addPartitions("default", "events", List.of(partition("events", "a"), partition("events", "b")), false);

        assertThatThrownBy(() -> store.dropPartitions("default", "events", List.of(List.of("a"), List.of("zz")), false))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.PARTITION_NOT_FOUND))
                .hasMessage("Partition (dt=zz) of table 'default.events' does not exist");
        assertThat(store.findPartition("default", "events", List.of("a"))).as("a still there").isPresent();

        store.dropPartitions("default", "events", List.of(List.of("a"), List.of("zz")), true);

        assertThat(store.listPartitions("default", "events", TupleDomain.all())).as("left").extracting(Partition::values).containsExactly(List.of("b"));
    }

    @Test
    void valuesWithSlashesAndPercentSignsAreEscapedInKeysAndRoundTrip()
    {
        store.createTable(table("default", "paths", List.of(new Column("p", "string"))));
        List<String> odd = List.of("a/b", "50%", "x=y", ".hidden", "é");
        store.addPartitions("default", "paths", odd.stream().map(value -> partition("paths", value)).toList(), false);

        assertThat(documents.keys()).as("escaped as Hive escapes folder names")
                .contains("default/paths/partitions/p=a%2Fb.json", "default/paths/partitions/p=50%25.json", "default/paths/partitions/p=x%3Dy.json",
                        "default/paths/partitions/p=%2Ehidden.json");
        assertThat(store.listPartitions("default", "paths", TupleDomain.all())).as("values read back")
                .extracting(partition -> partition.values().getFirst()).containsExactlyInAnyOrderElementsOf(odd);
        assertThat(store.listPartitions("default", "paths", TupleDomain.withColumnDomains(Map.of("p", Domain.singleValue(VARCHAR, Slices.utf8Slice("a/b"))))))
                .as("pruned on the unescaped value").extracting(Partition::values).containsExactly(List.of("a/b"));
    }

    @Test
    void droppingATableDropsItsPartitionsAndARecreatedTableStartsEmpty()
    {
        store.createTable(table("default", "events", List.of(new Column("dt", "string"))));
        store.addPartitions("default", "events", List.of(partition("events", "a"), partition("events", "b")), false);

        store.dropTable("default", "events");

        assertThat(documents.keys()).as("no documents of the table left").noneMatch(key -> key.startsWith("default/events"));
        store.createTable(table("default", "events", List.of(new Column("dt", "string"))));
        assertThat(store.listPartitions("default", "events", TupleDomain.all())).as("new table, no partitions").isEmpty();
    }

    @Test
    void partitionsLeftByAnEarlierTableOfTheSameNameAreInvisible()
    {
        store.createTable(table("default", "events", List.of(new Column("dt", "string"))));
        store.addPartitions("default", "events", List.of(partition("events", "old")), false);
        // what a drop racing an ADD PARTITION can leave behind: the partition document outlives its table
        byte[] leftover = documents.read("default/events/partitions/dt=old.json").orElseThrow().content();
        store.dropTable("default", "events");
        documents.createIfAbsent("default/events/partitions/dt=old.json", leftover);

        store.createTable(table("default", "events", List.of(new Column("dt", "string"))));

        assertThat(store.listPartitions("default", "events", TupleDomain.all())).as("listed").isEmpty();
        assertThat(store.findPartition("default", "events", List.of("old"))).as("found").isEmpty();
        store.addPartitions("default", "events", List.of(partition("events", "old")), false);
        assertThat(store.findPartition("default", "events", List.of("old"))).as("re-added over the leftover").contains(partition("events", "old"));
    }

    @Test
    void updateTableChecksTheVersionAndKeepsPartitions()
    {
        store.createTable(table("default", "events", List.of(new Column("dt", "string"))));
        store.addPartitions("default", "events", List.of(partition("events", "a")), false);
        Table first = store.findTable("default", "events").orElseThrow();

        Table second = store.updateTable(withParameters(first, Map.of("classification", "csv")));

        assertThat(second.version()).as("version").isEqualTo(2);
        assertThat(store.findTable("default", "events")).as("stored").contains(second);
        assertThatThrownBy(() -> store.updateTable(withParameters(first, Map.of("k", "stale"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.CONCURRENT_MODIFICATION))
                .hasMessage("Table 'default.events' was changed concurrently: expected version 1, found 2");
        assertThat(store.findPartition("default", "events", List.of("a"))).as("partitions survive an update").isPresent();
        assertThatThrownBy(() -> store.updateTable(withParameters(table("default", "missing", List.of()), Map.of())))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.TABLE_NOT_FOUND));
    }

    @Test
    void partitionCallsOnMissingTablesNameTheTable()
    {
        assertThatThrownBy(() -> store.addPartitions("default", "nope", List.of(), false))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.TABLE_NOT_FOUND))
                .hasMessage("Table 'default.nope' does not exist");
        assertThatThrownBy(() -> store.listPartitions("nowhere", "t", TupleDomain.all()))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.SCHEMA_NOT_FOUND));
        store.createTable(table("default", "flat", List.of()));
        assertThatThrownBy(() -> store.findPartition("default", "flat", List.of("x")))
                .hasMessage("Table 'default.flat' is not partitioned");
        assertThat(store.listPartitions("default", "flat", TupleDomain.all())).as("an unpartitioned table lists none").isEmpty();
    }

    @Test
    void databaseDropCascadeRemovesEveryDocumentUnderIt()
    {
        store.createDatabase(new Database("sales", Optional.empty(), Optional.empty(), Map.of()));
        store.createTable(table("sales", "orders", List.of(new Column("dt", "string"))));
        store.addPartitions("sales", "orders", List.of(partitionIn("sales", "orders", "a")), false);

        store.dropDatabase("sales", io.trawl.catalog.CatalogStore.DropMode.CASCADE);

        assertThat(documents.keys()).as("documents left").noneMatch(key -> key.startsWith("sales/"));
        assertThat(store.listDatabases()).as("databases").extracting(Database::name).containsExactly("default");
    }

    @Test
    void everyDocumentRoundTripsThroughJson()
    {
        Table table = new Table("db", "t", "owner", Table.EXTERNAL_TABLE, Map.of("classification", "csv", "skip.header.line.count", "1"),
                new StorageDescriptor(List.of(new Column("id", "bigint"), new Column("note", "string", Optional.of("text"))), "s3://b/t/",
                        StorageDescriptor.TEXT_INPUT_FORMAT, StorageDescriptor.TEXT_OUTPUT_FORMAT,
                        new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE, Map.of("field.delim", "|")), true),
                List.of(new Column("dt", "date")), Optional.of("SELECT 1"), 7);
        Database database = new Database("db", Optional.of("about"), Optional.of("s3://b/"), Map.of("k", "v"));
        Partition partition = new Partition("db", "t", List.of("2024-01-01"), table.storageDescriptor(), Map.of("numRows", "3"));
        List<Object> documents = List.of(
                new DatabaseDocument(LakeDocuments.FORMAT, database, List.of("a", "t"), false),
                new DatabaseDocument(LakeDocuments.FORMAT, new Database("e", Optional.empty(), Optional.empty(), Map.of()), List.of(), true),
                new TableDocument(LakeDocuments.FORMAT, "id-1", table),
                new PartitionDocument(LakeDocuments.FORMAT, "id-1", partition));

        for (Object document : documents) {
            assertThat(LakeDocuments.fromJson("key", LakeDocuments.toJson(document), document.getClass()))
                    .as("round trip of " + document.getClass().getSimpleName()).isEqualTo(document);
        }
        assertThatThrownBy(() -> LakeDocuments.fromJson("db/t.json", "{not json".getBytes(), TableDocument.class))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.STORAGE_ERROR))
                .hasMessageStartingWith("Catalog document 'db/t.json' is corrupt");
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

    private static Partition partition(String table, String... values)
    {
        return partitionIn("default", table, values);
    }

    private static Partition partitionIn(String database, String table, String... values)
    {
        return new Partition(database, table, List.of(values), storage("file:///lake/" + table + "/" + String.join("/", values) + "/"), Map.of());
    }

    private static Table withParameters(Table table, Map<String, String> parameters)
    {
        return new Table(table.databaseName(), table.name(), table.owner(), table.tableType(), parameters,
                table.storageDescriptor(), table.partitionKeys(), table.viewOriginalText(), table.version());
    }
}
