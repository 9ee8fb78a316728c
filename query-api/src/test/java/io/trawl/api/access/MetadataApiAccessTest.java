package io.trawl.api.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trawl.api.AthenaRows;
import io.trawl.api.SignedHttp;
import io.trawl.api.TrawlApiServer;
import io.trawl.api.service.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.BatchGetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.TableMetadata;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With access control on, the Athena and Glue metadata APIs answer by the grants SQL's SHOW and DESCRIBE answer by,
 * so neither is a way around them: listings leave out what a user cannot see, a table shows only the columns the user
 * reads, partitions need SELECT on the partition keys (a row filter is not enough), changes need the privilege SQL
 * would need and an allowed location, and a dropped table's grants go with it. A query's record, and the usage
 * ledger, are their owner's.
 */
class MetadataApiAccessTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private static TrawlApiServer server;
    private static AthenaClient admin;
    private static AthenaClient ana;
    private static AthenaClient bob;
    private static AthenaClient carol;
    private static GlueClient adminGlue;
    private static GlueClient anaGlue;
    private static GlueClient bobGlue;
    private static GlueClient carolGlue;

    @BeforeAll
    static void startServerWithGrants()
    {
        Map<String, String> environment = Map.of(
                "TRAWL_ACCESS_KEYS", "AKIDADMIN:admin-secret:admin,AKIDANA:ana-secret:ana,AKIDBOB:bob-secret:bob,AKIDCAROL:carol-secret:carol",
                "TRAWL_ADMINS", "admin",
                "TRAWL_ALLOWED_LOCATIONS", home.toUri().toString());
        server = TrawlApiServer.start(ServerSettings.defaults(home).withEnvironment(environment));
        admin = server.athena("AKIDADMIN", "admin-secret");
        ana = server.athena("AKIDANA", "ana-secret");
        bob = server.athena("AKIDBOB", "bob-secret");
        carol = server.athena("AKIDCAROL", "carol-secret");
        adminGlue = server.glue("AKIDADMIN", "admin-secret");
        anaGlue = server.glue("AKIDANA", "ana-secret");
        bobGlue = server.glue("AKIDBOB", "bob-secret");
        carolGlue = server.glue("AKIDCAROL", "carol-secret");

        for (String sql : List.of(
                "CREATE DATABASE sales",
                "CREATE DATABASE pii",
                "CREATE TABLE sales.orders WITH (partitioned_by = ARRAY['region']) AS SELECT * FROM (VALUES (1, 10.5, 'EU'), (2, 20.0, 'US'), (3, 7.25, 'EU')) AS v(id, amount, region)",
                "CREATE TABLE pii.customers AS SELECT * FROM (VALUES (1, 'Ann', '123-45-6789')) AS v(id, name, ssn)",
                "CREATE USER ana",
                "CREATE USER bob",
                "CREATE USER carol",
                "GRANT SELECT ON TABLE sales.orders TO USER ana",
                "GRANT CREATE ON SCHEMA sales TO USER ana",
                "CREATE ROW FILTER eu ON TABLE sales.orders COLUMNS (id, region) WHERE region = 'EU'",
                "GRANT SELECT ON ROW FILTER eu ON TABLE sales.orders TO USER bob",
                "GRANT SELECT (id, name) ON TABLE pii.customers TO USER carol")) {
            AthenaRows.run(admin, "default", sql);
        }
    }

    @AfterAll
    static void stopServer()
    {
        for (AutoCloseable client : List.of(admin, ana, bob, carol, adminGlue, anaGlue, bobGlue, carolGlue)) {
            try {
                client.close();
            }
            catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        server.close();
    }

    @Test
    void athenaListsOnlyTheDatabasesAndTablesAUserCanSee()
    {
        assertThat(databases(admin)).contains("sales", "pii", "default");
        assertThat(databases(ana)).containsExactly("sales");
        assertThat(databases(bob)).containsExactly("sales");
        assertThat(databases(carol)).containsExactly("pii");

        assertThat(tableNames(carol, "pii")).containsExactly("customers");
        assertThat(tableNames(ana, "pii")).isEmpty();
        assertThat(tableNames(admin, "pii")).containsExactly("customers");
    }

    @Test
    void athenaGetTableMetadataRefusesAnUnreadableTableAndHidesUnreadableColumns()
    {
        assertThatThrownBy(() -> ana.getTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("pii").tableName("customers")))
                .isInstanceOfSatisfying(AthenaException.class, error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("MetadataException");
                    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Access Denied: Cannot show table pii.customers");
                });
        assertThatThrownBy(() -> ana.getDatabase(request -> request.catalogName("AwsDataCatalog").databaseName("pii")))
                .isInstanceOfSatisfying(AthenaException.class, error -> assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Access Denied: Cannot access schema pii"));

        TableMetadata customers = carol.getTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("pii").tableName("customers")).tableMetadata();
        assertThat(customers.columns()).extracting(software.amazon.awssdk.services.athena.model.Column::name).containsExactly("id", "name");
        TableMetadata whole = admin.getTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("pii").tableName("customers")).tableMetadata();
        assertThat(whole.columns()).extracting(software.amazon.awssdk.services.athena.model.Column::name).containsExactly("id", "name", "ssn");

        // a row filter's column list is what its reader sees of the table, partition keys included
        TableMetadata filtered = bob.getTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("sales").tableName("orders")).tableMetadata();
        assertThat(filtered.columns()).extracting(software.amazon.awssdk.services.athena.model.Column::name).containsExactly("id");
        assertThat(filtered.partitionKeys()).extracting(software.amazon.awssdk.services.athena.model.Column::name).containsExactly("region");
    }

    @Test
    void glueReadsFollowTheSameGrants()
    {
        assertThat(adminGlue.getDatabasesPaginator(request -> {}).stream().flatMap(page -> page.databaseList().stream()).map(database -> database.name()).toList()).contains("sales", "pii");
        assertThat(carolGlue.getDatabasesPaginator(request -> {}).stream().flatMap(page -> page.databaseList().stream()).map(database -> database.name()).toList()).containsExactly("pii");
        assertGlueDenied(() -> anaGlue.getDatabase(request -> request.name("pii")), "Access Denied: Cannot access schema pii");

        assertThat(anaGlue.getTables(request -> request.databaseName("pii")).tableList()).isEmpty();
        assertGlueDenied(() -> anaGlue.getTable(request -> request.databaseName("pii").name("customers")), "Access Denied: Cannot show table pii.customers");
        List<Column> columns = carolGlue.getTable(request -> request.databaseName("pii").name("customers")).table().storageDescriptor().columns();
        assertThat(columns).extracting(Column::name).containsExactly("id", "name");
        assertThat(carolGlue.getTables(request -> request.databaseName("pii")).tableList().getFirst().storageDescriptor().columns())
                .extracting(Column::name).containsExactly("id", "name");
    }

    @Test
    void partitionsNeedSelectOnThePartitionKeysNotARowFilter()
    {
        assertThat(partitionValues(anaGlue)).containsExactlyInAnyOrder(List.of("EU"), List.of("US"));
        assertThat(partitionValues(adminGlue)).containsExactlyInAnyOrder(List.of("EU"), List.of("US"));

        // bob reads the EU rows only: the US partition's existence and location are not his to see
        String refusal = "Access Denied: Cannot show partitions of table sales.orders: listing partitions needs SELECT on its partition columns, not a row filter";
        assertGlueDenied(() -> bobGlue.getPartitions(request -> request.databaseName("sales").tableName("orders")), refusal);
        assertGlueDenied(() -> bobGlue.getPartition(request -> request.databaseName("sales").tableName("orders").partitionValues("US")), refusal);
        assertGlueDenied(() -> bobGlue.batchGetPartition(request -> request.databaseName("sales").tableName("orders")
                .partitionsToGet(values -> values.values("US"))), refusal);
        assertGlueDenied(() -> carolGlue.getPartitions(request -> request.databaseName("sales").tableName("orders")), "Access Denied: Cannot show table sales.orders");

        // SQL's SHOW PARTITIONS answers alike
        String id = bob.startQueryExecution(request -> request.queryString("SHOW PARTITIONS sales.orders")).queryExecutionId();
        var execution = AthenaRows.awaitTerminal(bob, id);
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(execution.status().stateChangeReason()).contains(refusal);
    }

    @Test
    void glueChangesNeedTheirPrivilegesAndAllowedLocations()
    {
        String allowed = home.resolve("lake/ana_table/").toUri().toString();
        // carol holds no CREATE in sales
        assertGlueDenied(() -> carolGlue.createTable(request -> request.databaseName("sales").tableInput(table("carol_table", allowed))),
                "Access Denied: Cannot create table in schema sales");
        // ana may create in sales, but not over another tenant's data
        assertGlueDenied(() -> anaGlue.createTable(request -> request.databaseName("sales").tableInput(table("ana_table", "s3://other-tenant/data/"))),
                "Access Denied: Location 's3://other-tenant/data/' is outside the locations this deployment allows");
        assertGlueDenied(() -> anaGlue.createTable(request -> request.databaseName("sales").tableInput(table("ana_table", home.resolve("lake/../../elsewhere/").toUri() + "x/"))),
                "is outside the locations this deployment allows");
        assertThat(adminGlue.getTables(request -> request.databaseName("sales")).tableList()).extracting(table -> table.name()).doesNotContain("ana_table", "carol_table");

        anaGlue.createTable(request -> request.databaseName("sales").tableInput(table("ana_table", allowed)));
        assertThat(adminGlue.getTable(request -> request.databaseName("sales").name("ana_table")).table().storageDescriptor().location()).isEqualTo(allowed);

        // altering and dropping need ALTER and DROP, which creating a table does not give
        assertGlueDenied(() -> anaGlue.updateTable(request -> request.databaseName("sales").tableInput(table("ana_table", allowed))), "Access Denied: Cannot alter table sales.ana_table");
        assertGlueDenied(() -> anaGlue.deleteTable(request -> request.databaseName("sales").name("ana_table")), "Access Denied: Cannot drop table sales.ana_table");
        AthenaRows.run(admin, "default", "GRANT ALTER, DROP ON TABLE sales.ana_table TO USER ana");
        assertGlueDenied(() -> anaGlue.updateTable(request -> request.databaseName("sales").tableInput(table("ana_table", "s3://other-tenant/data/"))),
                "Access Denied: Location 's3://other-tenant/data/' is outside the locations this deployment allows");
        assertGlueDenied(() -> anaGlue.createPartition(request -> request.databaseName("sales").tableName("orders")
                        .partitionInput(partition -> partition.values("APAC").storageDescriptor(storage -> storage.location("s3://other-tenant/apac/")))),
                "Access Denied: Cannot alter table sales.orders");
        anaGlue.updateTable(request -> request.databaseName("sales").tableInput(table("ana_table", allowed).toBuilder().parameters(Map.of("owner_team", "ana")).build()));
        anaGlue.deleteTable(request -> request.databaseName("sales").name("ana_table"));
        assertThat(adminGlue.getTables(request -> request.databaseName("sales")).tableList()).extracting(table -> table.name()).doesNotContain("ana_table");

        // databases are an administrator's
        assertGlueDenied(() -> anaGlue.createDatabase(request -> request.databaseInput(database -> database.name("ana_db"))), "Access Denied: Cannot create schema: only an administrator can");
        assertGlueDenied(() -> anaGlue.deleteDatabase(request -> request.name("sales")), "Access Denied: Cannot drop schema: only an administrator can");

        // Glue's changes and refusals are in the audit trail with SQL's statements
        List<List<String>> events = rows(admin, "SELECT decision, statement FROM system.audit.events WHERE principal = 'ana' AND statement LIKE 'AWSGlue.%ana_table' ORDER BY event_time, event_id");
        assertThat(events).contains(
                List.of("DENY", "AWSGlue.CreateTable sales.ana_table"),
                List.of("ALLOW", "AWSGlue.CreateTable sales.ana_table"),
                List.of("DENY", "AWSGlue.UpdateTable sales.ana_table"),
                List.of("ALLOW", "AWSGlue.UpdateTable sales.ana_table"),
                List.of("ALLOW", "AWSGlue.DeleteTable sales.ana_table"));
    }

    @Test
    void aBatchOfPartitionsRefusesOnlyTheEntriesOutsideTheAllowedLocations()
    {
        AthenaRows.run(admin, "default", "CREATE TABLE sales.events WITH (partitioned_by = ARRAY['day']) AS SELECT * FROM (VALUES (1, '2026-01-01')) AS v(id, day)");
        AthenaRows.run(admin, "default", "GRANT ALTER, SELECT ON TABLE sales.events TO USER ana");
        var response = anaGlue.batchCreatePartition(request -> request.databaseName("sales").tableName("events").partitionInputList(
                partition -> partition.values("2026-01-02").storageDescriptor(storage -> storage.location(home.resolve("lake/events/day=2026-01-02/").toUri().toString())),
                partition -> partition.values("2026-01-03").storageDescriptor(storage -> storage.location("s3://other-tenant/day=2026-01-03/"))));
        assertThat(response.errors()).singleElement().satisfies(error -> {
            assertThat(error.partitionValues()).containsExactly("2026-01-03");
            assertThat(error.errorDetail().errorCode()).isEqualTo("AccessDeniedException");
        });
        List<Partition> partitions = anaGlue.getPartitionsPaginator(request -> request.databaseName("sales").tableName("events")).stream().flatMap(page -> page.partitions().stream()).toList();
        assertThat(partitions).extracting(Partition::values).containsExactlyInAnyOrder(List.of("2026-01-01"), List.of("2026-01-02"));
    }

    @Test
    void droppingATableDropsItsGrantsAndRowFilters()
    {
        AthenaRows.run(admin, "default", "CREATE TABLE sales.scratch AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, tag)");
        AthenaRows.run(admin, "default", "GRANT SELECT ON TABLE sales.scratch TO USER carol");
        AthenaRows.run(admin, "default", "CREATE ROW FILTER only_a ON TABLE sales.scratch WHERE tag = 'a'");
        AthenaRows.run(admin, "default", "GRANT SELECT ON ROW FILTER only_a ON TABLE sales.scratch TO USER bob");
        assertThat(rows(carol, "SELECT count(*) FROM sales.scratch")).containsExactly(List.of("2"));
        assertThat(rows(bob, "SELECT count(*) FROM sales.scratch")).containsExactly(List.of("1"));

        AthenaRows.run(admin, "default", "DROP TABLE sales.scratch");
        AthenaRows.run(admin, "default", "CREATE TABLE sales.scratch AS SELECT * FROM (VALUES (3, 'secret')) AS v(id, tag)");
        assertThat(failure(carol, "SELECT count(*) FROM sales.scratch")).contains("Access Denied: Cannot select from table sales.scratch");
        assertThat(failure(bob, "SELECT count(*) FROM sales.scratch")).contains("Access Denied: Cannot select from table sales.scratch");
        // SHOW statements answer text, without a header row
        assertThat(AthenaRows.fetch(admin, AthenaRows.run(admin, "default", "SHOW ROW FILTERS ON TABLE sales.scratch").queryExecutionId()).rowsWithHeader()).isEmpty();
        assertThat(AthenaRows.fetch(admin, AthenaRows.run(admin, "default", "SHOW GRANTS ON TABLE sales.scratch").queryExecutionId()).rowsWithHeader()).isEmpty();

        // a table dropped through Glue loses its grants alike
        AthenaRows.run(admin, "default", "GRANT SELECT ON TABLE sales.scratch TO USER carol");
        adminGlue.deleteTable(request -> request.databaseName("sales").name("scratch"));
        AthenaRows.run(admin, "default", "CREATE TABLE sales.scratch AS SELECT * FROM (VALUES (4, 'again')) AS v(id, tag)");
        assertThat(failure(carol, "SELECT count(*) FROM sales.scratch")).contains("Access Denied: Cannot select from table sales.scratch");
    }

    @Test
    void aQueryRecordIsItsOwnersAndAdministrators()
    {
        String anas = AthenaRows.run(ana, "default", "SELECT sum(amount) FROM sales.orders WHERE id = 2").queryExecutionId();

        assertThat(admin.getQueryExecution(request -> request.queryExecutionId(anas)).queryExecution().query()).contains("WHERE id = 2");
        assertThatThrownBy(() -> bob.getQueryExecution(request -> request.queryExecutionId(anas)))
                .isInstanceOfSatisfying(AthenaException.class, error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Access Denied: bob cannot see query %s, which ana ran".formatted(anas));
                });
        assertThatThrownBy(() -> bob.getQueryRuntimeStatistics(request -> request.queryExecutionId(anas)))
                .isInstanceOfSatisfying(AthenaException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThatThrownBy(() -> bob.stopQueryExecution(request -> request.queryExecutionId(anas)))
                .isInstanceOfSatisfying(AthenaException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));

        String bobs = AthenaRows.run(bob, "default", "SELECT count(*) FROM sales.orders").queryExecutionId();
        BatchGetQueryExecutionResponse batch = bob.batchGetQueryExecution(request -> request.queryExecutionIds(anas, bobs));
        assertThat(batch.queryExecutions()).extracting(execution -> execution.queryExecutionId()).containsExactly(bobs);
        assertThat(batch.unprocessedQueryExecutionIds()).singleElement().satisfies(unprocessed -> {
            assertThat(unprocessed.queryExecutionId()).isEqualTo(anas);
            assertThat(unprocessed.errorCode()).isEqualTo("AccessDeniedException");
        });

        // REST lists a user's own queries only
        JsonNode bobsList = rest("GET", "/v1/queries?maxResults=50", "AKIDBOB", "bob-secret");
        List<String> listed = new ArrayList<>();
        bobsList.get("queries").forEach(query -> listed.add(query.get("id").asText()));
        assertThat(listed).contains(bobs).doesNotContain(anas);
        HttpResponse<String> refused = SignedHttp.send("GET", server.endpoint().resolve("/v1/queries/" + anas), Map.of(), null, "AKIDBOB", "bob-secret");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void usageShowsAUserItsOwnQueriesUnlessGrantedTheWholeLedger()
    {
        AthenaRows.run(ana, "default", "SELECT count(*) FROM sales.orders");
        AthenaRows.run(carol, "default", "SELECT count(*) FROM pii.customers");
        String principals = "SELECT DISTINCT principal FROM system.billing.usage ORDER BY principal";

        assertThat(rows(ana, principals)).containsExactly(List.of("ana"));
        assertThat(rows(carol, principals)).containsExactly(List.of("carol"));
        assertThat(rows(admin, principals).stream().map(List::getFirst).collect(Collectors.toSet())).contains("admin", "ana", "carol");

        AthenaRows.run(admin, "default", "GRANT SELECT ON TABLE system.billing.usage TO USER carol");
        assertThat(rows(carol, principals).stream().map(List::getFirst).collect(Collectors.toSet())).contains("admin", "ana", "carol");
        assertThat(failure(admin, "GRANT INSERT ON TABLE system.billing.usage TO USER carol")).contains("Only SELECT on the whole table can be granted on system table system.billing.usage");
        assertThat(failure(ana, "SELECT count(*) FROM system.audit.events")).contains("Access Denied: Cannot select from table system.audit.events");
    }

    @Test
    void aReportIsItsOwnersAndWritesOnlyWhereAllowed()
            throws IOException
    {
        HttpResponse<String> outside = SignedHttp.send("POST", server.endpoint().resolve("/v1/reports"), Map.of("Content-Type", "application/json"),
                report("anas-orders", "s3://other-tenant/reports/"), "AKIDANA", "ana-secret");
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(403);
        assertThat(JSON.readTree(outside.body()).get("detail").asText()).isEqualTo("Access Denied: Location 's3://other-tenant/reports/' is outside the locations this deployment allows");

        HttpResponse<String> created = SignedHttp.send("POST", server.endpoint().resolve("/v1/reports"), Map.of("Content-Type", "application/json"),
                report("anas-orders", home.resolve("reports/").toUri().toString()), "AKIDANA", "ana-secret");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        for (String[] call : new String[][] {{"GET", "/v1/reports/anas-orders"}, {"DELETE", "/v1/reports/anas-orders"}, {"POST", "/v1/reports/anas-orders/runs"}, {"GET", "/v1/reports/anas-orders/runs"}}) {
            HttpResponse<String> refused = SignedHttp.send(call[0], server.endpoint().resolve(call[1]), Map.of(), null, "AKIDBOB", "bob-secret");
            assertThat(refused.statusCode()).as("%s %s: %s", call[0], call[1], refused.body()).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).get("detail").asText()).isEqualTo("Access Denied: bob cannot see report anas-orders, which belongs to ana");
        }
        assertThat(rest("GET", "/v1/reports", "AKIDBOB", "bob-secret").get("reports")).isEmpty();
        assertThat(rest("GET", "/v1/reports/anas-orders", "AKIDADMIN", "admin-secret").get("owner").asText()).isEqualTo("ana");
        assertThat(rest("GET", "/v1/reports", "AKIDANA", "ana-secret").get("reports")).singleElement()
                .satisfies(report -> assertThat(report.get("name").asText()).isEqualTo("anas-orders"));
    }

    @Test
    void workGroupsAreTheAdministratorsToChange()
    {
        assertThatThrownBy(() -> ana.createWorkGroup(request -> request.name("anas").configuration(configuration -> configuration.bytesScannedCutoffPerQuery(20_000_000L))))
                .isInstanceOfSatisfying(AthenaException.class, error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Access Denied: ana cannot create work groups: only an administrator can");
                });
        assertThatThrownBy(() -> ana.updateWorkGroup(request -> request.workGroup("primary").configurationUpdates(update -> update.removeBytesScannedCutoffPerQuery(true))))
                .isInstanceOfSatisfying(AthenaException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        admin.createWorkGroup(request -> request.name("team").configuration(configuration -> configuration.bytesScannedCutoffPerQuery(20_000_000L)));
        assertThat(ana.getWorkGroup(request -> request.workGroup("team")).workGroup().configuration().bytesScannedCutoffPerQuery()).isEqualTo(20_000_000L);
    }

    private static String report(String name, String destination)
    {
        var report = JSON.createObjectNode()
                .put("name", name)
                .put("sql", "SELECT count(*) FROM sales.orders")
                .put("schedule", "cron(0 9 ? * MON-FRI *)");
        report.putObject("output").put("format", "CSV").put("destination", destination);
        return report.toString();
    }

    private static List<String> databases(AthenaClient athena)
    {
        return athena.listDatabasesPaginator(request -> request.catalogName("AwsDataCatalog")).databaseList().stream().map(database -> database.name()).toList();
    }

    private static List<String> tableNames(AthenaClient athena, String database)
    {
        return athena.listTableMetadataPaginator(request -> request.catalogName("AwsDataCatalog").databaseName(database)).tableMetadataList().stream().map(TableMetadata::name).toList();
    }

    private static Set<List<String>> partitionValues(GlueClient glue)
    {
        return glue.getPartitionsPaginator(request -> request.databaseName("sales").tableName("orders")).stream().flatMap(page -> page.partitions().stream()).map(Partition::values).collect(Collectors.toSet());
    }

    private static TableInput table(String name, String location)
    {
        return TableInput.builder()
                .name(name)
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(storage -> storage
                        .columns(Column.builder().name("id").type("int").build())
                        .location(location)
                        .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                        .serdeInfo(serde -> serde.serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")))
                .build();
    }

    private static void assertGlueDenied(Runnable call, String message)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GlueException.class, error -> {
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(error.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    private static List<List<String>> rows(AthenaClient athena, String sql)
    {
        return AthenaRows.fetch(athena, AthenaRows.run(athena, "default", sql).queryExecutionId()).dataRows();
    }

    private static String failure(AthenaClient athena, String sql)
    {
        String id = athena.startQueryExecution(request -> request.queryString(sql).queryExecutionContext(context -> context.database("default"))).queryExecutionId();
        var execution = AthenaRows.awaitTerminal(athena, id);
        assertThat(execution.status().state()).as(sql).isEqualTo(QueryExecutionState.FAILED);
        return execution.status().stateChangeReason();
    }

    private static JsonNode rest(String method, String path, String accessKey, String secretKey)
    {
        HttpResponse<String> response = SignedHttp.send(method, server.endpoint().resolve(path), Map.of(), null, accessKey, secretKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
