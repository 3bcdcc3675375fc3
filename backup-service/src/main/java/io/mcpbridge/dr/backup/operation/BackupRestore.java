package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.archive.ArchiveLayout;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.files.DirectoryRestore;
import io.mcpbridge.dr.backup.kubernetes.KubernetesRestore;
import io.mcpbridge.dr.backup.redis.KeyRecord;
import io.mcpbridge.dr.backup.redis.RedisRestorer;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restores a backup, in the order that keeps a bad archive from touching anything:
 * <ol>
 * <li>fetch the stored archive once into a private local file (ciphertext only) and prove it whole
 * (authentication, every hash, the manifest, the SHA-256 its index recorded);
 * <li>take a forensic backup of what the restore will overwrite, at the targets (the plan's forensic step);
 * <li>apply from that same proven file: Redis keys by pipelined RESTORE with their saved expiry, then the
 * keys the backup did not hold removed; files into a staging directory swapped in at the end; Kubernetes
 * resources collected and applied in dependency order.
 * </ol>
 * A Redis that drops the connection part-way leaves the restore PARTIAL ({@link PartialRestoreException}),
 * with the keys written so far: running the same restore again completes it.
 */
public final class BackupRestore {

    private final BackupContext context;
    private final BackupTaker taker;

    public BackupRestore(BackupContext context) {
        this.context = context;
        this.taker = new BackupTaker(context);
    }

    public Outcome restore(
            String idOrLatest,
            List<BackupScope> requested,
            RestoreTargets targets,
            String reason,
            String requestedBy,
            Progress progress)
            throws IOException {
        return restore(idOrLatest, null, requested, targets, reason, requestedBy, progress);
    }

    /**
     * @param takenBefore for {@code latest}: only backups started before this moment (an incident's detection)
     */
    public Outcome restore(
            String idOrLatest,
            Instant takenBefore,
            List<BackupScope> requested,
            RestoreTargets targets,
            String reason,
            String requestedBy,
            Progress progress)
            throws IOException {
        BackupIndex index = context.catalog().resolve(idOrLatest, requested, takenBefore);
        List<BackupScope> scopes = requested.isEmpty() ? index.scopes() : requested;
        if (!index.scopes().containsAll(scopes)) {
            throw new OperationFailedException(
                    "backup " + index.id() + " holds " + names(index.scopes()) + ", not " + names(scopes));
        }
        Sources into;
        try {
            into = context.destinations().resolve(targets);
        } catch (IllegalArgumentException e) {
            throw new OperationFailedException(e.getMessage());
        }
        try (LocalArchiveCopy copy = LocalArchiveCopy.fetch(context, index)) {
            // 1. Prove the archive before anything is touched.
            try (InputStream in = copy.open()) {
                StoredArchive.read(context, index, in, new Progress(), (name, mode, content) -> {});
            }

            // 2. Keep what is about to be overwritten.
            Outcome forensic = taker.take(
                    new BackupRequest(
                            scopes,
                            into,
                            BackupIndex.Purpose.FORENSIC,
                            true,
                            "forensic copy before restoring " + index.id() + (reason == null ? "" : ": " + reason),
                            requestedBy),
                    new Progress());

            // 3. Apply the bytes proven in step 1.
            Map<String, Long> counts = apply(index, copy, scopes, into, progress, forensic.backupId());
            return new Outcome(
                    index.id(),
                    scopes,
                    counts,
                    index.sizeBytes(),
                    index.ciphertextSha256(),
                    forensic.backupId(),
                    null,
                    null);
        }
    }

    private Map<String, Long> apply(
            BackupIndex index,
            LocalArchiveCopy copy,
            List<BackupScope> scopes,
            Sources into,
            Progress progress,
            String forensicId)
            throws IOException {
        RedisSession session = scopes.contains(BackupScope.REDIS)
                ? RedisSession.open(
                        context.vertx(), into.redis(), context.tuning().redisTimeout())
                : null;
        try (DirectoryRestore configs = scopes.contains(BackupScope.CONFIGS)
                        ? new DirectoryRestore(into.configs(), BackupScope.CONFIGS, index.id(), List.of(into.certs()))
                        : null;
                DirectoryRestore certs = scopes.contains(BackupScope.CERTS)
                        ? new DirectoryRestore(into.certs(), BackupScope.CERTS, index.id(), List.of())
                        : null;
                InputStream in = copy.open()) {
            RedisRestorer redis = session == null
                    ? null
                    : new RedisRestorer(
                            session,
                            context.tuning().restoreBatch(),
                            context.tuning().restoreBatchesInFlight(),
                            context.clock());
            KubernetesRestore kubernetes = scopes.contains(BackupScope.KUBERNETES)
                    ? new KubernetesRestore(
                            context.kubernetes().get(),
                            into.namespace(),
                            context.destinations().disposableNamespace(into.namespace())
                                    ? Optional.of(index.id())
                                    : Optional.empty())
                    : null;
            Map<String, Long> counts = new LinkedHashMap<>();
            try {
                StoredArchive.read(context, index, in, progress, (name, mode, content) -> {
                    BackupScope scope = ArchiveLayout.scopeOf(name).orElse(null);
                    if (redis != null && scope == BackupScope.REDIS) {
                        DataInputStream keys = new DataInputStream(new BufferedInputStream(content, 64 * 1024));
                        KeyRecord record;
                        while ((record = KeyRecord.readFrom(keys)) != null) {
                            redis.add(record);
                        }
                    } else if (configs != null && scope == BackupScope.CONFIGS) {
                        configs.write(name, mode, content);
                    } else if (certs != null && scope == BackupScope.CERTS) {
                        certs.write(name, mode, content);
                    } else if (kubernetes != null && scope == BackupScope.KUBERNETES) {
                        kubernetes.add(name, content);
                    }
                });
                if (redis != null) {
                    redis.finish();
                    RedisRestorer.Counts restored = redis.removeOthers(
                            context.tuning().skip(), context.tuning().scanCount());
                    counts.put("redisKeys", restored.restored());
                    counts.put("redisKeysExpired", restored.expired());
                    counts.put("redisKeysRemoved", restored.removed());
                }
            } catch (IOException e) {
                if (redis == null) {
                    throw e;
                }
                // The archive is proven, so a failure here is the target's: say how far it got.
                throw new PartialRestoreException(
                        "the restore of " + index.id() + " into " + into.redis()
                                + " broke off after " + redis.restoredSoFar() + " keys (" + e.getMessage()
                                + "); no other "
                                + "scope was applied. Run the same restore again to complete it; what was there before is "
                                + "in forensic backup " + forensicId,
                        Map.of("redisKeys", redis.restoredSoFar()));
            }
            // Certificates first: their tree may sit inside the config tree, whose swap then carries it over.
            if (certs != null) {
                counts.put("certs", certs.commit());
            }
            if (configs != null) {
                counts.put("configs", configs.commit());
            }
            if (kubernetes != null) {
                counts.put("kubernetesResources", (long) kubernetes.apply());
            }
            return counts;
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private static List<String> names(List<BackupScope> scopes) {
        return scopes.stream().map(BackupScope::wireName).toList();
    }
}
