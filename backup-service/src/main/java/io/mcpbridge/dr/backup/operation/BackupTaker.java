package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.archive.ArchiveLayout;
import io.mcpbridge.dr.backup.archive.ArchiveWriter;
import io.mcpbridge.dr.backup.archive.CertificateInfo;
import io.mcpbridge.dr.backup.archive.Manifest;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.files.CertificateInspector;
import io.mcpbridge.dr.backup.files.FileTree;
import io.mcpbridge.dr.backup.kubernetes.KubernetesSnapshot;
import io.mcpbridge.dr.backup.redis.KeyChunk;
import io.mcpbridge.dr.backup.redis.KeySnapshot;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.redis.ReplicationRefusedException;
import io.mcpbridge.dr.backup.redis.ReplicationSnapshot;
import io.mcpbridge.dr.backup.redis.ScanSnapshot;
import io.mcpbridge.dr.backup.redis.SnapshotMethod;
import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.ObjectStore;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Takes one backup as a single stream into the store. Redis is read on its own thread while this one
 * writes: whenever a chunk of keys is ready it goes into the archive, and in between the next config file
 * does, so reading Redis and compressing files overlap. The archive becomes visible only when complete;
 * its index object follows. A failure aborts the upload and records a FAILED index, which never counts as
 * a good backup.
 */
public final class BackupTaker {

    private static final Logger LOG = Logger.getLogger(BackupTaker.class);
    private static final KeyChunk END = new KeyChunk(new byte[0], 0, 0);
    private static final int MAX_VERSION_LENGTH = 100;

    private final BackupContext context;

    public BackupTaker(BackupContext context) {
        this.context = context;
    }

    public Outcome take(BackupRequest request, Progress progress) throws IOException {
        Instant started = context.clock().instant();
        String id = BucketLayout.newBackupId(started);
        ObjectStore.Upload upload = context.store().upload(context.layout().archiveKey(id));
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            ArchiveWriter.Written written;
            Optional<SnapshotMethod> redisMethod;
            try (ArchiveWriter writer = new ArchiveWriter(upload, context.cipher(), id, progress)) {
                List<CertificateInfo> certificates = new ArrayList<>();
                redisMethod = writeScopes(request, writer, counts, certificates);
                Manifest header = new Manifest(
                        Manifest.FORMAT_VERSION,
                        id,
                        started,
                        bridgeVersion(request.sources()).orElse(null),
                        request.scopes(),
                        context.cipher().keyId(),
                        null,
                        null,
                        counts,
                        certificates,
                        List.of(),
                        redisMethod.map(SnapshotMethod::wireName).orElse(null));
                written = writer.finish(header);
            }
            upload.commit();
            BackupIndex index = BackupIndex.complete(
                    origin(id, request, started),
                    context.clock().instant(),
                    new BackupIndex.Stored(
                            written.ciphertextBytes(),
                            progress.bytes(),
                            written.ciphertextSha256(),
                            written.manifest().compression(),
                            written.manifest().encryption(),
                            written.manifest().bridgeVersion()),
                    counts);
            saveIndexOrRemoveArchive(index);
            return new Outcome(
                    id,
                    request.scopes(),
                    counts,
                    written.ciphertextBytes(),
                    written.ciphertextSha256(),
                    null,
                    null,
                    redisMethod
                            .filter(method -> method == SnapshotMethod.SCAN)
                            .map(method -> "Redis was read key by key: not one point in time")
                            .orElse(null));
        } catch (IOException | RuntimeException e) {
            upload.abort();
            recordFailure(id, request, started, counts, e);
            throw e;
        }
    }

    /** Writes every scope's entries; how the Redis part was read, when there is one. */
    private Optional<SnapshotMethod> writeScopes(
            BackupRequest request, ArchiveWriter writer, Map<String, Long> counts, List<CertificateInfo> certificates)
            throws IOException {
        Sources sources = request.sources();
        if (request.scopes().contains(BackupScope.KUBERNETES)) {
            List<KubernetesSnapshot.Document> documents =
                    new KubernetesSnapshot(context.kubernetes().get()).read(sources.namespace());
            for (KubernetesSnapshot.Document document : documents) {
                writer.addBytes(
                        document.entryName(),
                        document.json(),
                        document.json().length,
                        0600,
                        context.clock().instant());
            }
            counts.put("kubernetesResources", (long) documents.size());
        }
        if (request.scopes().contains(BackupScope.CERTS)) {
            List<FileTree.File> files = files(sources.certs(), BackupScope.CERTS, null, request.missingOk());
            for (FileTree.File file : files) {
                writer.addFile(file.name(), file.path());
                certificates.addAll(CertificateInspector.inspect(file.name(), file.path()));
            }
            counts.put("certs", (long) files.size());
            counts.put("certificates", (long) certificates.size());
        }
        List<FileTree.File> configFiles = request.scopes().contains(BackupScope.CONFIGS)
                ? files(sources.configs(), BackupScope.CONFIGS, sources.certs(), request.missingOk())
                : List.of();
        if (request.scopes().contains(BackupScope.CONFIGS)) {
            counts.put("configs", (long) configFiles.size());
        }
        if (request.scopes().contains(BackupScope.REDIS)) {
            Read read = writeInterleaved(sources, configFiles.iterator(), writer);
            counts.put("redisKeys", read.counts().keys());
            counts.put("redisKeysSkipped", read.counts().skipped());
            return Optional.of(read.method());
        }
        for (FileTree.File file : configFiles) {
            writer.addFile(file.name(), file.path());
        }
        return Optional.empty();
    }

    /** What the Redis reader read, and how. */
    private record Read(KeySnapshot.Counts counts, SnapshotMethod method) {}

    /** Config files and Redis chunks into one archive, whichever is ready; Redis on a thread of its own. */
    private Read writeInterleaved(Sources sources, Iterator<FileTree.File> files, ArchiveWriter writer)
            throws IOException {
        BlockingQueue<KeyChunk> chunks = new ArrayBlockingQueue<>(2);
        CompletableFuture<Read> reading = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        Read read = readRedis(sources, chunks::put);
                        chunks.put(END);
                        reading.complete(read);
                    } catch (Throwable e) {
                        reading.completeExceptionally(e);
                    }
                },
                "redis-snapshot");
        reader.setDaemon(true);
        reader.start();
        int chunkNumber = 0;
        try {
            boolean redisOpen = true;
            while (redisOpen || files.hasNext()) {
                KeyChunk chunk = null;
                if (redisOpen) {
                    chunk = files.hasNext() ? chunks.poll() : chunks.poll(200, TimeUnit.MILLISECONDS);
                }
                if (chunk == END) {
                    redisOpen = false;
                } else if (chunk != null) {
                    writer.addBytes(
                            ArchiveLayout.redisChunk(++chunkNumber),
                            chunk.data(),
                            chunk.length(),
                            0600,
                            context.clock().instant());
                } else if (files.hasNext()) {
                    FileTree.File file = files.next();
                    writer.addFile(file.name(), file.path());
                } else if (reading.isCompletedExceptionally()) {
                    reading.join(); // throws the reader's failure
                }
            }
            return reading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("backup interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io
                    ? io
                    : new IOException("reading Redis failed: " + cause.getMessage(), cause);
        } finally {
            reader.interrupt();
        }
    }

    /**
     * Reads Redis by the configured method: its own snapshot as a replica (one point in time), falling back to key
     * by key when the server refuses replication, unless the configuration insists on one of them.
     */
    private Read readRedis(Sources sources, KeySnapshot.ChunkSink sink) throws IOException, InterruptedException {
        Tuning tuning = context.tuning();
        Optional<SnapshotMethod> configured = tuning.redisMethod();
        if (configured.orElse(SnapshotMethod.REPLICATION) == SnapshotMethod.REPLICATION) {
            KeySnapshot snapshot =
                    new ReplicationSnapshot(sources.redis(), tuning.skip(), tuning.redisTimeout(), context.clock());
            try {
                return new Read(snapshot.stream(tuning.chunkBytes(), sink), snapshot.method());
            } catch (ReplicationRefusedException refused) {
                if (configured.isPresent()) {
                    throw refused;
                }
                LOG.warnf(
                        "%s refuses replication (%s): reading it key by key, which is not one point in time",
                        sources.redis(), refused.getMessage());
            }
        }
        try (RedisSession session = RedisSession.open(context.vertx(), sources.redis(), tuning.redisTimeout())) {
            KeySnapshot snapshot = new ScanSnapshot(session, tuning.skip(), tuning.scanCount(), context.clock());
            return new Read(snapshot.stream(tuning.chunkBytes(), sink), snapshot.method());
        }
    }

    private static List<FileTree.File> files(Path root, BackupScope scope, Path exclude, boolean missingOk)
            throws IOException {
        if (missingOk && !Files.isDirectory(root)) {
            return List.of();
        }
        List<FileTree.File> files = FileTree.list(root, scope);
        if (exclude == null) {
            return files;
        }
        Path excluded = exclude.toAbsolutePath().normalize();
        // The certificate tree often sits inside the config tree (/etc/mcp-bridge/certs): archived once.
        return files.stream()
                .filter(file -> !file.path().toAbsolutePath().normalize().startsWith(excluded))
                .toList();
    }

    private static Optional<String> bridgeVersion(Sources sources) {
        Path file = sources.versionFile().orElse(sources.configs().resolve("VERSION"));
        try {
            if (Files.isRegularFile(file) && Files.size(file) <= 4096) {
                String version = Files.readString(file, StandardCharsets.UTF_8).strip();
                return version.isEmpty()
                        ? Optional.empty()
                        : Optional.of(
                                version.length() > MAX_VERSION_LENGTH
                                        ? version.substring(0, MAX_VERSION_LENGTH)
                                        : version);
            }
        } catch (IOException e) {
            LOG.debugf("no MCP Bridge version: %s", e.getMessage());
        }
        return Optional.empty();
    }

    private void saveIndexOrRemoveArchive(BackupIndex index) throws IOException {
        try {
            context.catalog().save(index);
        } catch (IOException e) {
            // An archive without an index is invisible to listing and retention: do not leave it behind.
            try {
                context.store().delete(List.of(context.layout().archiveKey(index.id())));
            } catch (IOException ignored) {
                LOG.warnf("archive %s has no index and could not be removed", index.id());
            }
            throw e;
        }
    }

    private BackupIndex.Origin origin(String id, BackupRequest request, Instant started) {
        return new BackupIndex.Origin(
                id,
                request.purpose(),
                request.scopes(),
                started,
                context.cipher().keyId(),
                request.reason(),
                request.requestedBy());
    }

    private void recordFailure(
            String id, BackupRequest request, Instant started, Map<String, Long> counts, Exception failure) {
        BackupIndex failed = BackupIndex.failed(
                origin(id, request, started), context.clock().instant(), counts, String.valueOf(failure.getMessage()));
        try {
            context.catalog().save(failed);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the failure of backup %s could not be recorded: %s", id, e.getMessage());
        }
    }
}
