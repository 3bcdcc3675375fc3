package io.mcpbridge.dr.backup.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An S3 object written as a stream: bytes fill a part buffer; each full part is uploaded in the
 * background while the next fills, with at most {@code maxInFlight} parts on the wire, so memory is
 * {@code partBytes * (maxInFlight + 1)} whatever the object's size. The multipart upload is created only
 * once a first part is full; an object smaller than one part is a single PUT at commit.
 */
final class S3MultipartUpload extends ObjectStore.Upload {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final int partBytes;
    private final Executor executor;
    private final Semaphore inFlight;
    private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
    private byte[] buffer;
    private int filled;
    private String uploadId;
    private boolean done;

    S3MultipartUpload(S3Client s3, String bucket, String key, int partBytes, int maxInFlight, Executor executor) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.partBytes = partBytes;
        this.executor = executor;
        this.inFlight = new Semaphore(maxInFlight);
        this.buffer = new byte[partBytes];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, partBytes - filled);
            System.arraycopy(data, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == partBytes) {
                sendPart();
            }
        }
    }

    private void sendPart() throws IOException {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        }
        failFastOnEarlierPart();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading " + key);
        }
        int partNumber = parts.size() + 1;
        byte[] part = buffer;
        int length = filled;
        parts.add(CompletableFuture.supplyAsync(
                () -> {
                    try {
                        String etag = s3.uploadPart(
                                        r -> r.bucket(bucket)
                                                .key(key)
                                                .uploadId(uploadId)
                                                .partNumber(partNumber)
                                                .contentLength((long) length),
                                        RequestBody.fromBytes(
                                                length == part.length ? part : Arrays.copyOf(part, length)))
                                .eTag();
                        return CompletedPart.builder()
                                .partNumber(partNumber)
                                .eTag(etag)
                                .build();
                    } finally {
                        inFlight.release();
                    }
                },
                executor));
        buffer = new byte[partBytes];
        filled = 0;
    }

    private void failFastOnEarlierPart() throws IOException {
        for (CompletableFuture<CompletedPart> part : parts) {
            if (part.isCompletedExceptionally()) {
                await(part);
            }
        }
    }

    @Override
    public void commit() throws IOException {
        ensureOpen();
        try {
            if (uploadId == null) {
                byte[] content = Arrays.copyOf(buffer, filled);
                s3.putObject(
                        r -> r.bucket(bucket).key(key).contentLength((long) content.length),
                        RequestBody.fromBytes(content));
            } else {
                if (filled > 0) {
                    sendPart();
                }
                List<CompletedPart> completed = new ArrayList<>(parts.size());
                for (CompletableFuture<CompletedPart> part : parts) {
                    completed.add(await(part));
                }
                completed.sort(Comparator.comparing(CompletedPart::partNumber));
                s3.completeMultipartUpload(r -> r.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .multipartUpload(CompletedMultipartUpload.builder()
                                .parts(completed)
                                .build()));
            }
            done = true;
            buffer = null;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        buffer = null;
        parts.forEach(part -> part.cancel(false));
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // the bucket's lifecycle rule for incomplete uploads is the backstop
            }
        }
    }

    @Override
    public void close() {
        // committing is explicit; an upload closed without commit stays invisible until aborted
    }

    private void ensureOpen() throws IOException {
        if (done) {
            throw new IOException("upload of " + key + " is already finished");
        }
    }

    private CompletedPart await(CompletableFuture<CompletedPart> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading " + key);
        } catch (ExecutionException e) {
            throw new IOException(
                    "a part of " + key + " failed to upload: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
