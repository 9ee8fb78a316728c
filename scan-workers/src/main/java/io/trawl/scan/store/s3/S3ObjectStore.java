package io.trawl.scan.store.s3;

import io.trawl.catalog.aws.AwsEnvironment;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import io.trawl.scan.store.ObjectStore;
import io.trawl.scan.store.StoredObject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * {@link ObjectStore} on S3 or any S3-compatible server (LocalStack, MinIO, S3Proxy) through the AWS SDK v2.
 * One {@link S3Client} per store, so one per process: the store is thread-safe and meant to be shared.
 *
 * <ul>
 * <li>Listing pages through ListObjectsV2 ({@link S3Config#listPageSize()} keys a page).</li>
 * <li>Reads are ranged GETs ({@code bytes=a-b}); a read larger than {@link #PARALLEL_READ_PART_BYTES} twice
 * over is cut into parts fetched in parallel, since one S3 connection delivers far less than the network can.
 * A body cut off mid-stream (a connection reset) is fetched again from where it stopped.</li>
 * <li>Writes buffer one part; a stream that outgrows it becomes a multipart upload, completed on close and
 * aborted on failure, so nothing is visible before close.</li>
 * <li>Conditional writes are S3's: {@code If-None-Match: *} and {@code If-Match}; 412 means "lost the race".</li>
 * <li>Every call has a timeout (per call and per attempt) and retries throttling (503 SlowDown), 5xx and
 * connection failures with exponential backoff (the SDK's standard strategy, configured here explicitly).</li>
 * <li>SDK exceptions stop here: a missing bucket is INVALID_LOCATION, access denied and other failures are
 * STORAGE_ERROR naming the operation, bucket and key; a missing key is {@link NoSuchFileException} and a
 * read past the end {@link EOFException}, as the {@link ObjectStore} contract says.</li>
 * </ul>
 */
public final class S3ObjectStore
        implements ObjectStore, AutoCloseable
{
    /** Reads up to twice this size are one GET; larger ones are split into parts of this size fetched at once. */
    static final int PARALLEL_READ_PART_BYTES = 8 * 1024 * 1024;
    private static final int MAX_BODY_RETRIES = 3;
    private static final int MAX_CONNECTIONS = 64;
    /** CopyObject copies at most 5 GiB; larger objects are copied in parts of {@link #COPY_PART_BYTES}. */
    private static final long MAX_COPY_OBJECT_BYTES = 5L << 30;
    private static final long COPY_PART_BYTES = 512L << 20;

    private final S3Config config;
    private final S3Client client;
    private final ExecutorService readExecutor;

    public S3ObjectStore(S3Config config)
    {
        this.config = requireNonNull(config, "config is null");
        this.client = createClient(config);
        this.readExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("trawl-s3-read-", 0).factory());
    }

    public S3Config config()
    {
        return config;
    }

    @Override
    public List<StoredObject> list(URI prefix)
    {
        S3Location location = S3Location.of(prefix);
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(location.bucket())
                .prefix(location.key())
                .maxKeys(config.listPageSize())
                .build();
        List<StoredObject> objects = new ArrayList<>();
        call("list", location, () -> {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(request)) {
                for (S3Object object : page.contents()) {
                    objects.add(new StoredObject(location.withKey(object.key()).toUri(), object.size(), toSeconds(object.lastModified()), object.eTag()));
                }
            }
            return null;
        });
        // S3 lists in UTF-8 binary order, which matches String order except for keys outside the BMP
        objects.sort((left, right) -> left.location().toString().compareTo(right.location().toString()));
        return List.copyOf(objects);
    }

    @Override
    public List<URI> listFolders(URI prefix)
    {
        S3Location location = S3Location.of(prefix);
        String key = location.key().isEmpty() || location.key().endsWith("/") ? location.key() : location.key() + "/";
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(location.bucket())
                .prefix(key)
                .delimiter("/")
                .maxKeys(config.listPageSize())
                .build();
        List<URI> folders = new ArrayList<>();
        call("list", location, () -> {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(request)) {
                page.commonPrefixes().forEach(common -> folders.add(location.withKey(common.prefix()).toUri()));
            }
            return null;
        });
        folders.sort(java.util.Comparator.comparing(URI::toString));
        return List.copyOf(folders);
    }

    @Override
    public StoredObject stat(URI location)
            throws IOException
    {
        S3Location object = S3Location.of(location);
        try {
            HeadObjectResponse head = call("stat", object, () -> client.headObject(request -> request.bucket(object.bucket()).key(object.key())));
            return new StoredObject(object.toUri(), head.contentLength(), toSeconds(head.lastModified()), head.eTag());
        }
        catch (MissingObjectException e) {
            throw noSuchFile(object);
        }
    }

    @Override
    public void readFully(URI location, long position, byte[] buffer, int offset, int length)
            throws IOException
    {
        S3Location object = S3Location.of(location);
        if (position < 0 || offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IndexOutOfBoundsException("read of %d bytes at %d into buffer[%d] at %d".formatted(length, position, buffer.length, offset));
        }
        if (length == 0) {
            return;
        }
        if (length <= 2 * PARALLEL_READ_PART_BYTES) {
            readRange(object, position, buffer, offset, length);
            return;
        }
        List<Future<?>> parts = new ArrayList<>();
        for (int partStart = 0; partStart < length; partStart += PARALLEL_READ_PART_BYTES) {
            int partOffset = partStart;
            int partLength = Math.min(PARALLEL_READ_PART_BYTES, length - partStart);
            parts.add(readExecutor.submit(() -> {
                readRange(object, position + partOffset, buffer, offset + partOffset, partLength);
                return null;
            }));
        }
        awaitAll(parts);
    }

    private void readRange(S3Location object, long position, byte[] buffer, int offset, int length)
            throws IOException
    {
        int done = 0;
        int bodyRetries = 0;
        while (done < length) {
            long start = position + done;
            long end = position + length - 1;
            GetObjectRequest request = GetObjectRequest.builder()
                    .bucket(object.bucket())
                    .key(object.key())
                    .range("bytes=%d-%d".formatted(start, end))
                    .build();
            ResponseInputStream<GetObjectResponse> body;
            try {
                body = call("read", object, () -> client.getObject(request));
            }
            catch (MissingObjectException e) {
                throw noSuchFile(object);
            }
            catch (RangeNotSatisfiableException e) {
                throw truncated(object, position, length, done);
            }
            try (InputStream in = body) {
                while (done < length) {
                    int read = in.read(buffer, offset + done, length - done);
                    if (read < 0) {
                        break;
                    }
                    done += read;
                }
                if (done < length) {
                    long contentLength = body.response().contentLength() == null ? -1 : body.response().contentLength();
                    if (contentLength >= 0 && done - (start - position) >= contentLength) {
                        // the server sent all it had: the object ends inside the range
                        throw truncated(object, position, length, done);
                    }
                    throw new IOException("connection closed early");
                }
            }
            catch (EOFException e) {
                throw e;
            }
            catch (IOException e) {
                // a body cut off mid-stream; the SDK retries only until the response starts, so resume here
                if (e instanceof InterruptedIOException || ++bodyRetries > MAX_BODY_RETRIES) {
                    throw new TrawlException(ErrorCode.STORAGE_ERROR, "S3 read of %s failed at offset %d: %s".formatted(object, position + done, e.getMessage()), e);
                }
            }
        }
    }

    @Override
    public OutputStream create(URI location)
    {
        return new S3OutputStream(this, S3Location.of(location), (int) config.partSizeBytes());
    }

    @Override
    public boolean createIfAbsent(URI location, byte[] content)
    {
        requireNonNull(content, "content is null");
        S3Location object = S3Location.of(location);
        return putConditionally("create-if-absent", object, content, request -> request.ifNoneMatch("*"));
    }

    @Override
    public boolean replaceIfUnchanged(URI location, byte[] content, String expectedEtag)
    {
        requireNonNull(content, "content is null");
        requireNonNull(expectedEtag, "expectedEtag is null");
        S3Location object = S3Location.of(location);
        try {
            return putConditionally("replace-if-unchanged", object, content, request -> request.ifMatch(expectedEtag));
        }
        catch (MissingObjectException e) {
            return false;
        }
    }

    @Override
    public void delete(URI location)
    {
        S3Location object = S3Location.of(location);
        try {
            call("delete", object, () -> client.deleteObject(request -> request.bucket(object.bucket()).key(object.key())));
        }
        catch (MissingObjectException ignored) {
            // deleting a missing object is not an error, as in S3 itself
        }
    }

    /**
     * A server-side copy, then a delete of the source: S3 has no rename. Objects over CopyObject's 5 GiB limit are
     * copied as a multipart upload of ranged part copies.
     */
    @Override
    public void move(URI source, URI target)
            throws IOException
    {
        S3Location from = S3Location.of(source);
        S3Location to = S3Location.of(target);
        long size = stat(source).size();
        if (size <= MAX_COPY_OBJECT_BYTES) {
            call("copy", from, () -> client.copyObject(request -> request
                    .sourceBucket(from.bucket()).sourceKey(from.key())
                    .destinationBucket(to.bucket()).destinationKey(to.key())));
        }
        else {
            copyInParts(from, to, size);
        }
        delete(source);
    }

    private void copyInParts(S3Location from, S3Location to, long size)
    {
        String uploadId = call("copy", to, () -> client.createMultipartUpload(request -> request.bucket(to.bucket()).key(to.key()))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += COPY_PART_BYTES) {
                long end = Math.min(size, start + COPY_PART_BYTES) - 1;
                int partNumber = parts.size() + 1;
                String range = "bytes=%d-%d".formatted(start, end);
                String etag = call("copy", from, () -> client.uploadPartCopy(request -> request
                        .sourceBucket(from.bucket()).sourceKey(from.key())
                        .destinationBucket(to.bucket()).destinationKey(to.key())
                        .uploadId(uploadId).partNumber(partNumber).copySourceRange(range))).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            call("copy", to, () -> client.completeMultipartUpload(request -> request.bucket(to.bucket()).key(to.key()).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts))));
        }
        catch (RuntimeException e) {
            try {
                client.abortMultipartUpload(request -> request.bucket(to.bucket()).key(to.key()).uploadId(uploadId));
            }
            catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    /** The bucket must exist and answer to these credentials; the prefix may be empty, as Athena allows. */
    @Override
    public void checkLocation(URI location)
    {
        S3Location prefix = S3Location.of(location);
        try {
            call("check bucket", prefix, () -> client.headBucket(request -> request.bucket(prefix.bucket())));
        }
        catch (MissingObjectException | NoSuchBucketLocationException e) {
            throw missingBucket(prefix, e);
        }
    }

    @Override
    public void close()
    {
        readExecutor.shutdownNow();
        client.close();
    }

    void putObject(S3Location object, byte[] content, int length)
    {
        call("write", object, () -> client.putObject(
                request -> request.bucket(object.bucket()).key(object.key()),
                RequestBody.fromBytes(length == content.length ? content : Arrays.copyOf(content, length))));
    }

    S3Client client()
    {
        return client;
    }

    private boolean putConditionally(String operation, S3Location object, byte[] content, UnaryOperator<PutObjectRequest.Builder> condition)
    {
        PutObjectRequest request = condition.apply(PutObjectRequest.builder().bucket(object.bucket()).key(object.key())).build();
        // 409 ConditionalRequestConflict: another conditional write to the key is in flight; AWS asks to retry
        for (int attempt = 0; ; attempt++) {
            try {
                call(operation, object, () -> client.putObject(request, RequestBody.fromBytes(content)));
                return true;
            }
            catch (PreconditionFailedException e) {
                return false;
            }
            catch (ConflictException e) {
                if (attempt >= config.maxRetries()) {
                    throw new TrawlException(ErrorCode.CONCURRENT_MODIFICATION, "S3 %s of %s kept conflicting with concurrent writes".formatted(operation, object), e);
                }
                sleepBeforeRetry(attempt);
            }
        }
    }

    private static void sleepBeforeRetry(int attempt)
    {
        try {
            Thread.sleep(Duration.ofMillis(50L << Math.min(attempt, 6)));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "Interrupted while waiting to retry an S3 write", e);
        }
    }

    /**
     * Runs one SDK call and translates its failure. Outcomes the caller decides on (missing key, 412, 409,
     * 416, missing bucket while checking a bucket) become the package's signal exceptions; everything else
     * becomes the user-facing {@link TrawlException}.
     */
    <T> T call(String operation, S3Location object, Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (NoSuchBucketException e) {
            if (operation.equals("check bucket")) {
                throw new NoSuchBucketLocationException();
            }
            throw missingBucket(object, e);
        }
        catch (NoSuchKeyException e) {
            throw new MissingObjectException();
        }
        catch (S3Exception e) {
            throw translate(operation, object, e);
        }
        catch (SdkException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "S3 %s of %s failed: %s".formatted(operation, object, e.getMessage()), e);
        }
        catch (UncheckedIOException e) {
            throw new TrawlException(ErrorCode.STORAGE_ERROR, "S3 %s of %s failed: %s".formatted(operation, object, e.getMessage()), e);
        }
    }

    private static RuntimeException translate(String operation, S3Location object, S3Exception e)
    {
        String errorCode = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        return switch (e.statusCode()) {
            case 412 -> new PreconditionFailedException();
            case 409 -> errorCode.equals("ConditionalRequestConflict") || errorCode.equals("OperationAborted")
                    ? new ConflictException()
                    : storageError(operation, object, e);
            case 416 -> new RangeNotSatisfiableException();
            case 403 -> new TrawlException(ErrorCode.STORAGE_ERROR, "Access denied to %s in bucket '%s' (S3 %s): %s".formatted(object, object.bucket(), operation, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e);
            case 404 -> errorCode.equals("NoSuchBucket")
                    ? (operation.equals("check bucket") ? new NoSuchBucketLocationException() : missingBucket(object, e))
                    : new MissingObjectException();
            default -> storageError(operation, object, e);
        };
    }

    private static TrawlException storageError(String operation, S3Location object, S3Exception e)
    {
        return new TrawlException(ErrorCode.STORAGE_ERROR, "S3 %s of %s failed (HTTP %d): %s".formatted(operation, object, e.statusCode(), e.getMessage()), e);
    }

    private static TrawlException missingBucket(S3Location object, Exception cause)
    {
        return new TrawlException(ErrorCode.INVALID_LOCATION, "Location '%s' does not exist: there is no bucket '%s'".formatted(object, object.bucket()), cause);
    }

    private static NoSuchFileException noSuchFile(S3Location object)
    {
        return new NoSuchFileException(object.toString(), null, "no such object");
    }

    private static EOFException truncated(S3Location object, long position, int length, int done)
    {
        return new EOFException("%s ends before byte %d (read %d of %d bytes at offset %d)".formatted(object, position + length, done, length, position));
    }

    private static void awaitAll(List<Future<?>> parts)
            throws IOException
    {
        try {
            for (Future<?> part : parts) {
                part.get();
            }
        }
        catch (InterruptedException e) {
            parts.forEach(part -> part.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading from S3");
        }
        catch (ExecutionException e) {
            parts.forEach(part -> part.cancel(true));
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private static S3Client createClient(S3Config config)
    {
        ClientOverrideConfiguration overrides = AwsEnvironment.clientOverrides(config.apiCallTimeout(), config.attemptTimeout(), config.maxRetries());
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .credentialsProvider(credentials(config))
                .overrideConfiguration(overrides)
                // S3-compatible servers do not all speak the SDK's default aws-chunked CRC trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(MAX_CONNECTIONS)
                        .connectionTimeout(min(Duration.ofSeconds(10), config.attemptTimeout()))
                        .socketTimeout(config.attemptTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Config config)
    {
        if (config.accessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().orElseThrow()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * A listing reports modification times in milliseconds, HEAD (an HTTP date) in seconds; both views of one
     * version must be equal, since caches such as the Parquet footer cache key on them.
     */
    private static Instant toSeconds(Instant lastModified)
    {
        return lastModified == null ? Instant.EPOCH : Instant.ofEpochSecond(lastModified.getEpochSecond());
    }

    private static Duration min(Duration left, Duration right)
    {
        return left.compareTo(right) <= 0 ? left : right;
    }

    /** Signals between {@link #call} and its callers; never leave this class. */
    private static final class MissingObjectException
            extends RuntimeException
    {
        MissingObjectException()
        {
            super(null, null, false, false);
        }
    }

    private static final class NoSuchBucketLocationException
            extends RuntimeException
    {
        NoSuchBucketLocationException()
        {
            super(null, null, false, false);
        }
    }

    private static final class PreconditionFailedException
            extends RuntimeException
    {
        PreconditionFailedException()
        {
            super(null, null, false, false);
        }
    }

    private static final class ConflictException
            extends RuntimeException
    {
        ConflictException()
        {
            super(null, null, false, false);
        }
    }

    private static final class RangeNotSatisfiableException
            extends RuntimeException
    {
        RangeNotSatisfiableException()
        {
            super(null, null, false, false);
        }
    }
}
