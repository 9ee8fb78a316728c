package io.trawl.api.glue;

import io.trawl.api.TrawlApiServer;
import io.trawl.api.embedded.BillingSettings;
import io.trawl.api.embedded.EmbeddedTrawl;
import io.trawl.api.service.ServerSettings;
import io.trawl.engine.Session;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.s3.S3Config;
import io.trawl.testing.TrawlRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code TRAWL_CATALOG_STORE=glue}: a Trawl whose catalog is a Glue Data Catalog (here another Trawl's Glue API, over a
 * lake-native catalog) queries tables a Glue client defined, pruning partitions through GetPartitions.
 */
class GlueCatalogQueryTest
{
    @TempDir
    Path directory;

    @Test
    void aTrawlOnTheGlueStoreQueriesATableDefinedThroughGlue()
            throws IOException
    {
        Path lake = directory.resolve("lake/events");
        write(lake.resolve("dt=2024-01-01/part-0.csv"), "1,apple\n2,pear\n");
        write(lake.resolve("dt=2024-01-02/part-0.csv"), "3,plum\n");
        Map<String, String> useGlue;
        try (TrawlApiServer catalogServer = TrawlApiServer.start(ServerSettings.defaults(directory.resolve("catalog-home")).withCatalogLocation(directory.resolve("meta").toUri()));
                GlueClient glue = catalogServer.glue()) {
            glue.createDatabase(request -> request.databaseInput(input -> input.name("orchard")));
            glue.createTable(request -> request.databaseName("orchard").tableInput(input -> input
                    .name("events")
                    .tableType("EXTERNAL_TABLE")
                    .storageDescriptor(csv(lake.toUri().toString(), List.of(column("id", "bigint"), column("fruit", "string"))))
                    .partitionKeys(column("dt", "date"))));
            glue.batchCreatePartition(request -> request.databaseName("orchard").tableName("events").partitionInputList(
                    partition("2024-01-01", lake.resolve("dt=2024-01-01/").toUri().toString()),
                    partition("2024-01-02", lake.resolve("dt=2024-01-02/").toUri().toString())));
            useGlue = Map.of(
                    EmbeddedTrawl.CATALOG_STORE_VARIABLE, "glue",
                    "TRAWL_GLUE_ENDPOINT", catalogServer.endpoint().toString(),
                    "AWS_ACCESS_KEY_ID", TrawlApiServer.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", TrawlApiServer.SECRET_KEY);

            try (TrawlApiServer queryServer = TrawlApiServer.start(ServerSettings.defaults(directory.resolve("query-home")).withEnvironment(useGlue));
                    GlueClient proxiedGlue = queryServer.glue()) {
                EmbeddedTrawl trawl = queryServer.service().trawl();

                assertThat(TrawlRows.toRows(trawl.execute("SELECT id, fruit, dt FROM orchard.events ORDER BY id", Session.defaults())))
                        .as("every partition's rows")
                        .containsExactly(
                                List.of(1L, "apple", LocalDate.of(2024, 1, 1)),
                                List.of(2L, "pear", LocalDate.of(2024, 1, 1)),
                                List.of(3L, "plum", LocalDate.of(2024, 1, 2)));
                assertThat(TrawlRows.toRows(trawl.execute("SELECT fruit FROM orchard.events WHERE dt = DATE '2024-01-02'", Session.defaults())))
                        .as("one partition").containsExactly(List.of("plum"));
                assertThat(proxiedGlue.getPartitions(request -> request.databaseName("orchard").tableName("events").expression("dt > '2024-01-01'")).partitions())
                        .as("the query server's own Glue API answers from the Glue store")
                        .extracting(partition -> partition.values()).containsExactly(List.of("2024-01-02"));
            }
        }
    }

    @Test
    void anUnknownCatalogStoreIsRefused()
    {
        assertThatThrownBy(() -> EmbeddedTrawl.open(directory, S3Config.defaults(), Optional.empty(), BillingSettings.defaults(),
                Map.of(EmbeddedTrawl.CATALOG_STORE_VARIABLE, "hive")))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).as("code").isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("TRAWL_CATALOG_STORE must be 'lake' or 'glue', not 'hive'");
    }

    private static StorageDescriptor csv(String location, List<Column> columns)
    {
        return StorageDescriptor.builder()
                .columns(columns)
                .location(location)
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe").parameters(Map.of("field.delim", ",")).build())
                .build();
    }

    private static PartitionInput partition(String day, String location)
    {
        return PartitionInput.builder().values(day).storageDescriptor(StorageDescriptor.builder().location(location).build()).build();
    }

    private static Column column(String name, String type)
    {
        return Column.builder().name(name).type(type).build();
    }

    private static void write(Path file, String content)
            throws IOException
    {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
