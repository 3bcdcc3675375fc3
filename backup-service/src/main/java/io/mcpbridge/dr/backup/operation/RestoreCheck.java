package io.mcpbridge.dr.backup.operation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpbridge.dr.backup.archive.ArchiveLayout;
import io.mcpbridge.dr.backup.archive.ArchiveWriter;
import io.mcpbridge.dr.backup.archive.ManifestEntry;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.archive.Sha256;
import io.mcpbridge.dr.backup.kubernetes.ResourceKind;
import io.mcpbridge.dr.backup.redis.KeyRecord;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.backup.redis.ValueSample;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares restore targets with a backup and changes nothing (what a full DR drill checks once it has restored
 * into its scratch places): every configuration and certificate file the manifest lists is there with its hash;
 * every archived Kubernetes resource exists in the namespace; the Redis holds as many keys as the backup holds
 * live ones (keys that expire meanwhile may be gone) and a random sample of values is identical. A difference
 * fails the check and says what differs; it says nothing against the backup, whose verdict stays as it was.
 */
public final class RestoreCheck {

    /** Keys expiring this close to the check may be there or not. */
    private static final long EXPIRY_MARGIN_MILLIS = 5_000;
    /** The differences named in a failure; the rest are counted. */
    private static final int DIFFERENCES_NAMED = 5;

    private final BackupContext context;

    public RestoreCheck(BackupContext context) {
        this.context = context;
    }

    public Outcome check(String idOrLatest, List<BackupScope> requested, RestoreTargets targets, Progress progress)
            throws IOException {
        BackupIndex index = context.catalog().resolve(idOrLatest, requested);
        List<BackupScope> scopes = requested.isEmpty() ? index.scopes() : requested;
        if (!index.scopes().containsAll(scopes)) {
            throw new OperationFailedException("backup " + index.id() + " holds " + index.scopes() + ", not " + scopes);
        }
        Sources into;
        try {
            into = context.destinations().resolve(targets);
        } catch (IllegalArgumentException e) {
            throw new OperationFailedException(e.getMessage());
        }
        long now = context.clock().millis();
        ValueSample sample = new ValueSample(context.tuning().sampleSize());
        long[] live = {0};
        long[] expiring = {0};
        List<String> differences = new ArrayList<>();
        List<ResourceName> resources = new ArrayList<>();
        ArchiveWriter.Written read = StoredArchive.read(context, index, progress, (name, mode, content) -> {
            BackupScope scope = ArchiveLayout.scopeOf(name).orElse(null);
            if (scope == BackupScope.REDIS && scopes.contains(BackupScope.REDIS)) {
                readKeys(content, now, sample, live, expiring);
            } else if (scope == BackupScope.KUBERNETES && scopes.contains(BackupScope.KUBERNETES)) {
                ResourceName.of(name).ifPresent(resources::add);
            }
        });
        Map<String, Long> counts = new LinkedHashMap<>();
        if (scopes.contains(BackupScope.CONFIGS)) {
            counts.put("configs", checkFiles(read, BackupScope.CONFIGS, into.configs(), differences));
        }
        if (scopes.contains(BackupScope.CERTS)) {
            counts.put("certs", checkFiles(read, BackupScope.CERTS, into.certs(), differences));
        }
        if (scopes.contains(BackupScope.KUBERNETES)) {
            counts.put("kubernetesResources", checkResources(resources, into.namespace(), differences));
        }
        if (scopes.contains(BackupScope.REDIS)) {
            checkRedis(into, sample, live[0], expiring[0], now, counts, differences);
        }
        if (!differences.isEmpty()) {
            throw new OperationFailedException("the restore targets differ from backup " + index.id() + ": "
                    + String.join("; ", differences.subList(0, Math.min(DIFFERENCES_NAMED, differences.size())))
                    + (differences.size() > DIFFERENCES_NAMED
                            ? " (and " + (differences.size() - DIFFERENCES_NAMED) + " more)"
                            : ""));
        }
        return new Outcome(index.id(), scopes, counts, null, null, null, null, null);
    }

    private static void readKeys(InputStream content, long now, ValueSample sample, long[] live, long[] expiring)
            throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(content, 64 * 1024));
        KeyRecord record;
        while ((record = KeyRecord.readFrom(in)) != null) {
            long expiry = record.expireAtMillis();
            if (expiry == KeyRecord.NO_EXPIRY || expiry > now + EXPIRY_MARGIN_MILLIS) {
                live[0]++;
                sample.offer(record);
            } else if (expiry > now - EXPIRY_MARGIN_MILLIS) {
                expiring[0]++;
            }
        }
    }

    /** Each file of the scope the manifest lists, there with its size and hash; returns how many were checked. */
    private static long checkFiles(
            ArchiveWriter.Written read, BackupScope scope, Path directory, List<String> differences)
            throws IOException {
        long checked = 0;
        String prefix = ArchiveLayout.folder(scope);
        for (ManifestEntry entry : read.manifest().entries()) {
            if (!entry.path().startsWith(prefix)) {
                continue;
            }
            checked++;
            Path file =
                    directory.resolve(entry.path().substring(prefix.length())).normalize();
            if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
                differences.add(entry.path() + " is missing");
            } else if (!entry.sha256().equals(Sha256.of(file))) {
                differences.add(entry.path() + " differs");
            }
        }
        return checked;
    }

    private long checkResources(List<ResourceName> resources, String namespace, List<String> differences)
            throws IOException {
        try {
            for (ResourceName resource : resources) {
                HasMetadata found = context.kubernetes()
                        .get()
                        .resources(resource.kind().type())
                        .inNamespace(namespace)
                        .withName(resource.name())
                        .get();
                if (found == null) {
                    differences.add(resource.kind().type().getSimpleName() + " " + resource.name() + " is missing from "
                            + namespace);
                }
            }
            return resources.size();
        } catch (KubernetesClientException e) {
            throw new IOException("cannot read namespace " + namespace + ": " + e.getMessage(), e);
        }
    }

    private void checkRedis(
            Sources into,
            ValueSample sample,
            long live,
            long expiring,
            long now,
            Map<String, Long> counts,
            List<String> differences)
            throws IOException {
        try (RedisSession session = RedisSession.open(
                context.vertx(), into.redis(), context.tuning().redisTimeout())) {
            long size = session.call(Request.cmd(Command.DBSIZE)).toLong();
            counts.put("redisKeys", size);
            if (size < live || size > live + expiring) {
                differences.add("the Redis holds " + size + " keys, the backup " + live + " live ones"
                        + (expiring > 0 ? " and " + expiring + " expiring about now" : ""));
            }
            ValueSample.Comparison comparison = sample.compareWith(session, now);
            counts.put("valuesCompared", comparison.compared());
            comparison.difference().ifPresent(differences::add);
        }
    }

    /** An archived resource: its kind and name, from its entry. */
    private record ResourceName(ResourceKind kind, String name) {

        static Optional<ResourceName> of(String entryName) {
            return ArchiveLayout.kubernetesKindFolder(entryName)
                    .flatMap(ResourceKind::ofFolder)
                    .flatMap(kind ->
                            ArchiveLayout.kubernetesResourceName(entryName).map(name -> new ResourceName(kind, name)));
        }
    }
}
