package io.mcpbridge.dr.coordinator.service;

import io.mcpbridge.dr.events.kafka.KafkaClientConfigs;
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
 * when the read began, in order per partition: how a starting or newly assigned coordinator learns what
 * its state topics say.
 */
final class TopicReader {

    private static final Map<String, Object> FORCED = Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());

    private TopicReader() {
    }

    /**
     * Hands every record to {@code reader}.
     *
     * @param since where to start: empty for the beginning
     * @throws IllegalStateException when the topic cannot be read to its end within {@code timeout}
     */
    static void readToEnd(Map<String, Object> kafkaConfig, String topic, Optional<Instant> since, Duration timeout,
            Consumer<ConsumerRecord<String, byte[]>> reader) {
        Map<String, Object> config = new HashMap<>(KafkaClientConfigs.forClient(kafkaConfig, ConsumerConfig.configNames(),
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "recovery-coordinator-reader-" + topic), FORCED));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            since.ifPresent(moment -> seekTo(consumer, partitions, moment, timeout));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " could not be read to its end within " + timeout.toSeconds()
                            + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(reader);
            }
        }
    }

    private static void seekTo(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant moment,
            Duration timeout) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, moment.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, timeout);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }
}
