package io.trawl.testing.s3;

import com.sun.net.httpserver.HttpServer;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.StoredObject;
import io.trawl.scan.store.s3.S3Config;
import io.trawl.scan.store.s3.S3ObjectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 object store against a real S3 wire protocol: in-process S3Proxy, or TRAWL_TEST_S3_ENDPOINT when set. */
class S3ObjectStoreTest
{
    private static final int FIVE_MIB = 5 * 1024 * 1024;

    private static S3TestServer server;
    private static S3ObjectStore store;
    private final String testPrefix = "store-test-" + UUID.randomUUID() + "/";

    @BeforeAll
    static void startServer()
    {
        server = S3TestServer.shared();
        store = server.store();
    }

    @AfterAll
    static void noCleanupNeeded()
    {
        // the shared server (and its store) lives until JVM exit
    }

    @Test
    void listsEveryObjectUnderAPrefixAcrossListingPagesInKeyOrder()
            throws IOException
    {
        for (String name : List.of("e", "a", "d/x", "c", "b")) {
            write(location("table/" + name), name.getBytes(StandardCharsets.UTF_8));
        }
        write(location("table_old/z"), new byte[] {1});

        try (S3ObjectStore smallPages = new S3ObjectStore(server.config().withListPageSize(2))) {
            List<StoredObject> objects = smallPages.list(location("table/"));

            assertThat(objects).as("5 objects over 3 pages of 2 keys, sibling prefix excluded")
                    .extracting(object -> object.location().toString())
                    .containsExactly(
                            location("table/a").toString(), location("table/b").toString(), location("table/c").toString(),
                            location("table/d/x").toString(), location("table/e").toString());
            assertThat(objects).as("sizes and entity tags come with the listing")
                    .allSatisfy(object -> assertThat(object.etag()).isNotBlank())
                    .extracting(StoredObject::size).containsExactly(1L, 1L, 1L, 3L, 1L);
            assertThat(smallPages.stat(location("table/d/x"))).as("stat agrees with the listing").isEqualTo(objects.get(3));
        }
    }

    @Test
    void missingPrefixListsNothingButMissingBucketNamesTheLocation()
    {
        assertThat(store.list(location("nothing-here/"))).as("S3 has no folders: an empty location is an empty table").isEmpty();
        store.checkLocation(location("nothing-here/"));

        URI missingBucket = URI.create("s3://trawl-no-such-bucket-" + UUID.randomUUID() + "/sales/");
        assertThatThrownBy(() -> store.list(missingBucket))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_LOCATION))
                .hasMessageContaining("'" + missingBucket + "'")
                .hasMessageContaining("no bucket");
        assertThatThrownBy(() -> store.checkLocation(missingBucket)).hasMessageContaining("no bucket");
    }

    @Test
    void readsExactByteRangesAndReportsTruncationWithObjectAndOffset()
            throws IOException
    {
        URI object = location("range/f");
        write(object, "0123456789".getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(store.readRange(object, 3, 4), StandardCharsets.US_ASCII)).isEqualTo("3456");
        assertThat(new String(store.readRange(object, 9, 1), StandardCharsets.US_ASCII)).isEqualTo("9");
        assertThatThrownBy(() -> store.readRange(object, 8, 4)).as("range runs past the end")
                .isInstanceOf(EOFException.class).hasMessageContaining(object.toString()).hasMessageContaining("offset 8");
        assertThatThrownBy(() -> store.readRange(object, 12, 4)).as("range starts past the end")
                .isInstanceOf(EOFException.class).hasMessageContaining(object.toString()).hasMessageContaining("offset 12");
        assertThatThrownBy(() -> store.readRange(location("range/missing"), 0, 1)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void largeWritesBecomeMultipartUploadsVisibleOnlyOnCloseAndReadBackInParallelParts()
            throws IOException
    {
        byte[] content = new byte[4 * FIVE_MIB + 12345];
        new Random(42).nextBytes(content);
        URI object = location("multipart/big.bin");

        try (S3ObjectStore fiveMibParts = new S3ObjectStore(server.config().withPartSizeBytes(FIVE_MIB))) {
            try (OutputStream out = fiveMibParts.create(object)) {
                for (int offset = 0; offset < content.length; offset += 1_000_000) {
                    out.write(content, offset, Math.min(1_000_000, content.length - offset));
                }
                assertThat(fiveMibParts.list(location("multipart/"))).as("parts uploaded, object not yet visible").isEmpty();
            }
            StoredObject stored = fiveMibParts.stat(object);
            assertThat(stored.size()).isEqualTo(content.length);
            assertThat(stored.etag()).as("S3 tags a multipart object with its part count").endsWith("-5\"");

            byte[] readBack = new byte[content.length];
            fiveMibParts.readFully(object, 0, readBack, 0, readBack.length);
            assertThat(readBack).as("a 20 MiB read is fetched as parallel ranged GETs").isEqualTo(content);
        }
    }

    @Test
    void exactlyOneOfConcurrentCreatorsWins()
            throws Exception
    {
        URI object = location("race/lock");
        int creators = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(creators)) {
            for (int i = 0; i < creators; i++) {
                byte[] content = ("creator " + i).getBytes(StandardCharsets.UTF_8);
                outcomes.add(executor.submit(() -> {
                    start.await();
                    return store.createIfAbsent(object, content);
                }));
            }
            start.countDown();
            int winner = -1;
            for (int i = 0; i < creators; i++) {
                if (outcomes.get(i).get()) {
                    assertThat(winner).as("a second creator also won").isEqualTo(-1);
                    winner = i;
                }
            }
            assertThat(winner).as("one creator wins").isNotNegative();
            assertThat(new String(store.readRange(object, 0, (int) store.stat(object).size()), StandardCharsets.UTF_8))
                    .as("the object holds the winner's content").isEqualTo("creator " + winner);
        }
        assertThat(store.createIfAbsent(object, new byte[] {1})).as("later creators lose too").isFalse();
    }

    @Test
    void replaceIfUnchangedRefusesAStaleEntityTag()
            throws IOException
    {
        URI object = location("cas/table.json");
        assertThat(store.createIfAbsent(object, "v1".getBytes(StandardCharsets.UTF_8))).isTrue();
        String first = store.stat(object).etag();

        assertThat(store.replaceIfUnchanged(object, "v2".getBytes(StandardCharsets.UTF_8), first)).as("current tag").isTrue();
        String second = store.stat(object).etag();
        assertThat(second).isNotEqualTo(first);
        assertThat(store.replaceIfUnchanged(object, "v3".getBytes(StandardCharsets.UTF_8), first)).as("stale tag").isFalse();
        assertThat(new String(store.readRange(object, 0, 2), StandardCharsets.UTF_8)).isEqualTo("v2");
        assertThat(store.replaceIfUnchanged(location("cas/missing.json"), new byte[] {1}, second)).as("missing object").isFalse();

        store.delete(object);
        store.delete(object);
        assertThatThrownBy(() -> store.stat(object)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void wrongCredentialsAreAStorageErrorNamingBucketAndKey()
    {
        try (S3ObjectStore intruder = new S3ObjectStore(server.config().withCredentials("not-a-key", "not-a-secret"))) {
            URI object = location("secret/data.csv");
            assertThatThrownBy(() -> intruder.stat(object))
                    .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STORAGE_ERROR))
                    .hasMessageContaining(object.toString())
                    .hasMessageContaining("'" + server.bucket() + "'");
        }
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallWithinItsTimeout()
            throws IOException
    {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        accepted.add(silent.accept());
                    }
                    catch (IOException e) {
                        return;
                    }
                }
            });
            S3Config config = S3Config.defaults()
                    .withEndpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .withCredentials(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
                    .withMaxRetries(1);
            long started = System.nanoTime();
            try (S3ObjectStore store = new S3ObjectStore(config)) {
                assertThatThrownBy(() -> store.readRange(URI.create("s3://bucket/key"), 0, 10))
                        .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STORAGE_ERROR))
                        .hasMessageContaining("s3://bucket/key");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the call timeout, not hung").isLessThan(Duration.ofSeconds(10));
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void throttlingIsRetriedWithBackoffUntilTheServerAnswers()
            throws IOException
    {
        AtomicInteger requests = new AtomicInteger();
        HttpServer flaky = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        flaky.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() <= 2) {
                byte[] slowDown = "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(503, slowDown.length);
                exchange.getResponseBody().write(slowDown);
            }
            else {
                byte[] body = "3456".getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().add("Content-Range", "bytes 3-6/10");
                exchange.getResponseHeaders().add("ETag", "\"abc\"");
                exchange.sendResponseHeaders(206, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        flaky.start();
        try {
            S3Config config = S3Config.defaults()
                    .withEndpoint(URI.create("http://127.0.0.1:" + flaky.getAddress().getPort()))
                    .withCredentials(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)
                    .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(5))
                    .withMaxRetries(3);
            try (S3ObjectStore store = new S3ObjectStore(config)) {
                assertThat(new String(store.readRange(URI.create("s3://bucket/key"), 3, 4), StandardCharsets.US_ASCII)).isEqualTo("3456");
            }
            assertThat(requests.get()).as("two 503 SlowDown answers, then success").isEqualTo(3);
        }
        finally {
            flaky.stop(0);
        }
    }

    private URI location(String path)
    {
        return server.location(testPrefix + path);
    }

    private static void write(URI location, byte[] content)
            throws IOException
    {
        try (OutputStream out = store.create(location)) {
            out.write(content);
        }
    }
}
