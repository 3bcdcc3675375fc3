package io.mcpbridge.dr.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Backups in an S3 bucket (AWS, or any S3-compatible server), through the AWS SDK's synchronous client. */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    private static final int DELETE_BATCH = 1000;

    /** Builds the client on first use (see {@link #S3ObjectStore(Supplier, String, String, int, int)}). */
    private final Supplier<S3Client> client;

    private final String bucket;
    private final String prefixForLogs;
    private final int partBytes;
    private final int partsInFlight;
    private final ExecutorService uploads;

    private volatile S3Client built;

    public S3ObjectStore(S3Client s3, String bucket, String prefixForLogs, int partBytes, int partsInFlight) {
        this(() -> s3, bucket, prefixForLogs, partBytes, partsInFlight);
    }

    /**
     * A store whose client {@code client} builds at its first use, not when the service starts: building the SDK's
     * client loads a large part of the SDK, and nothing needs it before the start is over (the first read of the
     * catalog comes after it).
     */
    public S3ObjectStore(
            Supplier<S3Client> client, String bucket, String prefixForLogs, int partBytes, int partsInFlight) {
        if (partBytes < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB");
        }
        this.client = client;
        this.bucket = bucket;
        this.prefixForLogs = prefixForLogs;
        this.partBytes = partBytes;
        this.partsInFlight = partsInFlight;
        this.uploads = Executors.newFixedThreadPool(partsInFlight, runnable -> {
            Thread thread = new Thread(runnable, "s3-part-upload");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Upload upload(String key) {
        return new S3MultipartUpload(s3(), bucket, key, partBytes, partsInFlight, uploads);
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3().getObject(r -> r.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchObjectException(key);
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean create(String key, byte[] content) throws IOException {
        try {
            s3().putObject(
                            r -> r.bucket(bucket)
                                    .key(key)
                                    .contentLength((long) content.length)
                                    .ifNoneMatch("*"),
                            RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                // The key exists. It may be this very write: the client retries a request whose answer was lost,
                // and the retry finds what the first attempt stored.
                return holds(key, content);
            }
            if (e.statusCode() == 409) {
                return false; // another conditional write to the key is in progress; it wins
            }
            throw new IOException("cannot write " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot write " + key + ": " + e.getMessage(), e);
        }
    }

    private boolean holds(String key, byte[] content) throws IOException {
        return get(key).map(stored -> Arrays.equals(stored, content)).orElse(false);
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(
                    s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        try {
            List<String> keys = new ArrayList<>();
            s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key)
                    .forEach(keys::add);
            keys.sort(null);
            return keys;
        } catch (SdkException e) {
            throw new IOException("cannot list " + prefix + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        List<String> all = new ArrayList<>(keys);
        for (int start = 0; start < all.size(); start += DELETE_BATCH) {
            List<ObjectIdentifier> batch = all.subList(start, Math.min(all.size(), start + DELETE_BATCH)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build())
                    .toList();
            try {
                var response = s3().deleteObjects(r ->
                        r.bucket(bucket).delete(Delete.builder().objects(batch).build()));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    throw new IOException(
                            "could not delete " + response.errors().size() + " objects, first "
                                    + response.errors().get(0).key() + ": "
                                    + response.errors().get(0).message());
                }
            } catch (SdkException e) {
                throw new IOException("cannot delete: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefixForLogs;
    }

    @Override
    public void close() {
        uploads.shutdownNow();
        S3Client made = built;
        if (made != null) {
            made.close();
        }
    }

    private S3Client s3() {
        S3Client made = built;
        if (made == null) {
            synchronized (this) {
                made = built;
                if (made == null) {
                    made = client.get();
                    built = made;
                }
            }
        }
        return made;
    }
}
