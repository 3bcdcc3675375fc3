package io.mcpbridge.dr.coordinator.history;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.kafka.TopicReader;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.UnauthenticatedRecordException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Follows {@code mcp-dr.backup.results} on every instance, without a consumer group: results are keyed by
 * backup id, not by component, so whichever instance owns the waiting incident must see them all. It
 * starts {@code lookback} in the past, so a restarted instance learns the last successful backups (the
 * RPO) and the results that arrived while no instance was running. Terminal results only are handed on, and
 * only those signed by backup-service: anyone else who can write to the topic could otherwise complete a
 * waiting restore step with a forged success.
 */
public final class BackupResultsFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackupResultsFollower.class);
    private static final Duration PARTITION_CHECK = Duration.ofMinutes(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration lookback;
    private final Clock clock;
    private final Consumer<BackupResult> results;
    private final Believed believed;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Which results count: those signed by {@code signer} (backup-service) as the authenticator checks it;
     * {@code refused} is told of every other.
     */
    public record Believed(RecordAuthenticator authenticator, String signer, Runnable refused) {}

    private BackupResultsFollower(
            Map<String, Object> kafkaConfig,
            Duration lookback,
            Clock clock,
            Believed believed,
            Consumer<BackupResult> results) {
        this.believed = believed;
        this.consumer = TopicReader.groupless(kafkaConfig, "recovery-coordinator-backup-results");
        this.lookback = lookback;
        this.clock = clock;
        this.results = results;
        this.thread = new Thread(this::follow, "backup-results");
        this.thread.setDaemon(true);
    }

    public static BackupResultsFollower start(
            Map<String, Object> kafkaConfig,
            Duration lookback,
            Clock clock,
            Believed believed,
            Consumer<BackupResult> results) {
        BackupResultsFollower follower = new BackupResultsFollower(kafkaConfig, lookback, clock, believed, results);
        follower.thread.start();
        return follower;
    }

    private void follow() {
        long nextPartitionCheck = 0;
        while (running) {
            try {
                if (System.nanoTime() - nextPartitionCheck >= 0) {
                    assignNewPartitions();
                    nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                }
                if (consumer.assignment().isEmpty()) {
                    nextPartitionCheck = System.nanoTime(); // the topic does not exist yet
                    sleepBriefly();
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read(record);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("reading %s failed, retrying: %s", Topics.BACKUP_RESULTS, e.getMessage());
                nextPartitionCheck = 0;
                sleepBriefly();
            }
        }
    }

    /** Partitions not yet followed (all of them at start; new ones when the topic grows) start at the lookback. */
    private void assignNewPartitions() {
        List<TopicPartition> all = TopicReader.partitions(consumer, Topics.BACKUP_RESULTS, Duration.ofSeconds(10));
        if (all.isEmpty() || consumer.assignment().containsAll(all)) {
            return;
        }
        List<TopicPartition> fresh =
                all.stream().filter(p -> !consumer.assignment().contains(p)).toList();
        consumer.assign(all);
        TopicReader.seekTo(consumer, fresh, clock.instant().minus(lookback), Duration.ofSeconds(10));
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            EventEnvelope event = EventRecords.fromRecord(record);
            if (event.type() == EventType.BACKUP_RESULT
                    && ((BackupResult) event.payload()).phase().terminal()) {
                String signer = believed.authenticator()
                        .verify(record.topic(), record.key(), record.headers(), record.value())
                        .signer();
                if (!signer.equals(believed.signer())) {
                    throw new UnauthenticatedRecordException(
                            event.id() + " is signed by '" + signer + "', not by " + believed.signer());
                }
                results.accept((BackupResult) event.payload());
            }
        } catch (MalformedEventException e) {
            LOG.warnf(
                    "unreadable backup result at %s-%d@%d skipped: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        } catch (UnauthenticatedRecordException e) {
            believed.refused().run();
            LOG.warnf(
                    "backup result at %s-%d@%d ignored: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
