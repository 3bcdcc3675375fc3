package io.mcpbridge.dr.backup.catalog;

import io.mcpbridge.dr.backup.config.AfterStart;
import io.mcpbridge.dr.backup.config.BackupConfig;
import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.kafka.TopicReader;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes the catalog topic say what the store's index objects say, whatever was missed: a publication that
 * failed, index objects written by another instance or put back by hand, backups deleted from the store
 * directly. At start it publishes the policy and every index object (so every record is signed with the key
 * the service holds now), and every {@code mcpdr.backup.catalog-refresh} what differs; in both, a tombstone for
 * each backup on the topic that has no index object any more.
 */
@ApplicationScoped
public class CatalogReconciler {

    private static final Logger LOG = Logger.getLogger(CatalogReconciler.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** What one reconciliation published. */
    public record Reconciliation(int published, int tombstones) {}

    private final BackupContext context;
    private final CatalogPublisher publisher;
    private final BackupConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Clock clock;

    @Inject
    public CatalogReconciler(
            BackupContext context,
            CatalogPublisher publisher,
            BackupConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            Clock clock) {
        this.context = context;
        this.publisher = publisher;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start, AfterStart afterStart) {
        // Off the start-up path: the store and the broker may answer slowly, or not yet.
        afterStart.run("the catalog's reconciliation", () -> reconcileQuietly(true));
    }

    @Scheduled(
            identity = "backup-catalog-reconcile",
            every = "${mcpdr.backup.catalog-refresh}",
            delayed = "${mcpdr.backup.catalog-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        reconcileQuietly(false);
    }

    private void reconcileQuietly(boolean everything) {
        try {
            Reconciliation done = reconcile(everything);
            if (done.published() > 0 || done.tombstones() > 0) {
                LOG.infof(
                        "catalog topic reconciled: %d record(s) published, %d tombstone(s)",
                        done.published(), done.tombstones());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(
                    "the catalog topic was not reconciled, tried again in %s: %s",
                    config.catalogRefresh(), e.getMessage());
        }
    }

    /**
     * Reads the topic, then the store, and publishes the difference. Changes made meanwhile wait (see
     * {@link CatalogPublisher#exclusively}), so nothing read here overtakes a newer change. Stops at the first
     * record the broker does not take: the next reconciliation goes on.
     *
     * @param everything publish every index object and the policy, not only those the topic does not show
     * @throws IOException when the store cannot be listed
     */
    public Reconciliation reconcile(boolean everything) throws IOException {
        return publisher.exclusively(() -> reconcileNow(everything));
    }

    private Reconciliation reconcileNow(boolean everything) throws IOException {
        Map<String, byte[]> onTopic = new HashMap<>();
        // Read before the store is listed: a backup the topic names was stored before it was published, so a
        // key the listing lacks is a backup deleted, never one too new to be listed.
        TopicReader.readToEnd(kafkaConfig, Topics.BACKUP_CATALOG, Optional.empty(), READ_TIMEOUT, record -> {
            if (record.key() != null) {
                onTopic.put(record.key(), record.value());
            }
        });
        List<BackupIndex> stored = context.catalog().all();
        int published = 0;
        BackupPolicy policy = ConfiguredPolicy.of(config, context.store().describe(), clock.instant());
        if (everything || !showsPolicy(onTopic.get(BackupPolicy.KEY), policy)) {
            if (!publisher.publish(policy)) {
                return new Reconciliation(published, 0);
            }
            published++;
        }
        for (BackupIndex index : stored) {
            if (everything || !shows(onTopic.get(index.id()), index)) {
                if (!publisher.publish(index)) {
                    return new Reconciliation(published, 0);
                }
                published++;
            }
        }
        Set<String> storedIds = stored.stream().map(BackupIndex::id).collect(Collectors.toSet());
        int tombstones = 0;
        for (Map.Entry<String, byte[]> entry : onTopic.entrySet()) {
            String key = entry.getKey();
            // Only backups get tombstones: the policy's key, and any key this version does not know, stay.
            if (entry.getValue() != null && BucketLayout.isBackupId(key) && !storedIds.contains(key)) {
                if (!publisher.tombstone(key)) {
                    break;
                }
                tombstones++;
            }
        }
        return new Reconciliation(published, tombstones);
    }

    private static boolean shows(byte[] value, BackupIndex index) {
        if (value == null) {
            return false;
        }
        try {
            return EventJson.fromBytes(value, BackupIndex.class).equals(index);
        } catch (MalformedEventException e) {
            return false;
        }
    }

    private static boolean showsPolicy(byte[] value, BackupPolicy policy) {
        if (value == null) {
            return false;
        }
        try {
            return ConfiguredPolicy.sameSettings(EventJson.fromBytes(value, BackupPolicy.class), policy);
        } catch (MalformedEventException e) {
            return false;
        }
    }
}
