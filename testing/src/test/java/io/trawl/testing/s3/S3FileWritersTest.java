package io.trawl.testing.s3;

import io.airlift.slice.Slices;
import io.trawl.catalog.Column;
import io.trawl.catalog.SerDeInfo;
import io.trawl.catalog.StorageDescriptor;
import io.trawl.catalog.Table;
import io.trawl.engine.scan.PageSource;
import io.trawl.engine.scan.ScanColumn;
import io.trawl.engine.scan.ScanSplit;
import io.trawl.engine.write.FileWriter;
import io.trawl.engine.write.WrittenFile;
import io.trawl.scan.LakeScanProvider;
import io.trawl.scan.meter.CountingByteMeter;
import io.trawl.scan.store.s3.S3ObjectStore;
import io.trawl.scan.writer.LakeFileWriters;
import io.trawl.scan.writer.WriterConfig;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.predicate.TupleDomain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data file writers on S3 (in-process S3Proxy, or TRAWL_TEST_S3_ENDPOINT): a file bigger than a part streams up
 * as a multipart upload that only a commit completes, and an aborted writer leaves neither an object nor an
 * unfinished upload behind.
 */
class S3FileWritersTest
{
    private static final int FIVE_MIB = 5 * 1024 * 1024;
    private static final List<Column> COLUMNS = List.of(new Column("id", "bigint"), new Column("payload", "string"));

    private static S3TestServer server;
    private static S3ObjectStore store;
    private static S3Client admin;
    private final String testPrefix = "writers-test-" + UUID.randomUUID() + "/";

    @BeforeAll
    static void startServer()
    {
        server = S3TestServer.shared();
        store = new S3ObjectStore(server.config().withPartSizeBytes(FIVE_MIB));
        admin = S3Client.builder()
                .endpointOverride(server.config().endpoint().orElseThrow())
                .region(Region.of(server.config().region()))
                .forcePathStyle(server.config().pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        server.config().accessKey().orElseThrow(), server.config().secretKey().orElseThrow())))
                .build();
    }

    @AfterAll
    static void closeClients()
    {
        store.close();
        admin.close();
    }

    @Test
    void committedParquetFileStreamsUpInPartsAndReadsBack()
            throws IOException
    {
        Table table = table("PARQUET", StorageDescriptor.PARQUET_INPUT_FORMAT, SerDeInfo.PARQUET_SERDE, Map.of("write_compression", "NONE"));
        // small row groups, so the file streams out while pages arrive instead of all at the commit
        LakeFileWriters writers = new LakeFileWriters(store, WriterConfig.defaults().withParquetRowGroupBytes(2 * 1024 * 1024));
        URI location = location("parquet/part-0" + writers.fileExtension(table));
        FileWriter writer = writers.createWriter(table, COLUMNS, location);
        List<Page> pages = pages(8, 20_000);
        for (Page page : pages) {
            writer.append(page);
        }
        assertThat(store.list(location("parquet/"))).as("nothing is visible before the commit").isEmpty();
        assertThat(openUploads()).as("the parts already uploaded belong to an open multipart upload").isNotEmpty();

        WrittenFile file = writer.commit();

        assertThat(file.bytes()).as("more than two parts").isGreaterThan(2L * FIVE_MIB).isEqualTo(store.stat(location).size());
        assertThat(store.stat(location).etag()).as("S3 tags a multipart object with its part count").matches("\"?[^\"]*-\\d+\"?");
        assertThat(readBack(table)).as("every row reads back from S3").isEqualTo(rows(pages));
        assertThat(openUploads()).as("the commit completed the upload").isEmpty();
    }

    @Test
    void abortedWriterLeavesNoObjectAndNoUnfinishedUpload()
            throws IOException
    {
        Table table = table("TEXT", StorageDescriptor.TEXT_INPUT_FORMAT, SerDeInfo.LAZY_SIMPLE_SERDE, Map.of("write_compression", "NONE"));
        LakeFileWriters writers = new LakeFileWriters(store);
        FileWriter large = writers.createWriter(table, COLUMNS, location("text/large" + writers.fileExtension(table)));
        for (Page page : pages(8, 20_000)) {
            large.append(page);
        }
        assertThat(openUploads()).as("the large file is a multipart upload under way").isNotEmpty();
        FileWriter small = writers.createWriter(table, COLUMNS, location("text/small" + writers.fileExtension(table)));
        small.append(pages(1, 10).getFirst());

        large.abort();
        small.abort();

        assertThat(store.list(location("text/"))).as("neither aborted file is visible").isEmpty();
        assertThat(openUploads()).as("the aborted upload's parts are gone").isEmpty();
    }

    private List<MultipartUpload> openUploads()
    {
        String prefix = location("").getPath().substring(1);
        return admin.listMultipartUploads(request -> request.bucket(server.bucket()).prefix(prefix)).uploads();
    }

    private URI location(String path)
    {
        return server.location(testPrefix + path);
    }

    private Table table(String folder, String inputFormat, String serde, Map<String, String> parameters)
    {
        return new Table("test", "written", "tester", Table.EXTERNAL_TABLE, parameters,
                new StorageDescriptor(COLUMNS, location(folder.toLowerCase(java.util.Locale.ROOT) + "/").toString(), inputFormat, StorageDescriptor.TEXT_OUTPUT_FORMAT,
                        new SerDeInfo(serde, Map.of()), false),
                List.of(), Optional.empty(), 1);
    }

    /** Pages of random payloads, which no codec shrinks, so the byte counts are the data's. */
    private static List<Page> pages(int count, int rowsPerPage)
    {
        Random random = new Random(7);
        List<Page> pages = new ArrayList<>();
        for (int page = 0; page < count; page++) {
            PageBuilder builder = new PageBuilder(List.of(BIGINT, VARCHAR));
            for (int row = 0; row < rowsPerPage; row++) {
                builder.declarePosition();
                BIGINT.writeLong(builder.getBlockBuilder(0), (long) page * rowsPerPage + row);
                byte[] payload = new byte[32];
                random.nextBytes(payload);
                VARCHAR.writeSlice(builder.getBlockBuilder(1), Slices.utf8Slice(HexFormat.of().formatHex(payload)));
            }
            pages.add(builder.build());
        }
        return pages;
    }

    private static List<List<Object>> rows(List<Page> pages)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (Page page : pages) {
            for (int position = 0; position < page.getPositionCount(); position++) {
                rows.add(List.of(BIGINT.getLong(page.getBlock(0), position), VARCHAR.getSlice(page.getBlock(1), position).toStringUtf8()));
            }
        }
        return rows;
    }

    private static List<List<Object>> readBack(Table table)
    {
        LakeScanProvider provider = LakeScanProvider.create(store);
        List<ScanColumn> columns = List.of(new ScanColumn("id", 0, BIGINT), new ScanColumn("payload", 1, VARCHAR));
        CountingByteMeter meter = new CountingByteMeter();
        List<List<Object>> rows = new ArrayList<>();
        for (ScanSplit split : provider.planSplits(table, TupleDomain.all(), meter)) {
            try (PageSource source = provider.createPageSource(table, split, columns, TupleDomain.all(), meter)) {
                for (Page page = source.nextPage(); page != null; page = source.nextPage()) {
                    rows.addAll(rows(List.of(page)));
                }
            }
        }
        return rows;
    }
}
