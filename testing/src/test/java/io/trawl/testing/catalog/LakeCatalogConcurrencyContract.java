package io.trawl.testing.catalog;

import io.airlift.slice.Slices;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.Partition;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the lake-native catalog promises to many stateless API instances sharing one meta location: each
 * writer here has its own store over the same documents, and all start at once.
 */
abstract class LakeCatalogConcurrencyContract
{
    static final int WRITERS = 8;

    /** A new store instance over this test's catalog documents, as another API instance would have. */
    abstract CatalogStore newStore();

    @Test
    void exactlyOneOfConcurrentCreatorsOfATableWins()
            throws Exception
    {
        newStore().createDatabase(new Database("race", Optional.empty(), Optional.empty(), Map.of()));
        List<Callable<String>> attempts = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            CatalogStore store = newStore();
            String owner = "writer-" + writer;
            attempts.add(() -> {
                try {
                    store.createTable(withOwner(table("race", "contested", List.of()), owner));
                    return owner;
                }
                catch (TrawlException e) {
                    return e.errorCode().name();
                }
            });
        }

        List<String> outcomes = runConcurrently(attempts);

        List<String> winners = outcomes.stream().filter(outcome -> outcome.startsWith("writer-")).toList();
        assertThat(winners).as("winners").hasSize(1);
        assertThat(outcomes).as("everyone else was told it exists").filteredOn(outcome -> !outcome.startsWith("writer-"))
                .hasSize(WRITERS - 1).containsOnly("TABLE_ALREADY_EXISTS");
        CatalogStore reader = newStore();
        assertThat(reader.findTable("race", "contested").orElseThrow().owner()).as("the stored table is the winner's").isEqualTo(winners.getFirst());
        assertThat(reader.listTables("race")).as("listed once").containsExactly("contested");
    }

    @Test
    void concurrentPartitionAddersLoseNothingAndExactlyOneAddsAContestedPartition()
            throws Exception
    {
        newStore().createTable(table("default", "events", List.of(new Column("dt", "string"), new Column("hour", "int"))));
        List<Callable<String>> writers = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            CatalogStore store = newStore();
            String day = "2024-01-%02d".formatted(writer + 1);
            writers.add(() -> {
                // two batches of distinct partitions, then everyone tries the same one
                store.addPartitions("default", "events", List.of(partition(day, "0"), partition(day, "1"), partition(day, "2")), false);
                store.addPartitions("default", "events", List.of(partition(day, "3"), partition(day, "4")), false);
                try {
                    store.addPartitions("default", "events", List.of(partition("contested", "0")), false);
                    return "won";
                }
                catch (TrawlException e) {
                    return e.errorCode().name();
                }
            });
        }

        List<String> outcomes = runConcurrently(writers);

        assertThat(outcomes).as("one adder of the contested partition wins").filteredOn("won"::equals).hasSize(1);
        assertThat(outcomes).as("the others are told it exists").filteredOn(outcome -> !outcome.equals("won"))
                .containsOnly("PARTITION_ALREADY_EXISTS").hasSize(WRITERS - 1);
        CatalogStore reader = newStore();
        assertThat(reader.listPartitions("default", "events", TupleDomain.all())).as("every partition").hasSize(WRITERS * 5 + 1);
        assertThat(reader.listPartitions("default", "events", TupleDomain.withColumnDomains(Map.of("dt", Domain.singleValue(VARCHAR, Slices.utf8Slice("2024-01-03"))))))
                .as("one day's partitions").extracting(Partition::values)
                .containsExactly(List.of("2024-01-03", "0"), List.of("2024-01-03", "1"), List.of("2024-01-03", "2"), List.of("2024-01-03", "3"), List.of("2024-01-03", "4"));
    }

    @Test
    void partitionValuesNeedingEscapesRoundTripThroughTheStore()
    {
        CatalogStore store = newStore();
        store.createTable(table("default", "odd", List.of(new Column("p", "string"), new Column("hour", "int"))));
        List<String> values = List.of("a/b", "50%", "x=y", "sp ace", "é", Partition.HIVE_DEFAULT_PARTITION);
        store.addPartitions("default", "odd", values.stream().map(value -> partition(value, "1")).toList(), false);

        assertThat(store.listPartitions("default", "odd", TupleDomain.all())).as("listed")
                .extracting(partition -> partition.values().getFirst()).containsExactlyInAnyOrderElementsOf(values);
        assertThat(store.listPartitions("default", "odd", TupleDomain.withColumnDomains(Map.of("p", Domain.singleValue(VARCHAR, Slices.utf8Slice("50%"))))))
                .as("pruned").extracting(Partition::values).containsExactly(List.of("50%", "1"));
        assertThat(store.findPartition("default", "odd", List.of("a/b", "1"))).as("found").isPresent();

        store.dropTable("default", "odd");
        store.createTable(table("default", "odd", List.of(new Column("p", "string"), new Column("hour", "int"))));
        assertThat(store.listPartitions("default", "odd", TupleDomain.all())).as("dropped with its table").isEmpty();
    }

    static List<String> runConcurrently(List<Callable<String>> tasks)
            throws Exception
    {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> task : tasks) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    static Table table(String database, String name, List<Column> partitionKeys)
    {
        return new Table(database, name, "tester", Table.EXTERNAL_TABLE, Map.of(), storage("s3://lake/" + name + "/"), partitionKeys, Optional.empty(), 0);
    }

    private static StorageDescriptor storage(String location)
    {
        return new StorageDescriptor(List.of(new Column("id", "bigint")), location, StorageDescriptor.PARQUET_INPUT_FORMAT,
                StorageDescriptor.PARQUET_OUTPUT_FORMAT, new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of()), false);
    }

    private static Partition partition(String... values)
    {
        return new Partition("default", "events", List.of(values), storage("s3://lake/events/" + String.join("/", values) + "/"), Map.of());
    }

    private static Table withOwner(Table table, String owner)
    {
        return new Table(table.databaseName(), table.name(), owner, table.tableType(), table.parameters(),
                table.storageDescriptor(), table.partitionKeys(), table.viewOriginalText(), table.version());
    }

    static Table withParameters(Table table, Map<String, String> parameters)
    {
        return new Table(table.databaseName(), table.name(), table.owner(), table.tableType(), parameters,
                table.storageDescriptor(), table.partitionKeys(), table.viewOriginalText(), table.version());
    }
}
