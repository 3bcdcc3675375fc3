package io.mcpbridge.dr.coordinator.history;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Follows {@code mcp-dr.backup.results} on every instance, without a consumer group: results are keyed by
 * backup id, not by component, so whichever instance owns the waiting incident must see them all. It
 * starts {@code lookback} in the past, so a restarted instance learns the results that arrived while no
 * instance was running. Terminal results only are handed on, and only those signed by backup-service: anyone
 * else who can write to the topic could otherwise complete a waiting restore step with a forged success.
 */
public final class BackupResultsFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackupResultsFollower.class);

    private final Consumer<BackupResult> results;
    private final Believed believed;
    private final TopicFollower follower;

    private BackupResultsFollower(
            Map<String, Object> kafkaConfig,
            Duration lookback,
            Clock clock,
            Believed believed,
            Consumer<BackupResult> results) {
        this.believed = believed;
        this.results = results;
        this.follower = TopicFollower.start(
                kafkaConfig,
                Topics.BACKUP_RESULTS,
                "recovery-coordinator-backup-results",
                TopicFollower.Start.since(() -> clock.instant().minus(lookback)),
                this::read);
    }

    public static BackupResultsFollower start(
            Map<String, Object> kafkaConfig,
            Duration lookback,
            Clock clock,
            Believed believed,
            Consumer<BackupResult> results) {
        return new BackupResultsFollower(kafkaConfig, lookback, clock, believed, results);
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            EventEnvelope event = EventRecords.fromRecord(record);
            if (event.type() == EventType.BACKUP_RESULT
                    && ((BackupResult) event.payload()).phase().terminal()
                    && believed.believes(record)) {
                results.accept((BackupResult) event.payload());
            }
        } catch (MalformedEventException e) {
            LOG.warnf(
                    "unreadable backup result at %s-%d@%d skipped: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
