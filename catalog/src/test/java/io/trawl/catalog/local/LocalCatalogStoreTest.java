package io.trawl.catalog.local;

import io.trawl.catalog.CatalogStore.DropMode;
import io.trawl.catalog.Column;
import io.trawl.catalog.Database;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalCatalogStoreTest
{
    @TempDir
    Path root;

    @Test
    void defaultDatabaseExistsInAnEmptyCatalog()
    {
        LocalCatalogStore store = new LocalCatalogStore(root);

        assertThat(store.findDatabase("DEFAULT")).as("default, any case").map(Database::name).contains("default");
        assertThat(store.listDatabases()).as("databases").extracting(Database::name).containsExactly("default");
        assertThat(store.listTables("default")).as("tables of default").isEmpty();
        assertThatThrownBy(() -> store.createDatabase(database("default")))
                .as("default cannot be created again")
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_ALREADY_EXISTS));
        assertThatThrownBy(() -> store.dropDatabase("default", DropMode.CASCADE))
                .as("default cannot be dropped")
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void tablesRoundTripThroughJsonDocumentsWithLowerCasedNames()
    {
        LocalCatalogStore store = new LocalCatalogStore(root);
        Database sales = new Database("Sales", Optional.of("orders and customers"), Optional.of("s3://lake/sales/"), Map.of("owner", "ops"));
        store.createDatabase(sales);
        Table orders = table("SALES", "Orders");

        store.createTable(orders);

        assertThat(store.findDatabase("sales")).as("database")
                .contains(new Database("sales", Optional.of("orders and customers"), Optional.of("s3://lake/sales/"), Map.of("owner", "ops")));
        Table expected = new Table("sales", "orders", orders.owner(), orders.tableType(), orders.parameters(),
                orders.storageDescriptor(), orders.partitionKeys(), Optional.empty(), 1);
        assertThat(store.findTable("Sales", "ORDERS")).as("table read back").contains(expected);
        assertThat(new LocalCatalogStore(root).findTable("sales", "orders")).as("read by a second store on the same root").contains(expected);
        assertThat(store.listTables("sales")).as("tables").containsExactly("orders");
        assertThat(root.resolve("sales").resolve("_database.json")).as("database document").isRegularFile();
        assertThat(root.resolve("sales").resolve("orders.json")).as("table document").isRegularFile();
        assertThat(store.listDatabases()).as("databases").extracting(Database::name).containsExactly("default", "sales");
    }

    @Test
    void reportsMissingAndDuplicateObjectsWithTheirNames()
    {
        LocalCatalogStore store = new LocalCatalogStore(root);

        assertThatThrownBy(() -> store.createTable(table("nowhere", "t")))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_NOT_FOUND))
                .hasMessage("Schema 'nowhere' does not exist");
        assertThatThrownBy(() -> store.listTables("nowhere"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> store.dropTable("default", "t"))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND))
                .hasMessage("Table 'default.t' does not exist");
        store.createTable(table("default", "t"));
        assertThatThrownBy(() -> store.createTable(table("default", "T")))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS))
                .hasMessage("Table 'default.t' already exists");
        assertThatThrownBy(() -> store.createTable(table("default", "../escape")))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("'../escape'");
    }

    @Test
    void dropDatabaseRestrictRefusesNonEmptyAndCascadeRemovesTables()
    {
        LocalCatalogStore store = new LocalCatalogStore(root);
        store.createDatabase(database("sales"));
        store.createTable(table("sales", "orders"));

        assertThatThrownBy(() -> store.dropDatabase("sales", DropMode.RESTRICT))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot drop non-empty schema 'sales'");
        assertThat(store.findTable("sales", "orders")).as("restrict left the table").isPresent();

        store.dropDatabase("sales", DropMode.CASCADE);

        assertThat(store.findDatabase("sales")).as("schema gone").isEmpty();
        assertThat(store.findTable("sales", "orders")).as("table gone").isEmpty();
        assertThat(root.resolve("sales")).as("table directory gone").doesNotExist();
        store.createDatabase(database("sales"));
        assertThat(store.listTables("sales")).as("a recreated schema starts empty").isEmpty();
    }

    @Test
    void dropTableRemovesOnlyThatTable()
    {
        LocalCatalogStore store = new LocalCatalogStore(root);
        store.createTable(table("default", "a"));
        store.createTable(table("default", "b"));

        store.dropTable("DEFAULT", "A");

        assertThat(store.listTables("default")).as("remaining").containsExactly("b");
    }

    @Test
    void exactlyOneOfManyConcurrentCreatorsWins()
            throws Exception
    {
        int writers = 16;
        List<Callable<String>> attempts = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int writer = 0; writer < writers; writer++) {
            int owner = writer;
            // each thread has its own store on the same root, as separate processes would
            LocalCatalogStore store = new LocalCatalogStore(root);
            attempts.add(() -> {
                start.await();
                try {
                    store.createTable(withOwner(table("default", "contested"), "writer-" + owner));
                    return "writer-" + owner;
                }
                catch (TrawlException e) {
                    return e.errorCode().name();
                }
            });
        }
        List<String> outcomes = runConcurrently(attempts, start);

        List<String> winners = outcomes.stream().filter(outcome -> outcome.startsWith("writer-")).toList();
        assertThat(winners).as("winners").hasSize(1);
        assertThat(outcomes.stream().filter(outcome -> !outcome.startsWith("writer-")))
                .as("losers").hasSize(writers - 1).allMatch(outcome -> outcome.equals("TABLE_ALREADY_EXISTS"));
        Table stored = new LocalCatalogStore(root).findTable("default", "contested").orElseThrow();
        assertThat(stored.owner()).as("the stored table is the winner's").isEqualTo(winners.getFirst());
        assertThat(stored.version()).as("version").isEqualTo(1);
        try (Stream<Path> files = Files.list(root.resolve("default"))) {
            assertThat(files.map(file -> file.getFileName().toString())).as("no temporary files left").containsExactlyInAnyOrder("_database.json", "contested.json");
        }
    }

    @Test
    void concurrentReadModifyWriteLosesNoUpdate()
            throws Exception
    {
        new LocalCatalogStore(root).createTable(table("default", "counter"));
        int writers = 8;
        int incrementsPerWriter = 10;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> loops = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            LocalCatalogStore store = new LocalCatalogStore(root);
            loops.add(() -> {
                start.await();
                int conflicts = 0;
                for (int done = 0; done < incrementsPerWriter; ) {
                    Table current = store.findTable("default", "counter").orElseThrow();
                    Map<String, String> parameters = new HashMap<>(current.parameters());
                    parameters.merge("count", "1", (old, _) -> String.valueOf(Integer.parseInt(old) + 1));
                    try {
                        store.updateTable(withParameters(current, parameters));
                        done++;
                    }
                    catch (TrawlException e) {
                        assertThat(e.errorCode()).as("only conflicts may fail").isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
                        conflicts++;
                    }
                }
                return String.valueOf(conflicts);
            });
        }
        runConcurrently(loops, start);

        Table result = new LocalCatalogStore(root).findTable("default", "counter").orElseThrow();
        assertThat(result.parameters().get("count")).as("every increment counted").isEqualTo(String.valueOf(writers * incrementsPerWriter));
        assertThat(result.version()).as("one version per committed change").isEqualTo(1 + writers * incrementsPerWriter);
    }

    @Test
    void updateOfAStaleVersionIsRejected()
    {
        LocalCatalogStore store = new LocalCatalogStore(root);
        store.createTable(table("default", "t"));
        Table first = store.findTable("default", "t").orElseThrow();
        Table updated = store.updateTable(withParameters(first, Map.of("k", "v")));

        assertThat(updated.version()).as("next version").isEqualTo(2);
        assertThatThrownBy(() -> store.updateTable(withParameters(first, Map.of("k", "stale"))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION))
                .hasMessage("Table 'default.t' was changed concurrently: expected version 1, found 2");
        assertThat(store.findTable("default", "t")).as("stored").contains(updated);
    }

    private static List<String> runConcurrently(List<Callable<String>> tasks, CountDownLatch start)
            throws Exception
    {
        try (ExecutorService executor = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> task : tasks) {
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private static Database database(String name)
    {
        return new Database(name, Optional.empty(), Optional.empty(), Map.of());
    }

    static Table table(String database, String name)
    {
        StorageDescriptor storage = new StorageDescriptor(
                List.of(new Column("id", "bigint"), new Column("note", "string", Optional.of("free text"))),
                "file:///lake/" + name + "/",
                StorageDescriptor.PARQUET_INPUT_FORMAT,
                StorageDescriptor.PARQUET_OUTPUT_FORMAT,
                new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of("serialization.format", "1")),
                false);
        return new Table(database, name, "tester", Table.EXTERNAL_TABLE, Map.of("classification", "parquet"),
                storage, List.of(new Column("dt", "date")), Optional.empty(), 0);
    }

    private static Table withOwner(Table table, String owner)
    {
        return new Table(table.databaseName(), table.name(), owner, table.tableType(), table.parameters(),
                table.storageDescriptor(), table.partitionKeys(), table.viewOriginalText(), table.version());
    }

    private static Table withParameters(Table table, Map<String, String> parameters)
    {
        return new Table(table.databaseName(), table.name(), table.owner(), table.tableType(), parameters,
                table.storageDescriptor(), table.partitionKeys(), table.viewOriginalText(), table.version());
    }
}
