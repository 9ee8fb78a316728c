package io.trawl.api.athena;

import io.trawl.api.TrawlApiServer;
import io.trawl.catalog.CatalogStore;
import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.DataCatalog;
import software.amazon.awssdk.services.athena.model.DataCatalogSummary;
import software.amazon.awssdk.services.athena.model.DataCatalogType;
import software.amazon.awssdk.services.athena.model.Database;
import software.amazon.awssdk.services.athena.model.ListDatabasesResponse;
import software.amazon.awssdk.services.athena.model.ListTableMetadataResponse;
import software.amazon.awssdk.services.athena.model.MetadataException;
import software.amazon.awssdk.services.athena.model.TableMetadata;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trawl.api.athena.WorkGroupOperationsTest.assertInvalidRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataCatalogOperationsTest
{
    private static final String ENTITY_NOT_FOUND = "Entity Not Found \\(Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\\)";

    @TempDir
    static Path home;

    private static TrawlApiServer server;
    private static AthenaClient athena;

    @BeforeAll
    static void start()
    {
        server = TrawlApiServer.start(FixedClockSettings.at(home));
        athena = server.athena();
        CatalogStore catalog = server.service().trawl().catalog();
        catalog.createDatabase(new io.trawl.catalog.Database("sales", Optional.of("what we sold"), Optional.of("file:///lake/sales/"), Map.of("owner", "finance")));
        for (String name : List.of("db_e", "db_b", "db_d", "db_a", "db_c")) {
            catalog.createDatabase(new io.trawl.catalog.Database(name, Optional.empty(), Optional.empty(), Map.of()));
        }
        catalog.createTable(ordersTable());
        for (String name : List.of("orders_2023", "orders_2024", "customers", "returns")) {
            catalog.createTable(new Table("sales", name, "tester", Table.EXTERNAL_TABLE, Map.of("classification", "parquet"),
                    new StorageDescriptor(List.of(new Column("id", "bigint")), "file:///lake/sales/" + name + "/", StorageDescriptor.PARQUET_INPUT_FORMAT,
                            StorageDescriptor.PARQUET_OUTPUT_FORMAT, new SerDeInfo(SerDeInfo.PARQUET_SERDE, Map.of()), false),
                    List.of(), Optional.empty(), 0));
        }
    }

    @AfterAll
    static void stop()
    {
        athena.close();
        server.close();
    }

    private static Table ordersTable()
    {
        return new Table("sales", "orders", "tester", Table.EXTERNAL_TABLE,
                Map.of("classification", "csv", "skip.header.line.count", "1", "transient_lastDdlTime", "1733049330"),
                new StorageDescriptor(
                        List.of(new Column("id", "bigint"), new Column("total", "decimal(15,2)", Optional.of("with tax"))),
                        "file:///lake/sales/orders/",
                        StorageDescriptor.TEXT_INPUT_FORMAT,
                        StorageDescriptor.TEXT_OUTPUT_FORMAT,
                        new SerDeInfo(SerDeInfo.LAZY_SIMPLE_SERDE, Map.of("field.delim", ",")),
                        false),
                List.of(new Column("day", "date")),
                Optional.empty(),
                0);
    }

    @Test
    void theOneCatalogIsAwsDataCatalogOfTypeGlue()
    {
        List<DataCatalogSummary> catalogs = athena.listDataCatalogsPaginator(request -> {}).dataCatalogsSummary().stream().toList();
        assertThat(catalogs).containsExactly(DataCatalogSummary.builder().catalogName("AwsDataCatalog").type(DataCatalogType.GLUE).build());
        assertThat(athena.getDataCatalog(request -> request.name("AwsDataCatalog")).dataCatalog())
                .isEqualTo(DataCatalog.builder().name("AwsDataCatalog").type(DataCatalogType.GLUE).parameters(Map.of()).build());
    }

    @Test
    void anUnknownCatalogIsNotFound()
    {
        assertInvalidRequest(() -> athena.getDataCatalog(request -> request.name("hive")), "DataCatalog hive was not found.");
        assertInvalidRequest(() -> athena.listDatabases(request -> request.catalogName("hive")), "DataCatalog hive was not found.");
        assertInvalidRequest(() -> athena.getTableMetadata(request -> request.catalogName("hive").databaseName("sales").tableName("orders")), "DataCatalog hive was not found.");
    }

    @Test
    void catalogNameIsMatchedWithoutRegardToCase()
    {
        assertThat(athena.getDatabase(request -> request.catalogName("awsdatacatalog").databaseName("sales")).database().name()).isEqualTo("sales");
    }

    @Test
    void listDatabasesPagesThroughEveryDatabaseInNameOrder()
    {
        List<ListDatabasesResponse> pages = athena.listDatabasesPaginator(request -> request.catalogName("AwsDataCatalog").maxResults(2)).stream().toList();
        List<String> paged = pages.stream().flatMap(page -> page.databaseList().stream()).map(Database::name).toList();
        List<String> expected = server.service().trawl().catalog().listDatabases().stream().map(io.trawl.catalog.Database::name).sorted().toList();

        assertThat(paged).isEqualTo(expected).contains("db_a", "db_b", "db_c", "db_d", "db_e", "sales");
        assertThat(pages).allSatisfy(page -> assertThat(page.databaseList()).hasSizeLessThanOrEqualTo(2));
    }

    @Test
    void getDatabaseAnswersItsDescriptionAndParameters()
    {
        assertThat(athena.getDatabase(request -> request.catalogName("AwsDataCatalog").databaseName("SALES")).database())
                .isEqualTo(Database.builder().name("sales").description("what we sold").parameters(Map.of("owner", "finance")).build());
    }

    @Test
    void aDatabaseOrTableThatIsNotThereIsGluesEntityNotFound()
    {
        assertMetadataNotFound(() -> athena.getDatabase(request -> request.catalogName("AwsDataCatalog").databaseName("nowhere")));
        assertMetadataNotFound(() -> athena.getTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("sales").tableName("nothing")));
        assertMetadataNotFound(() -> athena.getTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("nowhere").tableName("orders")));
        assertMetadataNotFound(() -> athena.listTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("nowhere")));
    }

    @Test
    void tableMetadataCarriesColumnsPartitionKeysAndTheStorageAsParameters()
    {
        TableMetadata expected = TableMetadata.builder()
                .name("orders")
                .createTime(Instant.ofEpochSecond(1733049330))
                .tableType("EXTERNAL_TABLE")
                .columns(
                        software.amazon.awssdk.services.athena.model.Column.builder().name("id").type("bigint").build(),
                        software.amazon.awssdk.services.athena.model.Column.builder().name("total").type("decimal(15,2)").comment("with tax").build())
                .partitionKeys(software.amazon.awssdk.services.athena.model.Column.builder().name("day").type("date").build())
                .parameters(Map.of(
                        "classification", "csv",
                        "skip.header.line.count", "1",
                        "transient_lastDdlTime", "1733049330",
                        "location", "file:///lake/sales/orders/",
                        "inputformat", StorageDescriptor.TEXT_INPUT_FORMAT,
                        "outputformat", StorageDescriptor.TEXT_OUTPUT_FORMAT,
                        "serde.serialization.lib", SerDeInfo.LAZY_SIMPLE_SERDE,
                        "serde.param.field.delim", ","))
                .build();

        assertThat(athena.getTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("sales").tableName("Orders")).tableMetadata()).isEqualTo(expected);
        assertThat(athena.listTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("sales").expression("orders")).tableMetadataList()).containsExactly(expected);
    }

    @Test
    void listTableMetadataPagesThroughTheTablesTheExpressionMatches()
    {
        List<ListTableMetadataResponse> pages = athena.listTableMetadataPaginator(request -> request.catalogName("AwsDataCatalog").databaseName("sales").expression("orders*").maxResults(2)).stream().toList();

        assertThat(pages).hasSize(2);
        assertThat(pages.stream().flatMap(page -> page.tableMetadataList().stream()).map(TableMetadata::name).toList())
                .containsExactly("orders", "orders_2023", "orders_2024");
        assertThat(athena.listTableMetadataPaginator(request -> request.catalogName("AwsDataCatalog").databaseName("sales")).tableMetadataList().stream().map(TableMetadata::name).toList())
                .as("no expression lists every table")
                .containsExactly("customers", "orders", "orders_2023", "orders_2024", "returns");
        assertThat(athena.listTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("sales").expression("cust*|RETURNS")).tableMetadataList())
                .extracting(TableMetadata::name)
                .as("alternatives, matched without regard to case")
                .containsExactly("customers", "returns");
    }

    @Test
    void pageSizesAreCheckedAsTheReferenceDocumentsThem()
    {
        assertInvalidRequest(() -> athena.listDataCatalogs(request -> request.maxResults(1)),
                "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 2");
        assertInvalidRequest(() -> athena.listTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("sales").maxResults(51)),
                "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
    }

    private static void assertMetadataNotFound(Runnable call)
    {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(MetadataException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorMessage()).matches(ENTITY_NOT_FOUND);
                });
    }
}
