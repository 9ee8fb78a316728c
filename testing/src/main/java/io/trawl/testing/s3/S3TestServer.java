package io.trawl.testing.s3;

import io.trawl.scan.store.s3.S3Config;
import io.trawl.scan.store.s3.S3ObjectStore;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * An S3 endpoint for tests, shared by every test of a JVM ({@link #shared()}) and stopped at JVM exit.
 *
 * <p>By default it is S3Proxy started in this process on a free loopback port, with an in-memory store
 * ({@code transient-nio2}), AWS signature v4 with fixed test credentials, and {@code ignoreUnknownHeaders} (the
 * SDK sends headers S3Proxy does not implement). It speaks the real S3 wire protocol: ranged GET,
 * ListObjectsV2 pagination, multipart upload and conditional PUT ({@code If-None-Match}, {@code If-Match}).
 *
 * <p>To run the same tests against LocalStack or AWS instead, set
 * <pre>
 *   TRAWL_TEST_S3_ENDPOINT    e.g. http://localhost:4566 (LocalStack) or https://s3.eu-west-1.amazonaws.com
 *   TRAWL_TEST_S3_ACCESS_KEY  TRAWL_TEST_S3_SECRET_KEY   (LocalStack accepts "test" / "test")
 *   TRAWL_TEST_S3_REGION      default us-east-1
 *   TRAWL_TEST_S3_BUCKET      optional: an existing bucket to use; else "trawl-test" is created if missing
 *   TRAWL_TEST_S3_PATH_STYLE  optional, default true
 * </pre>
 * Every test then writes under a prefix unique to the JVM ({@link #runPrefix()}), deleted at exit, so runs do
 * not see each other's objects.
 */
public final class S3TestServer
{
    public static final String ENDPOINT_VARIABLE = "TRAWL_TEST_S3_ENDPOINT";
    public static final String ACCESS_KEY = "trawl-test-access";
    public static final String SECRET_KEY = "trawl-test-secret";
    private static final String DEFAULT_BUCKET = "trawl-test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static S3TestServer shared;

    private final S3Config config;
    private final String bucket;
    private final String runPrefix;
    private final boolean external;
    private final S3ObjectStore store;
    private final S3Client adminClient;
    private final S3Proxy proxy;

    private S3TestServer(S3Config config, String bucket, String runPrefix, boolean external, S3Proxy proxy)
    {
        this.config = requireNonNull(config, "config is null");
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.runPrefix = requireNonNull(runPrefix, "runPrefix is null");
        this.external = external;
        this.proxy = proxy;
        this.store = new S3ObjectStore(config);
        this.adminClient = S3Client.builder()
                .endpointOverride(config.endpoint().orElseThrow())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().orElseThrow(), config.secretKey().orElseThrow())))
                .build();
    }

    /** The JVM's server: started (or connected to) on first use, stopped at exit. */
    public static synchronized S3TestServer shared()
    {
        if (shared == null) {
            shared = start(System.getenv());
            S3TestServer server = shared;
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::stop));
        }
        return shared;
    }

    static S3TestServer start(Map<String, String> environment)
    {
        String endpoint = environment.get(ENDPOINT_VARIABLE);
        if (endpoint != null && !endpoint.isBlank()) {
            return connect(endpoint, environment);
        }
        return startProxy(new TransientNio2BlobStore());
    }

    /**
     * A server of its own (not {@link #shared()}) whose buckets are folders under {@code directory}
     * ({@code filesystem-nio2}), so gigabytes of benchmark data stay on disk, not in the heap, and survive the
     * JVM for the next run. Stopped at JVM exit, or earlier with {@link #stop()}.
     */
    public static S3TestServer startOnDisk(Path directory)
    {
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 store folder " + directory, e);
        }
        S3TestServer server = startProxy(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::stop));
        return server;
    }

    private static S3TestServer connect(String endpoint, Map<String, String> environment)
    {
        S3Config config = testTimeouts(S3Config.defaults()
                .withEndpoint(URI.create(endpoint))
                .withRegion(environment.getOrDefault("TRAWL_TEST_S3_REGION", S3Config.DEFAULT_REGION))
                .withPathStyle(Boolean.parseBoolean(environment.getOrDefault("TRAWL_TEST_S3_PATH_STYLE", "true")))
                .withCredentials(required(environment, "TRAWL_TEST_S3_ACCESS_KEY"), required(environment, "TRAWL_TEST_S3_SECRET_KEY")));
        String bucket = environment.getOrDefault("TRAWL_TEST_S3_BUCKET", DEFAULT_BUCKET);
        S3TestServer server = new S3TestServer(config, bucket, "trawl-test-run-" + UUID.randomUUID() + "/", true, null);
        server.createBucket(bucket);
        return server;
    }

    private static S3TestServer startProxy(BlobStore blobStore)
    {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(blobStore)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT + ": " + proxy.getState());
                }
                Thread.sleep(10);
            }
            S3Config config = testTimeouts(S3Config.defaults()
                    .withEndpoint(URI.create("http://127.0.0.1:" + proxy.getPort()))
                    .withCredentials(ACCESS_KEY, SECRET_KEY));
            S3TestServer server = new S3TestServer(config, DEFAULT_BUCKET, "", false, proxy);
            server.createBucket(DEFAULT_BUCKET);
            return server;
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process S3 server (S3Proxy)", e);
        }
    }

    /** Tests fail in seconds, not minutes, when the server misbehaves. */
    private static S3Config testTimeouts(S3Config config)
    {
        return config.withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(20)).withMaxRetries(3);
    }

    /** How a client reaches this server: endpoint, path style, region and credentials. */
    public S3Config config()
    {
        return config;
    }

    /** A store on this server, shared (one S3 client) by the tests of the JVM. */
    public S3ObjectStore store()
    {
        return store;
    }

    public String bucket()
    {
        return bucket;
    }

    /** The prefix under which this JVM's objects live: empty in-process, unique per run on an external endpoint. */
    public String runPrefix()
    {
        return runPrefix;
    }

    public boolean isExternal()
    {
        return external;
    }

    /** {@code s3://<bucket>/<run prefix><path>}. */
    public URI location(String path)
    {
        return URI.create("s3://" + bucket + "/" + runPrefix + path);
    }

    /** Creates the bucket unless it exists. On an external endpoint, only the configured bucket is used. */
    public void createBucket(String name)
    {
        try {
            adminClient.headBucket(request -> request.bucket(name));
            return;
        }
        catch (NoSuchBucketException e) {
            // create it below
        }
        catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        try {
            adminClient.createBucket(request -> request.bucket(name));
        }
        catch (BucketAlreadyOwnedByYouException e) {
            // another test created it meanwhile
        }
    }

    /** Copies every file under {@code directory} to {@code target} (a prefix ending in '/'), keeping relative paths. */
    public URI upload(Path directory, URI target)
    {
        String prefix = target.toString().endsWith("/") ? target.toString() : target + "/";
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> files = paths.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(file); OutputStream out = store.create(URI.create(prefix + relative))) {
                    in.transferTo(out);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot upload %s to %s".formatted(directory, prefix), e);
        }
        return URI.create(prefix);
    }

    /** Stops the server and closes its clients; stopping twice is harmless. */
    public void stop()
    {
        try {
            if (external) {
                deleteRunObjects();
            }
            store.close();
            adminClient.close();
            if (proxy != null) {
                proxy.stop();
            }
        }
        catch (Exception ignored) {
            // the JVM is exiting; a server that does not stop cleanly has nothing left to serve
        }
    }

    private void deleteRunObjects()
            throws IOException
    {
        for (var object : store.list(location(""))) {
            store.delete(object.location());
        }
    }

    private static String required(Map<String, String> environment, String name)
    {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("%s is set, so %s must be set too".formatted(ENDPOINT_VARIABLE, name));
        }
        return value;
    }
}
