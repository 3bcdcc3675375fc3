package io.mcpbridge.dr.health.publish;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.json.EventRecords;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events durably: {@code acks=all} with idempotence, and the future completes only once the
 * broker acknowledged. A plain {@link KafkaProducer} rather than an emitter, because the webhook answers
 * after the acknowledgement and the producer completes acks on its own I/O thread, in parallel.
 *
 * <p>{@link #publish} may block the caller for up to {@code max.block.ms} while the broker's metadata is
 * unknown (for example the broker is down at start): call it from worker threads, never an event loop.
 */
@ApplicationScoped
public class EventPublisher {

    /** Durability is not negotiable here, whatever the configuration says. */
    private static final Map<String, Object> FORCED = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

    /**
     * Defaults a deployment may override with {@code kafka.*} properties. linger.ms 1 (kafka-clients 4
     * defaults to 5, which caps low-concurrency throughput); bounded blocking and delivery time, so a
     * request facing a dead broker fails in seconds and Alertmanager retries.
     */
    private static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 1,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
            ProducerConfig.CLIENT_ID_CONFIG, "health-monitor");

    private final KafkaProducer<String, byte[]> producer;

    @Inject
    public EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig));
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Set<String> known = ProducerConfig.configNames();
        Map<String, Object> config = new HashMap<>(DEFAULTS);
        kafkaConfig.forEach((name, value) -> {
            if (known.contains(name)) {
                config.put(name, value);
            }
        });
        config.putAll(FORCED);
        return config;
    }

    /** Sends the event; the future completes when the broker acknowledged it, or fails. */
    public CompletableFuture<RecordMetadata> publish(EventEnvelope event) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(EventRecords.toRecord(event), (metadata, failure) -> {
                if (failure != null) {
                    acked.completeExceptionally(failure);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            // Metadata not available within max.block.ms, buffer full, or the producer is closed.
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
