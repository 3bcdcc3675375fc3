package io.mcpbridge.dr.events.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic once, outside any consumer group, from its beginning (or from a moment) to the end it had
 * when the read began, in order per partition: how a starting or newly assigned service learns what its
 * state topics say (the coordinator's incidents, the commands already taken). Also the groupless consumer
 * and the seek by time that a follower of a whole topic uses.
 */
public final class TopicReader {

    private static final Map<String, Object> FORCED = Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            // Only when a position fell out of retention mid-read: read what remains rather than skip it.
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class.getName());

    private TopicReader() {}

    /**
     * Hands every record to {@code reader}.
     *
     * @param since where to start: empty for the beginning
     * @throws IllegalStateException when the topic cannot be read to its end within {@code timeout}
     */
    public static void readToEnd(
            Map<String, Object> kafkaConfig,
            String topic,
            Optional<Instant> since,
            Duration timeout,
            Consumer<ConsumerRecord<String, byte[]>> reader) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = groupless(kafkaConfig, "mcp-dr-reader-" + topic)) {
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            since.ifPresent(moment -> seekTo(consumer, partitions, moment, timeout));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            topic + " could not be read to its end within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(reader);
            }
        }
    }

    /** A consumer of raw records that belongs to no group: positions are the caller's. */
    public static KafkaConsumer<String, byte[]> groupless(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(KafkaClientConfigs.forClient(
                kafkaConfig, ConsumerConfig.configNames(), Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId), FORCED));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config);
    }

    public static List<TopicPartition> partitions(
            KafkaConsumer<String, byte[]> consumer, String topic, Duration timeout) {
        return consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    /** Moves each partition to its first record at or after {@code moment}, or to its end when there is none. */
    public static void seekTo(
            KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant moment, Duration timeout) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, moment.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, timeout);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
                // Fixed now: a lazy end would be taken at the first poll, past a record that came meanwhile.
                consumer.position(partition, timeout);
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }
}
