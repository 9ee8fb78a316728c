package io.trawl.scan.store.s3;

import io.trawl.scan.store.Abortable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A streaming write to S3 that holds at most one part in memory. Up to one part it is a single PutObject on
 * close; beyond, a multipart upload whose parts go up as they fill and which is completed on close. Until close
 * nothing is visible under the key; a failed write, or {@link #abort()}, aborts the upload so no parts are left
 * billed in the bucket and nothing appears under the key.
 */
final class S3OutputStream
        extends OutputStream
        implements Abortable
{
    private final S3ObjectStore store;
    private final S3Location object;
    private final byte[] part;
    private final List<CompletedPart> completedParts = new ArrayList<>();
    private int partLength;
    private String uploadId;
    private boolean closed;
    private boolean failed;

    S3OutputStream(S3ObjectStore store, S3Location object, int partSizeBytes)
    {
        this.store = requireNonNull(store, "store is null");
        this.object = requireNonNull(object, "object is null");
        this.part = new byte[partSizeBytes];
    }

    @Override
    public void write(int value)
            throws IOException
    {
        write(new byte[] {(byte) value}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length)
            throws IOException
    {
        ensureOpen();
        int written = 0;
        while (written < length) {
            if (partLength == part.length) {
                uploadPart();
            }
            int chunk = Math.min(length - written, part.length - partLength);
            System.arraycopy(bytes, offset + written, part, partLength, chunk);
            partLength += chunk;
            written += chunk;
        }
    }

    @Override
    public void close()
            throws IOException
    {
        if (closed) {
            return;
        }
        closed = true;
        if (failed) {
            abortUpload();
            return;
        }
        try {
            if (uploadId == null) {
                store.putObject(object, part, partLength);
                return;
            }
            if (partLength > 0) {
                uploadPart();
            }
            store.call("complete multipart upload", object, () -> store.client().completeMultipartUpload(request -> request
                    .bucket(object.bucket())
                    .key(object.key())
                    .uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(completedParts))));
        }
        catch (RuntimeException e) {
            abortUpload();
            throw e;
        }
    }

    @Override
    public void abort()
    {
        if (closed) {
            return;
        }
        closed = true;
        // a write that never filled a part has sent nothing; a multipart upload's parts are discarded
        abortUpload();
    }

    private void uploadPart()
    {
        try {
            if (uploadId == null) {
                uploadId = store.call("start multipart upload", object, () -> store.client().createMultipartUpload(request -> request
                        .bucket(object.bucket())
                        .key(object.key()))).uploadId();
            }
            int partNumber = completedParts.size() + 1;
            byte[] body = partLength == part.length ? part : Arrays.copyOf(part, partLength);
            String etag = store.call("upload part %d of".formatted(partNumber), object, () -> store.client().uploadPart(
                    request -> request.bucket(object.bucket()).key(object.key()).uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromBytes(body))).eTag();
            completedParts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            partLength = 0;
        }
        catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void abortUpload()
    {
        if (uploadId == null) {
            return;
        }
        try {
            store.call("abort multipart upload", object, () -> store.client().abortMultipartUpload(request -> request
                    .bucket(object.bucket())
                    .key(object.key())
                    .uploadId(uploadId)));
        }
        catch (RuntimeException ignored) {
            // a failed abort must not hide why the write failed; the bucket's lifecycle rules expire the parts
        }
    }

    private void ensureOpen()
            throws IOException
    {
        if (closed) {
            throw new IOException("Stream to %s is closed".formatted(object));
        }
        if (failed) {
            throw new IOException("An earlier part of the write to %s failed".formatted(object));
        }
    }
}
