package io.mcpbridge.dr.backup.operation;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.backup.crypto.ArchiveCipher;
import io.mcpbridge.dr.backup.store.BackupCatalog;
import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.ObjectStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What every operation works with. The Kubernetes client is asked for only when a Kubernetes scope is
 * involved, so a VM installation needs no cluster.
 */
public record BackupContext(
        ObjectStore store,
        BucketLayout layout,
        BackupCatalog catalog,
        ArchiveCipher cipher,
        Clock clock,
        Vertx vertx,
        Supplier<KubernetesClient> kubernetes,
        Sources sources,
        Tuning tuning,
        RestoreDestinations destinations) {

    /** The same context, restoring into {@code more} besides the original places. */
    public BackupContext withDestinations(RestoreDestinations more) {
        return new BackupContext(store, layout, catalog, cipher, clock, vertx, kubernetes, sources, tuning, more);
    }

    /** The same context, used as {@code other} says. */
    public BackupContext withTuning(Tuning other) {
        return new BackupContext(
                store, layout, catalog, cipher, clock, vertx, kubernetes, sources, other, destinations);
    }
}
