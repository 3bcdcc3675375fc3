package io.mcpbridge.dr.drctl.kafka;

import io.mcpbridge.dr.events.kafka.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What arrives on some topics from the moment it was opened: every partition, positioned at its end before
 * anything is published, so that an answer that comes quickly is not missed.
 */
public final class Watch implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    Watch(KafkaConsumer<String, byte[]> consumer, List<String> topics, Duration timeout) {
        this.consumer = consumer;
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(TopicReader.partitions(consumer, topic, timeout));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(partition -> consumer.position(partition, timeout)); // fixes the positions now
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** What arrived within {@code wait}; empty when nothing did. */
    public List<Kafka.Read> poll(Duration wait) {
        List<Kafka.Read> reads = new ArrayList<>();
        consumer.poll(wait).forEach(record -> reads.add(Kafka.parse(record)));
        return reads;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
