package io.mcpbridge.dr.backup.catalog;

import io.mcpbridge.dr.backup.intake.EventSender;
import io.mcpbridge.dr.backup.store.CatalogListener;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Tombstone;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Puts the catalog on {@code mcp-dr.backup.catalog}, signed like the results: each index object as it is
 * written, a tombstone for each backup pruned, and the policy. A record that cannot be published is logged and
 * left to the next reconciliation ({@link CatalogReconciler}); it never fails the operation that wrote the
 * index object.
 */
@ApplicationScoped
public class CatalogPublisher implements CatalogListener {

    private static final Logger LOG = Logger.getLogger(CatalogPublisher.class);
    static final String SOURCE = "/mcp-dr/backup-service";

    private final EventSender sender;
    private final Clock clock;
    /**
     * Held while a change is published, and by a whole reconciliation: what a reconciliation read from the
     * store is never published after a newer change of the same backup.
     */
    private final Object publishing = new Object();

    public CatalogPublisher(EventSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public void saved(BackupIndex index) {
        synchronized (publishing) {
            publish(index);
        }
    }

    @Override
    public void deleted(List<String> backupIds) {
        synchronized (publishing) {
            for (String backupId : backupIds) {
                // A broker that did not take one will not take the next either: no prune waits for each in turn.
                if (!tombstone(backupId)) {
                    return;
                }
            }
        }
    }

    /** Work that reads the store while holding the publisher. */
    interface StoreWork<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} (a reconciliation) while no change is published; changes wait for it. */
    <T> T exclusively(StoreWork<T> work) throws IOException {
        synchronized (publishing) {
            return work.run();
        }
    }

    /** Publishes what the index object says now; returns whether the broker took it. */
    boolean publish(BackupIndex index) {
        Instant now = clock.instant();
        boolean sent = sender.send(new EventEnvelope(
                index.id() + ":" + UUID.randomUUID(), EventType.BACKUP_CATALOGED, SOURCE, index.id(), now, index));
        if (!sent) {
            LOG.warnf(
                    "backup %s is not up to date on the catalog topic; the next reconciliation publishes it",
                    index.id());
        }
        return sent;
    }

    /** Publishes that the backup is gone; returns whether the broker took it. */
    boolean tombstone(String backupId) {
        boolean sent = sender.send(new Tombstone(
                backupId + ":" + UUID.randomUUID(), EventType.BACKUP_CATALOGED, SOURCE, backupId, clock.instant()));
        if (!sent) {
            LOG.warnf("pruned backup %s is still on the catalog topic; the next reconciliation removes it", backupId);
        }
        return sent;
    }

    /** Publishes the configuration; returns whether the broker took it. */
    boolean publish(BackupPolicy policy) {
        boolean sent = sender.send(new EventEnvelope(
                BackupPolicy.KEY + ":" + UUID.randomUUID(),
                EventType.BACKUP_POLICY,
                SOURCE,
                BackupPolicy.KEY,
                policy.at(),
                policy));
        if (!sent) {
            LOG.warn("the backup policy is not on the catalog topic; the next reconciliation publishes it");
        }
        return sent;
    }
}
