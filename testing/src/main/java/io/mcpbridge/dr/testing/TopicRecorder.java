package io.mcpbridge.dr.testing;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.json.EventRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Records everything published to a topic from the moment it is created, on a background thread, so a
 * test can wait (bounded) for the records it expects and also assert what did <em>not</em> arrive.
 */
public final class TopicRecorder implements AutoCloseable {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean positioned = new AtomicBoolean(false);
    private final Thread poller;

    private TopicRecorder(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        this.poller = new Thread(this::poll, "topic-recorder-" + topic);
        this.poller.setDaemon(true);
    }

    /** Starts recording {@code topic}; returns once the recorder's position is fixed at the topic's end. */
    public static TopicRecorder fromNow(String bootstrapServers, String topic) {
        TopicRecorder recorder = new TopicRecorder(bootstrapServers, topic);
        recorder.poller.start();
        Awaitility.await("recorder positioned on " + topic).atMost(DEFAULT_WAIT).untilTrue(recorder.positioned);
        return recorder;
    }

    private void poll() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            // Creates the topic (auto-create) if nobody has published yet, so the end offset is real.
            Awaitility.await()
                    .atMost(DEFAULT_WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        partitions.clear();
                        consumer.partitionsFor(topic, Duration.ofSeconds(5))
                                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                        return !partitions.isEmpty();
                    });
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.set(true);
            while (running.get()) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // close() was called
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** Every record received so far. */
    public List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }

    /** Every received record of this type, decoded. */
    public List<EventEnvelope> events(EventType type) {
        return records.stream()
                .map(EventRecords::fromRecord)
                .filter(event -> event.type() == type)
                .toList();
    }

    /** Decoded events of a type whose payload matches. */
    public <T> List<T> payloads(EventType type, Class<T> payloadType, Predicate<T> matching) {
        return events(type).stream()
                .map(e -> payloadType.cast(e.payload()))
                .filter(matching)
                .toList();
    }

    /** Waits (bounded) until at least {@code count} matching payloads arrived, and returns them all. */
    public <T> List<T> awaitPayloads(
            EventType type, Class<T> payloadType, Predicate<T> matching, int count, Duration atMost) {
        Awaitility.await(count + " x " + type.typeName() + " on " + topic)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> payloads(type, payloadType, matching).size() >= count);
        return payloads(type, payloadType, matching);
    }

    /** Waits (bounded) for at least {@code count} records and returns them all. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(int count, Duration atMost) {
        Awaitility.await(count + " records on " + topic)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> records.size() >= count);
        return records();
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
