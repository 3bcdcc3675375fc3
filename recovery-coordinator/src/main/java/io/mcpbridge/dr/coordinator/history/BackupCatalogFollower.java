package io.mcpbridge.dr.coordinator.history;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Follows backup-service's catalog, {@code mcp-dr.backup.catalog}, from its beginning on every instance, without
 * a consumer group: the topic is compacted, so read whole it is the current catalog, every backup kept (30 days)
 * long after its results expired (7). Each believed record of a backup hands on what its index object says now
 * ({@code cataloged}); a tombstone, the backup's pruning, hands on its id ({@code removed}). Only records signed
 * by backup-service count, tombstones too: anyone else who can write to the topic could otherwise fake a recent
 * backup and hide data loss, or delete a real one. The policy record gives each scope's maximum backup age.
 */
public final class BackupCatalogFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackupCatalogFollower.class);

    private final Believed believed;
    private final Consumer<BackupIndex> cataloged;
    private final Consumer<String> removed;
    private final Consumer<BackupPolicy> policies;
    private final TopicFollower follower;

    private BackupCatalogFollower(
            Map<String, Object> kafkaConfig,
            Believed believed,
            Consumer<BackupIndex> cataloged,
            Consumer<String> removed,
            Consumer<BackupPolicy> policies) {
        this.believed = believed;
        this.cataloged = cataloged;
        this.removed = removed;
        this.policies = policies;
        this.follower = TopicFollower.start(
                kafkaConfig,
                Topics.BACKUP_CATALOG,
                "recovery-coordinator-backup-catalog",
                TopicFollower.Start.fromBeginning(),
                this::read);
    }

    public static BackupCatalogFollower start(
            Map<String, Object> kafkaConfig,
            Believed believed,
            Consumer<BackupIndex> cataloged,
            Consumer<String> removed,
            Consumer<BackupPolicy> policies) {
        return new BackupCatalogFollower(kafkaConfig, believed, cataloged, removed, policies);
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        boolean tombstone = record.value() == null;
        boolean policy = !tombstone && EventType.BACKUP_POLICY.typeName().equals(type(record));
        if (!tombstone && !policy && !EventType.BACKUP_CATALOGED.typeName().equals(type(record))) {
            return; // a type this coordinator does not read
        }
        if (!believed.believes(record)) {
            return;
        }
        if (policy) {
            try {
                policies.accept((BackupPolicy) EventRecords.fromRecord(record).payload());
            } catch (MalformedEventException e) {
                LOG.warnf(
                        "unreadable backup policy at %s-%d@%d ignored: %s",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
            }
            return;
        }
        if (tombstone) {
            removed.accept(record.key());
            return;
        }
        try {
            BackupIndex backup = (BackupIndex) EventRecords.fromRecord(record).payload();
            if (!Objects.equals(record.key(), backup.id())) {
                throw new MalformedEventException("keyed '" + record.key() + "' but describes backup " + backup.id());
            }
            cataloged.accept(backup);
        } catch (MalformedEventException e) {
            // backup-service said something new of this backup that cannot be read: what was known is no longer so.
            removed.accept(record.key());
            LOG.warnf(
                    "unreadable catalog record at %s-%d@%d: backup %s is no recovery point here: %s",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
        }
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        return EventRecords.header(record.headers(), CloudEventHeaders.TYPE).orElse(null);
    }

    @Override
    public void close() {
        follower.close();
    }
}
