package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.files.DirectoryRestore;
import io.mcpbridge.dr.backup.kubernetes.KubernetesRestore;
import io.mcpbridge.dr.backup.redis.KeyRecord;
import io.mcpbridge.dr.backup.redis.RedisRestorer;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.store.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores a backup, in the order that keeps a bad archive from touching anything:
 * <ol>
 * <li>read the whole archive once and prove it (authentication, every hash, the manifest);
 * <li>take a forensic backup of what the restore will overwrite, at the targets (the plan's forensic step);
 * <li>read it again and apply: Redis keys by pipelined RESTORE with their saved expiry, files into a
 * staging directory swapped in at the end, Kubernetes resources collected and applied in dependency order.
 * </ol>
 */
public final class BackupRestore {

    private final BackupContext context;
    private final BackupTaker taker;

    public BackupRestore(BackupContext context) {
        this.context = context;
        this.taker = new BackupTaker(context);
    }

    public Outcome restore(String idOrLatest, List<BackupScope> requested, RestoreTargets targets, String reason,
            String requestedBy, Progress progress) throws IOException {
        BackupIndex index = context.catalog().resolve(idOrLatest, requested);
        List<BackupScope> scopes = requested.isEmpty() ? index.scopes() : requested;
        if (!index.scopes().containsAll(scopes)) {
            throw new OperationFailedException("backup " + index.id() + " holds " + names(index.scopes())
                    + ", not " + names(scopes));
        }
        Sources into;
        try {
            into = context.destinations().resolve(targets);
        } catch (IllegalArgumentException e) {
            throw new OperationFailedException(e.getMessage());
        }

        // 1. Prove the archive before anything is touched.
        StoredArchive.read(context, index, new Progress(), (name, mode, content) -> { });

        // 2. Keep what is about to be overwritten.
        Outcome forensic = taker.take(new BackupRequest(scopes, into, BackupIndex.Purpose.FORENSIC, true,
                "forensic copy before restoring " + index.id() + (reason == null ? "" : ": " + reason), requestedBy),
                new Progress());

        // 3. Apply.
        Map<String, Long> counts = apply(index, scopes, into, progress);
        return new Outcome(index.id(), scopes, counts, index.sizeBytes(), index.ciphertextSha256(),
                forensic.backupId());
    }

    private Map<String, Long> apply(BackupIndex index, List<BackupScope> scopes, Sources into, Progress progress)
            throws IOException {
        RedisSession session = scopes.contains(BackupScope.REDIS)
                ? RedisSession.open(context.vertx(), into.redis(), context.tuning().redisTimeout()) : null;
        try (DirectoryRestore configs = scopes.contains(BackupScope.CONFIGS)
                        ? new DirectoryRestore(into.configs(), "configs/", index.id(), List.of(into.certs())) : null;
                DirectoryRestore certs = scopes.contains(BackupScope.CERTS)
                        ? new DirectoryRestore(into.certs(), "certs/", index.id(), List.of()) : null) {
            RedisRestorer redis = session == null ? null : new RedisRestorer(session, context.tuning().restoreBatch(),
                    context.tuning().restoreBatchesInFlight(), context.clock());
            KubernetesRestore kubernetes = scopes.contains(BackupScope.KUBERNETES)
                    ? new KubernetesRestore(context.kubernetes().get(), into.namespace()) : null;
            StoredArchive.read(context, index, progress, (name, mode, content) -> {
                if (redis != null && name.startsWith("redis/")) {
                    DataInputStream in = new DataInputStream(new BufferedInputStream(content, 64 * 1024));
                    KeyRecord record;
                    while ((record = KeyRecord.readFrom(in)) != null) {
                        redis.add(record);
                    }
                } else if (configs != null && name.startsWith("configs/")) {
                    configs.write(name, mode, content);
                } else if (certs != null && name.startsWith("certs/")) {
                    certs.write(name, mode, content);
                } else if (kubernetes != null && name.startsWith("kubernetes/")) {
                    kubernetes.add(name, content);
                }
            });
            Map<String, Long> counts = new LinkedHashMap<>();
            if (redis != null) {
                RedisRestorer.Counts restored = redis.finish();
                counts.put("redisKeys", restored.restored());
                counts.put("redisKeysExpired", restored.expired());
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
