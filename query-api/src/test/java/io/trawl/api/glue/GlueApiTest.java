package io.trawl.api.glue;

import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Glue API as the AWS SDK's GlueClient sees it, against a real server over a lake-native catalog. */
class GlueApiTest
{
    private static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    @TempDir
    static Path home;

    private static TrawlApiServer server;
    private static GlueClient glue;

    @BeforeAll
    static void start()
    {
        server = TrawlApiServer.start(ServerSettings.defaults(home).withCatalogLocation(home.resolve("meta").toUri()));
        glue = server.glue();
    }

    @AfterAll
    static void stop()
    {
        glue.close();
        server.close();
    }

    @Test
    void databasesAreCreatedReadListedAndDeleted()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("Crm").description("customers").locationUri("file:///lake/crm/").parameters(Map.of("owner", "sales"))));

        Database database = glue.getDatabase(request -> request.name("crm")).database();
        assertThat(database.name()).as("name, stored lower-case").isEqualTo("crm");
        assertThat(database.description()).as("description").isEqualTo("customers");
        assertThat(database.locationUri()).as("location").isEqualTo("file:///lake/crm/");
        assertThat(database.parameters()).as("parameters").isEqualTo(Map.of("owner", "sales"));
        assertThat(glue.getDatabasesPaginator(request -> {}).stream().flatMap(page -> page.databaseList().stream()).toList()).extracting(Database::name).as("listed").contains("crm", "default");

        assertGlueError(() -> glue.createDatabase(request -> request.databaseInput(input -> input.name("crm"))),
                AlreadyExistsException.class, "Database already exists.");

        glue.deleteDatabase(request -> request.name("crm"));
        assertGlueError(() -> glue.getDatabase(request -> request.name("crm")), EntityNotFoundException.class, "Database crm not found.");
        assertGlueError(() -> glue.deleteDatabase(request -> request.name("crm")), EntityNotFoundException.class, "Database crm not found.");
    }

    @Test
    void getDatabasesPagesThroughEveryDatabaseOnce()
    {
        for (int i = 0; i < 7; i++) {
            String name = "paged_db_" + i;
            glue.createDatabase(request -> request.databaseInput(input -> input.name(name)));
        }
        List<String> names = new ArrayList<>();
        int pages = 0;
        for (var page : glue.getDatabasesPaginator(request -> request.maxResults(2))) {
            assertThat(page.databaseList()).as("page size").hasSizeLessThanOrEqualTo(2);
            page.databaseList().forEach(database -> names.add(database.name()));
            pages++;
        }
        assertThat(names).as("every database once, in name order").doesNotHaveDuplicates().isSorted()
                .contains("paged_db_0", "paged_db_3", "paged_db_6", "default");
        assertThat(pages).as("pages").isEqualTo((names.size() + 1) / 2);
    }

    @Test
    void tablesRoundTripEveryMemberTheCatalogKeeps()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("shop")));
        TableInput orders = tableInput("orders", List.of(key("dt", "date")));
        glue.createTable(request -> request.databaseName("shop").tableInput(orders));

        Table table = glue.getTable(request -> request.databaseName("SHOP").name("Orders")).table();
        assertThat(table.name()).as("name").isEqualTo("orders");
        assertThat(table.databaseName()).as("database").isEqualTo("shop");
        assertThat(table.owner()).as("owner").isEqualTo("analyst");
        assertThat(table.tableType()).as("type").isEqualTo("EXTERNAL_TABLE");
        assertThat(table.parameters()).as("parameters").isEqualTo(Map.of("classification", "parquet"));
        assertThat(table.storageDescriptor().columns()).as("columns").isEqualTo(orders.storageDescriptor().columns());
        assertThat(table.storageDescriptor().location()).as("location").isEqualTo("file:///lake/orders/");
        assertThat(table.storageDescriptor().inputFormat()).as("input format").isEqualTo(PARQUET_INPUT);
        assertThat(table.storageDescriptor().outputFormat()).as("output format").isEqualTo(PARQUET_OUTPUT);
        assertThat(table.storageDescriptor().compressed()).as("compressed").isTrue();
        assertThat(table.storageDescriptor().serdeInfo().serializationLibrary()).as("serde").isEqualTo(PARQUET_SERDE);
        assertThat(table.storageDescriptor().serdeInfo().parameters()).as("serde parameters").isEqualTo(Map.of("serialization.format", "1"));
        assertThat(table.partitionKeys()).as("partition keys").isEqualTo(List.of(key("dt", "date")));
        assertThat(table.versionId()).as("version").isEqualTo("1");

        assertGlueError(() -> glue.createTable(request -> request.databaseName("shop").tableInput(orders)), AlreadyExistsException.class, "Table already exists.");
        assertGlueError(() -> glue.createTable(request -> request.databaseName("nowhere").tableInput(orders)), EntityNotFoundException.class, "Database nowhere not found.");
        assertGlueError(() -> glue.getTable(request -> request.databaseName("shop").name("missing")), EntityNotFoundException.class, "Table missing not found.");
        assertGlueError(() -> glue.getTable(request -> request.databaseName("nowhere").name("orders")), EntityNotFoundException.class, "Database nowhere not found.");
    }

    @Test
    void updateTableReplacesTheTableAndChecksTheVersionGiven()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("updates")));
        glue.createTable(request -> request.databaseName("updates").tableInput(tableInput("events", List.of(key("dt", "string")))));
        TableInput changed = tableInput("events", List.of(key("dt", "string"))).toBuilder()
                .parameters(Map.of("classification", "parquet", "comment", "changed")).build();

        glue.updateTable(request -> request.databaseName("updates").tableInput(changed).versionId("1"));

        Table table = glue.getTable(request -> request.databaseName("updates").name("events")).table();
        assertThat(table.parameters()).as("parameters").containsEntry("comment", "changed");
        assertThat(table.versionId()).as("version").isEqualTo("2");
        assertGlueError(() -> glue.updateTable(request -> request.databaseName("updates").tableInput(changed).versionId("1")),
                ConcurrentModificationException.class, "Table events was changed: VersionId 1 is not its current version 2.");
        glue.updateTable(request -> request.databaseName("updates").tableInput(changed));
        assertThat(glue.getTable(request -> request.databaseName("updates").name("events")).table().versionId()).as("without VersionId: unconditional").isEqualTo("3");
        assertGlueError(() -> glue.updateTable(request -> request.databaseName("updates").tableInput(tableInput("ghost", List.of()))),
                EntityNotFoundException.class, "Table ghost not found.");
    }

    @Test
    void getTablesFiltersByNamePatternAndPages()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("listing")));
        for (String name : List.of("sales_2023", "sales_2024", "sales_eu", "returns", "stock")) {
            glue.createTable(request -> request.databaseName("listing").tableInput(tableInput(name, List.of())));
        }

        assertThat(tableNames("sales*", 100)).as("Hive-style star").containsExactly("sales_2023", "sales_2024", "sales_eu");
        assertThat(tableNames("sales_20.*|stock", 100)).as("regular expression with alternatives").containsExactly("sales_2023", "sales_2024", "stock");
        assertThat(tableNames("RETURNS", 100)).as("case-insensitive").containsExactly("returns");
        assertThat(tableNames(null, 2)).as("every table, two per page").containsExactly("returns", "sales_2023", "sales_2024", "sales_eu", "stock");
        assertGlueError(() -> glue.getTables(request -> request.databaseName("listing").expression("sales[")), InvalidInputException.class,
                "Expression 'sales[' is not a valid pattern: Unclosed character class");
        assertGlueError(() -> glue.getTables(request -> request.databaseName("nowhere")), EntityNotFoundException.class, "Database nowhere not found.");

        glue.deleteTable(request -> request.databaseName("listing").name("stock"));
        assertThat(tableNames(null, 100)).as("after DeleteTable").doesNotContain("stock");
        assertGlueError(() -> glue.deleteTable(request -> request.databaseName("listing").name("stock")), EntityNotFoundException.class, "Table stock not found.");
    }

    @Test
    void partitionsAreCreatedReadAndDeleted()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("parts")));
        glue.createTable(request -> request.databaseName("parts").tableInput(tableInput("events", List.of(key("year", "int"), key("region", "string")))));
        glue.createPartition(request -> request.databaseName("parts").tableName("events").partitionInput(partitionInput("2024", "eu")));

        Partition partition = glue.getPartition(request -> request.databaseName("parts").tableName("events").partitionValues("2024", "eu")).partition();
        assertThat(partition.values()).as("values").containsExactly("2024", "eu");
        assertThat(partition.databaseName()).as("database").isEqualTo("parts");
        assertThat(partition.tableName()).as("table").isEqualTo("events");
        assertThat(partition.storageDescriptor().location()).as("location").isEqualTo("file:///lake/events/year=2024/region=eu/");
        assertThat(partition.parameters()).as("parameters").isEqualTo(Map.of("source", "test"));

        glue.createPartition(request -> request.databaseName("parts").tableName("events").partitionInput(input -> input.values("2025", "us")));
        assertThat(glue.getPartition(request -> request.databaseName("parts").tableName("events").partitionValues("2025", "us")).partition().storageDescriptor())
                .as("no StorageDescriptor: the table's, at Hive's default folder")
                .satisfies(storage -> {
                    assertThat(storage.location()).as("location").isEqualTo("file:///lake/events/year=2025/region=us/");
                    assertThat(storage.inputFormat()).as("input format").isEqualTo(PARQUET_INPUT);
                });

        assertGlueError(() -> glue.createPartition(request -> request.databaseName("parts").tableName("events").partitionInput(partitionInput("2024", "eu"))),
                AlreadyExistsException.class, "Partition already exists.");
        assertGlueError(() -> glue.createPartition(request -> request.databaseName("parts").tableName("events").partitionInput(partitionInput("soon", "eu"))),
                InvalidInputException.class, "Partition value 'soon' for key 'year' of table 'parts.events' is not a valid int");
        assertGlueError(() -> glue.getPartition(request -> request.databaseName("parts").tableName("events").partitionValues("1999", "eu")),
                EntityNotFoundException.class, "Cannot find partition.");
        assertGlueError(() -> glue.getPartition(request -> request.databaseName("parts").tableName("nope").partitionValues("1999", "eu")),
                EntityNotFoundException.class, "Table nope not found.");

        glue.deletePartition(request -> request.databaseName("parts").tableName("events").partitionValues("2025", "us"));
        assertGlueError(() -> glue.deletePartition(request -> request.databaseName("parts").tableName("events").partitionValues("2025", "us")),
                EntityNotFoundException.class, "Cannot find partition.");
    }

    @Test
    void batchCreatePartitionReportsFailedEntriesAndCreatesTheOthers()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("batches")));
        glue.createTable(request -> request.databaseName("batches").tableInput(tableInput("events", List.of(key("year", "int"), key("region", "string")))));
        glue.createPartition(request -> request.databaseName("batches").tableName("events").partitionInput(partitionInput("2023", "eu")));

        List<PartitionError> errors = glue.batchCreatePartition(request -> request.databaseName("batches").tableName("events").partitionInputList(
                partitionInput("2024", "eu"),
                partitionInput("2023", "eu"),
                partitionInput("2024", "us"),
                partitionInput("2024", "eu"),
                partitionInput("twenty", "eu"),
                partitionInput("2025"))).errors();

        assertThat(errors).extracting(error -> List.of(String.join("/", error.partitionValues()), error.errorDetail().errorCode(), error.errorDetail().errorMessage()))
                .as("per-entry errors")
                .containsExactlyInAnyOrder(
                        List.of("2023/eu", "AlreadyExistsException", "Partition already exists."),
                        List.of("2024/eu", "AlreadyExistsException", "Partition already exists."),
                        List.of("twenty/eu", "InvalidInputException", "Partition value 'twenty' for key 'year' of table 'batches.events' is not a valid int"),
                        List.of("2025", "InvalidInputException", "Table 'batches.events' is partitioned by 2 key(s) ([year, region]) but 1 value(s) were given: [2025]"));
        assertThat(partitionValues("batches", "events", null)).as("the entries that succeeded were created")
                .containsExactly(List.of("2023", "eu"), List.of("2024", "eu"), List.of("2024", "us"));

        assertGlueError(() -> glue.batchCreatePartition(request -> request.databaseName("batches").tableName("missing").partitionInputList(partitionInput("1", "x"))),
                EntityNotFoundException.class, "Table missing not found.");
        List<PartitionInput> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(partitionInput(String.valueOf(i), "x"));
        }
        assertGlueError(() -> glue.batchCreatePartition(request -> request.databaseName("batches").tableName("events").partitionInputList(tooMany)),
                InvalidInputException.class, "PartitionInputList has 101 entries; at most 100 are allowed.");
    }

    @Test
    void batchDeleteAndBatchGetPartitionAnswerPerEntry()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("batchdrop")));
        glue.createTable(request -> request.databaseName("batchdrop").tableInput(tableInput("events", List.of(key("dt", "date")))));
        glue.batchCreatePartition(request -> request.databaseName("batchdrop").tableName("events")
                .partitionInputList(partitionInput("2024-01-01"), partitionInput("2024-01-02"), partitionInput("2024-01-03")));

        List<Partition> got = glue.batchGetPartition(request -> request.databaseName("batchdrop").tableName("events").partitionsToGet(
                values("2024-01-03"), values("2030-01-01"), values("2024-01-01"))).partitions();
        assertThat(got).extracting(Partition::values).as("the ones that exist, in request order")
                .containsExactly(List.of("2024-01-03"), List.of("2024-01-01"));

        List<PartitionError> errors = glue.batchDeletePartition(request -> request.databaseName("batchdrop").tableName("events").partitionsToDelete(
                values("2024-01-01"), values("2030-01-01"), values("2024-01-02", "extra"))).errors();

        assertThat(errors).extracting(error -> List.of(String.join("/", error.partitionValues()), error.errorDetail().errorCode(), error.errorDetail().errorMessage()))
                .as("per-entry errors")
                .containsExactlyInAnyOrder(
                        List.of("2030-01-01", "EntityNotFoundException", "Cannot find partition."),
                        List.of("2024-01-02/extra", "InvalidInputException", "Table 'batchdrop.events' is partitioned by 1 key(s) ([dt]) but 2 value(s) were given: [2024-01-02, extra]"));
        assertThat(partitionValues("batchdrop", "events", null)).as("left").containsExactly(List.of("2024-01-02"), List.of("2024-01-03"));
    }

    @Test
    void getPartitionsFiltersWithExpressions()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("filters")));
        glue.createTable(request -> request.databaseName("filters").tableInput(tableInput("sales", List.of(key("year", "int"), key("day", "date"), key("region", "string")))));
        glue.batchCreatePartition(request -> request.databaseName("filters").tableName("sales").partitionInputList(
                partitionInput("9", "2024-01-09", "eu"),
                partitionInput("10", "2024-01-10", "us"),
                partitionInput("2023", "2023-12-31", "eu-west"),
                partitionInput("2024", "2024-02-01", "apac"),
                partitionInput("__HIVE_DEFAULT_PARTITION__", "2024-03-01", "__HIVE_DEFAULT_PARTITION__")));

        assertThat(years("year > 9")).as("int keys compare as numbers").containsExactly("10", "2023", "2024");
        assertThat(years("year <= 10")).as("<=").containsExactly("10", "9");
        assertThat(years("year <> 2023 AND year != 2024")).as("<> and !=").containsExactly("10", "9");
        assertThat(years("day >= '2024-01-10'")).as("date keys compare as dates").containsExactly("10", "2024", "__HIVE_DEFAULT_PARTITION__");
        assertThat(years("day < '2024-01-10' OR region = 'apac'")).as("OR").containsExactly("2023", "2024", "9");
        assertThat(years("year BETWEEN 10 AND 2023 AND (region = 'us' OR region = 'eu-west')")).as("BETWEEN, AND, parentheses").containsExactly("10", "2023");
        assertThat(years("region IN ('eu', 'apac', 'mars')")).as("IN").containsExactly("2024", "9");
        assertThat(years("region LIKE 'eu%'")).as("LIKE").containsExactly("2023", "9");
        assertThat(years("NOT region LIKE 'eu%'")).as("NOT").containsExactly("10", "2024", "__HIVE_DEFAULT_PARTITION__");
        assertThat(years("year IS NULL")).as("Hive's NULL partition").containsExactly("__HIVE_DEFAULT_PARTITION__");
        assertThat(years("region > 'b'")).as("string keys compare as strings").containsExactly("10", "2023", "9");

        assertGlueError(() -> glue.getPartitions(request -> request.databaseName("filters").tableName("sales").expression("year >> 5")),
                InvalidInputException.class, "Invalid Expression at position 7: expected a value after '>' but found '>'");
        assertGlueError(() -> glue.getPartitions(request -> request.databaseName("filters").tableName("sales").expression("month = 5")),
                InvalidInputException.class, "Invalid Expression at position 1: 'month' is not a partition key of table sales (its partition keys: year, day, region)");
        assertGlueError(() -> glue.getPartitions(request -> request.databaseName("filters").tableName("sales").expression("day = 'tuesday'")),
                InvalidInputException.class, "Invalid Expression at position 7: 'tuesday' is not a valid value for partition key 'day' of type date: expected a date in single quotes ('yyyy-mm-dd')");
    }

    @Test
    void getPartitionsSplitsIntoSegmentsAndPages()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("segments")));
        glue.createTable(request -> request.databaseName("segments").tableInput(tableInput("hits", List.of(key("hour", "int")))));
        List<PartitionInput> hours = new ArrayList<>();
        for (int hour = 0; hour < 48; hour++) {
            hours.add(partitionInput(String.valueOf(hour)));
        }
        glue.batchCreatePartition(request -> request.databaseName("segments").tableName("hits").partitionInputList(hours));
        List<List<String>> all = partitionValues("segments", "hits", null);
        assertThat(all).as("all").hasSize(48);

        List<List<String>> union = new ArrayList<>();
        for (int segment = 0; segment < 4; segment++) {
            int number = segment;
            List<List<String>> part = new ArrayList<>();
            int pages = 0;
            for (GetPartitionsResponse page : glue.getPartitionsPaginator(request -> request.databaseName("segments").tableName("hits")
                    .segment(s -> s.segmentNumber(number).totalSegments(4)).maxResults(5))) {
                assertThat(page.partitions()).as("page size").hasSizeLessThanOrEqualTo(5);
                page.partitions().forEach(partition -> part.add(partition.values()));
                pages++;
            }
            assertThat(pages).as("pages of segment " + number).isEqualTo(Math.max(1, (part.size() + 4) / 5));
            assertThat(part).as("segment %d asked again", number).isEqualTo(segmentValues(number, 4));
            union.addAll(part);
        }
        assertThat(union).as("the segments are disjoint and together are all").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertThat(segmentValues(0, 1)).as("one segment is all").containsExactlyInAnyOrderElementsOf(all);

        assertGlueError(() -> glue.getPartitions(request -> request.databaseName("segments").tableName("hits").segment(s -> s.segmentNumber(4).totalSegments(4))),
                InvalidInputException.class, "SegmentNumber 4 is out of range: it must be between 0 and 3.");
        assertGlueError(() -> glue.getPartitions(request -> request.databaseName("segments").tableName("hits").segment(s -> s.segmentNumber(0).totalSegments(11))),
                InvalidInputException.class, "TotalSegments 11 is out of range: it must be between 1 and 10.");
        assertGlueError(() -> glue.getPartitions(request -> request.databaseName("segments").tableName("hits").maxResults(1001)),
                InvalidInputException.class, "MaxResults 1001 is out of range: it must be between 1 and 1000.");
        assertGlueError(() -> glue.getPartitions(request -> request.databaseName("segments").tableName("hits").nextToken("not-a-token")),
                InvalidInputException.class, "Invalid NextToken.");
    }

    @Test
    void pagingSurvivesPartitionsAddedAndRemovedBetweenPages()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("moving")));
        glue.createTable(request -> request.databaseName("moving").tableInput(tableInput("t", List.of(key("k", "string")))));
        glue.batchCreatePartition(request -> request.databaseName("moving").tableName("t")
                .partitionInputList(partitionInput("a"), partitionInput("c"), partitionInput("e"), partitionInput("g")));

        GetPartitionsResponse first = glue.getPartitions(request -> request.databaseName("moving").tableName("t").maxResults(2));
        glue.batchCreatePartition(request -> request.databaseName("moving").tableName("t").partitionInputList(partitionInput("b"), partitionInput("f")));
        glue.deletePartition(request -> request.databaseName("moving").tableName("t").partitionValues("c"));
        GetPartitionsResponse second = glue.getPartitions(request -> request.databaseName("moving").tableName("t").maxResults(10).nextToken(first.nextToken()));

        assertThat(first.partitions()).extracting(Partition::values).as("first page").containsExactly(List.of("a"), List.of("c"));
        assertThat(second.partitions()).extracting(Partition::values).as("continues after c: nothing repeated or skipped of what is there")
                .containsExactly(List.of("e"), List.of("f"), List.of("g"));
        assertThat(second.nextToken()).as("last page").isNull();
    }

    @Test
    void unknownMembersAreIgnoredAndMissingOnesAreInvalidInput()
    {
        assertGlueError(() -> glue.getTable(request -> request.databaseName("default")), InvalidInputException.class, "TableName is required.");
        assertGlueError(() -> glue.createDatabase(request -> {}), InvalidInputException.class, "DatabaseInput is required.");
        assertGlueError(() -> glue.getDatabases(request -> request.maxResults(0)), InvalidInputException.class, "MaxResults 0 is out of range: it must be between 1 and 100.");
    }

    private static List<String> years(String expression)
    {
        List<String> years = new ArrayList<>();
        for (List<String> values : partitionValues("filters", "sales", expression)) {
            years.add(values.getFirst());
        }
        return years;
    }

    private static List<List<String>> partitionValues(String database, String table, String expression)
    {
        List<List<String>> values = new ArrayList<>();
        glue.getPartitionsPaginator(request -> request.databaseName(database).tableName(table).expression(expression))
                .forEach(page -> page.partitions().forEach(partition -> values.add(partition.values())));
        return values;
    }

    private static List<List<String>> segmentValues(int number, int total)
    {
        List<List<String>> values = new ArrayList<>();
        glue.getPartitionsPaginator(request -> request.databaseName("segments").tableName("hits").segment(s -> s.segmentNumber(number).totalSegments(total)))
                .forEach(page -> page.partitions().forEach(partition -> values.add(partition.values())));
        return values;
    }

    private static List<String> tableNames(String expression, int pageSize)
    {
        List<String> names = new ArrayList<>();
        glue.getTablesPaginator(request -> request.databaseName("listing").expression(expression).maxResults(pageSize))
                .forEach(page -> page.tableList().forEach(table -> names.add(table.name())));
        return names;
    }

    static TableInput tableInput(String name, List<Column> partitionKeys)
    {
        return TableInput.builder()
                .name(name)
                .owner("analyst")
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "parquet"))
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(Column.builder().name("id").type("bigint").build(), Column.builder().name("note").type("string").comment("free text").build())
                        .location("file:///lake/" + name + "/")
                        .inputFormat(PARQUET_INPUT)
                        .outputFormat(PARQUET_OUTPUT)
                        .compressed(true)
                        .serdeInfo(SerDeInfo.builder().serializationLibrary(PARQUET_SERDE).parameters(Map.of("serialization.format", "1")).build())
                        .build())
                .partitionKeys(partitionKeys)
                .build();
    }

    static Column key(String name, String type)
    {
        return Column.builder().name(name).type(type).build();
    }

    private static PartitionInput partitionInput(String... values)
    {
        return PartitionInput.builder()
                .values(values)
                .storageDescriptor(StorageDescriptor.builder().location("file:///lake/events/year=" + values[0] + (values.length > 1 ? "/region=" + values[1] : "") + "/").build())
                .parameters(Map.of("source", "test"))
                .build();
    }

    private static PartitionValueList values(String... values)
    {
        return PartitionValueList.builder().values(values).build();
    }

    private static void assertGlueError(Runnable call, Class<? extends GlueException> type, String message)
    {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(type, error -> {
                    assertThat(error.statusCode()).as("HTTP status").isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorCode()).as("error type").isEqualTo(type.getSimpleName());
                    assertThat(error.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
                });
    }
}
