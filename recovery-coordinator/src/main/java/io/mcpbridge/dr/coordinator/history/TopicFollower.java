package io.mcpbridge.dr.coordinator.history;

import io.mcpbridge.dr.events.kafka.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Follows a whole topic on a thread of its own, without a consumer group, so every instance sees every record:
 * partitions are taken on as they appear (the topic may not exist yet, or may grow), each from where {@link Start}
 * puts it, and a failed read is retried, never given up.
 */
final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);
    private static final Duration PARTITION_CHECK = Duration.ofMinutes(1);
    private static final Duration SEEK_TIMEOUT = Duration.ofSeconds(10);

    /** Where a partition not followed before starts. */
    interface Start {
        void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions);

        /** From the first record: a compacted topic read whole is its current state. */
        static Start fromBeginning() {
            return KafkaConsumer::seekToBeginning;
        }

        /** From the first record at or after the moment {@code since} gives when the partition is taken on. */
        static Start since(Supplier<Instant> since) {
            return (consumer, partitions) -> TopicReader.seekTo(consumer, partitions, since.get(), SEEK_TIMEOUT);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Start start;
    private final Consumer<ConsumerRecord<String, byte[]>> reader;
    private final Thread thread;
    private volatile boolean running = true;

    private TopicFollower(
            Map<String, Object> kafkaConfig,
            String topic,
            String clientId,
            Start start,
            Consumer<ConsumerRecord<String, byte[]>> reader) {
        this.consumer = TopicReader.groupless(kafkaConfig, clientId);
        this.topic = topic;
        this.start = start;
        this.reader = reader;
        this.thread = new Thread(this::follow, clientId);
        this.thread.setDaemon(true);
    }

    /** Starts following {@code topic}, handing each record to {@code reader} on the follower's thread. */
    static TopicFollower start(
            Map<String, Object> kafkaConfig,
            String topic,
            String clientId,
            Start start,
            Consumer<ConsumerRecord<String, byte[]>> reader) {
        TopicFollower follower = new TopicFollower(kafkaConfig, topic, clientId, start, reader);
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
                    reader.accept(record);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("reading %s failed, retrying: %s", topic, e.getMessage());
                nextPartitionCheck = 0;
                sleepBriefly();
            }
        }
    }

    private void assignNewPartitions() {
        List<TopicPartition> all = TopicReader.partitions(consumer, topic, SEEK_TIMEOUT);
        if (all.isEmpty() || consumer.assignment().containsAll(all)) {
            return;
        }
        List<TopicPartition> fresh =
                all.stream().filter(p -> !consumer.assignment().contains(p)).toList();
        consumer.assign(all);
        start.seek(consumer, fresh);
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
