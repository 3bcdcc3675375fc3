package io.mcpbridge.dr.health.publish;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.json.EventRecords;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes events durably: {@code acks=all} with idempotence, and the future completes only once the
 * broker acknowledged. A plain {@link KafkaProducer} rather than an emitter, because the webhook answers
 * after the acknowledgement and the producer completes acks on its own I/O thread, in parallel.
 *
 * <p>Never blocks the caller, so it is safe on an event loop. {@code KafkaProducer.send} blocks only when
 * the topic's metadata is unknown or the record buffer is full; a send that can do neither runs on the
 * caller's thread (no hand-off, which dominates the cost of a small request), any other goes to one
 * dedicated sender thread, the only thread that may wait. Topic metadata is fetched at start and kept
 * fresh in the background, so the fast path is the normal one.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    /** The topics this service writes; their metadata is kept warm. */
    private static final List<String> TOPICS = List.of(Topics.HEALTH, Topics.ALERTS);
    /** Below this share of free record buffer, a send might block: take the slow path. */
    private static final double MIN_FREE_BUFFER = 0.25;
    /** Well inside the producer's metadata.max.idle.ms (5 min), so warm topics never expire. */
    private static final Duration METADATA_REFRESH = Duration.ofMinutes(1);

    /** Durability is not negotiable here, whatever the configuration says. */
    private static final Map<String, Object> FORCED = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

    /**
     * Defaults a deployment may override with {@code kafka.*} properties. linger.ms 1 (kafka-clients 4
     * defaults to 5, which caps low-concurrency throughput); 128 KiB batches, because an alert group of
     * a hundred ~1 KiB records otherwise splits into many small produce requests; bounded blocking and
     * delivery time, so a request facing a dead broker fails in seconds and Alertmanager retries.
     */
    private static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 1,
            ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
            ProducerConfig.CLIENT_ID_CONFIG, "health-monitor");

    private final KafkaProducer<String, byte[]> producer;
    private final double bufferBytes;
    private final Metric bufferAvailable;
    private final Set<String> warmTopics = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("event-sender"));
    private final ScheduledExecutorService metadataWarmer = Executors.newSingleThreadScheduledExecutor(
            daemon("event-metadata"));

    @Inject
    public EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        Map<String, Object> config = producerConfig(kafkaConfig);
        this.producer = new KafkaProducer<>(config);
        this.bufferBytes = Double.parseDouble(String.valueOf(
                config.getOrDefault(ProducerConfig.BUFFER_MEMORY_CONFIG, 32L * 1024 * 1024)));
        this.bufferAvailable = producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("buffer-available-bytes")
                        && e.getKey().group().equals("producer-metrics"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        metadataWarmer.scheduleWithFixedDelay(this::warmMetadata, 0, METADATA_REFRESH.toSeconds(), TimeUnit.SECONDS);
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
        return publishAll(List.of(event)).get(0);
    }

    /**
     * Sends the events in order.
     *
     * @return one future per event, in the same order
     */
    public List<CompletableFuture<RecordMetadata>> publishAll(List<EventEnvelope> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(events.size());
        boolean cannotBlock = bufferMostlyFree();
        for (EventEnvelope event : events) {
            records.add(EventRecords.toRecord(event));
            acks.add(new CompletableFuture<>());
            cannotBlock &= warmTopics.contains(event.topic());
        }
        if (cannotBlock) {
            send(records, acks);
            return acks;
        }
        try {
            sender.execute(() -> send(records, acks));
        } catch (RejectedExecutionException e) {
            acks.forEach(ack -> ack.completeExceptionally(new IllegalStateException("publisher is shut down")));
        }
        return acks;
    }

    private boolean bufferMostlyFree() {
        if (bufferAvailable == null) {
            return false;
        }
        Object available = bufferAvailable.metricValue();
        return available instanceof Double free && free >= bufferBytes * MIN_FREE_BUFFER;
    }

    private void send(List<ProducerRecord<String, byte[]>> records, List<CompletableFuture<RecordMetadata>> acks) {
        for (int i = 0; i < records.size(); i++) {
            CompletableFuture<RecordMetadata> acked = acks.get(i);
            try {
                producer.send(records.get(i), (metadata, failure) -> {
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
        }
    }

    /** Fetches (and so keeps fresh) the metadata of every topic written; a topic that fails is cold until it works. */
    private void warmMetadata() {
        for (String topic : TOPICS) {
            try {
                producer.partitionsFor(topic);
                warmTopics.add(topic);
            } catch (RuntimeException e) {
                warmTopics.remove(topic);
                LOG.debugf("no metadata for %s yet: %s", topic, e.toString());
            }
        }
    }

    @PreDestroy
    public void close() {
        metadataWarmer.shutdownNow();
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
