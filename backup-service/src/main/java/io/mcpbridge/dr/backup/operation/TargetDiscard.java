package io.mcpbridge.dr.backup.operation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpbridge.dr.backup.kubernetes.ResourceKind;
import io.mcpbridge.dr.backup.redis.RedisSession;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Empties disposable restore targets once a drill is done with them, so no copy of the sessions or the
 * configuration is left lying about: the scratch Redis flushed, the restored configuration and certificate
 * trees deleted, and in the scratch namespace every resource a restore labelled
 * {@value RestoreTargets#RESTORED_FROM} deleted (the namespace stays, and with it what was not restored there,
 * such as this service's own RoleBinding). Only targets configured as disposable are touched
 * ({@link RestoreDestinations#discarded}). Each part is tried even when another fails; what could not be removed
 * is named in the failure.
 */
public final class TargetDiscard {

    private final BackupContext context;

    public TargetDiscard(BackupContext context) {
        this.context = context;
    }

    public Outcome discard(RestoreTargets targets) throws IOException {
        RestoreDestinations.Discarded what;
        try {
            what = context.destinations().discarded(targets);
        } catch (IllegalArgumentException e) {
            throw new OperationFailedException(e.getMessage());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> left = new ArrayList<>();
        if (what.redis().isPresent()) {
            try (RedisSession session = RedisSession.open(
                    context.vertx(), what.redis().get(), context.tuning().redisTimeout())) {
                counts.put(
                        "redisKeys", session.call(Request.cmd(Command.DBSIZE)).toLong());
                session.call(Request.cmd(Command.FLUSHDB));
            } catch (IOException e) {
                left.add("the Redis target " + targets.redis().strip() + " (" + e.getMessage() + ")");
            }
        }
        if (what.directory().isPresent()) {
            try {
                counts.put("files", deleteTrees(what.directory().get()));
            } catch (IOException e) {
                left.add("files under " + what.directory().get() + " (" + e.getMessage() + ")");
            }
        }
        if (what.namespace().isPresent()) {
            try {
                counts.put("kubernetesResources", (long)
                        deleteRestored(what.namespace().get()));
            } catch (KubernetesClientException e) {
                left.add("resources in namespace " + what.namespace().get() + " (" + e.getMessage() + ")");
            }
        }
        if (!left.isEmpty()) {
            throw new OperationFailedException("could not discard " + String.join("; ", left) + "; removed " + counts);
        }
        return new Outcome(null, List.of(), counts, null, null, null, null, null);
    }

    /** Deletes the {@code configs} and {@code certs} trees a restore wrote under the base; returns the files. */
    private static long deleteTrees(Path base) throws IOException {
        long files = 0;
        for (String tree : List.of("configs", "certs")) {
            Path root = base.resolve(tree);
            if (!Files.exists(root)) {
                continue;
            }
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path path : paths) {
                if (Files.isRegularFile(path)) {
                    files++;
                }
                Files.delete(path);
            }
        }
        return files;
    }

    /** Deletes what restores labelled in the namespace, workloads first (the reverse of the restore order). */
    private int deleteRestored(String namespace) {
        KubernetesClient client = context.kubernetes().get();
        int deleted = 0;
        List<ResourceKind> kinds = new ArrayList<>(List.of(ResourceKind.values()));
        Collections.reverse(kinds);
        for (ResourceKind kind : kinds) {
            List<? extends HasMetadata> restored = client.resources(kind.type())
                    .inNamespace(namespace)
                    .withLabel(RestoreTargets.RESTORED_FROM)
                    .list()
                    .getItems();
            for (HasMetadata resource : restored) {
                client.resource(resource).inNamespace(namespace).delete();
                deleted++;
            }
        }
        return deleted;
    }
}
