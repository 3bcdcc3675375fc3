package io.mcpbridge.dr.events.kafka;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.Tombstone;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.trust.RecordSigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events durably: {@code acks=all} with idempotence, and the future completes only once the
 * broker acknowledged. A plain {@link KafkaProducer} rather than a framework emitter, because callers
 * answer (a webhook, a command) after the acknowledgement, and the producer completes acks on its own
 * I/O thread, in parallel.
 *
 * <p>Never blocks any thread, so it is safe on an event loop. {@code KafkaProducer.send} would block for
 * {@code max.block.ms} when the topic's metadata is unknown (first use, broker away) or the record buffer
 * is full; here {@code max.block.ms} is 0, so such a send fails at once and is tried again a moment later
 * from a timer, until the delivery deadline. The normal path is one {@code send} on the caller's thread
 * with no hand-off, which matters: thread wake-ups dominate the cost of a small request.
 */
public final class EventProducer implements AutoCloseable {

    /** How soon a send that could not start (no metadata yet, buffer full) is tried again. */
    private static final long RETRY_MILLIS = 50;

    /** Not negotiable, whatever the configuration says: durability, and never blocking a caller. */
    private static final Map<String, Object> FORCED = Map.of(
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            0,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class.getName());

    /**
     * Defaults a deployment may override with {@code kafka.*} properties. linger.ms 1 (kafka-clients 4
     * defaults to 5, which caps low-concurrency throughput); 128 KiB batches, because an alert group of
     * a hundred ~1 KiB records otherwise splits into many small produce requests; a bounded delivery
     * time, so a request facing a dead broker fails in seconds and Alertmanager retries.
     */
    private static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 1,
            ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);

    private final KafkaProducer<String, byte[]> producer;
    private final RecordSigner signer;
    private final long deliveryTimeoutNanos;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-send-retry");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param kafkaConfig the shared {@code kafka.*} configuration; only producer settings are taken
     * @param clientId    the default {@code client.id}, unless the configuration names one
     */
    public EventProducer(Map<String, Object> kafkaConfig, String clientId) {
        this(kafkaConfig, clientId, null);
    }

    /**
     * A producer that signs what it sends to the signed topics ({@link Topics#SIGNED}) as {@code signer}.
     *
     * @param signer the sending service's signer; null for a service that sends no commands or results
     */
    public EventProducer(Map<String, Object> kafkaConfig, String clientId, RecordSigner signer) {
        this.signer = signer;
        Map<String, Object> config = producerConfig(kafkaConfig, clientId);
        this.producer = new KafkaProducer<>(config);
        this.deliveryTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(
                Long.parseLong(String.valueOf(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))));
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> defaults = new HashMap<>(DEFAULTS);
        defaults.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return KafkaClientConfigs.forClient(kafkaConfig, ProducerConfig.configNames(), defaults, FORCED);
    }

    /** Sends the event; the future completes when the broker acknowledged it, or fails. */
    public CompletableFuture<RecordMetadata> publish(EventEnvelope event) {
        return publishAll(List.of(event)).get(0);
    }

    /**
     * Sends the event and waits for the broker's acknowledgement, for callers that may act only once the
     * event is durable (a step recorded before it runs, a result before its command is acknowledged).
     *
     * @throws IllegalStateException when it was not acknowledged within {@code timeout}, with the reason
     */
    public RecordMetadata publishAndWait(EventEnvelope event, Duration timeout) {
        return await(publish(event), "event " + event.id(), timeout);
    }

    /** Sends the tombstone (signed on a signed topic); the future completes when the broker acknowledged it. */
    public CompletableFuture<RecordMetadata> publish(Tombstone tombstone) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            send(signed(EventRecords.toRecord(tombstone)), acked, System.nanoTime() + deliveryTimeoutNanos);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /**
     * Sends the tombstone and waits for the broker's acknowledgement.
     *
     * @throws IllegalStateException when it was not acknowledged within {@code timeout}, with the reason
     */
    public RecordMetadata publishAndWait(Tombstone tombstone, Duration timeout) {
        return await(publish(tombstone), "tombstone " + tombstone.id(), timeout);
    }

    private static RecordMetadata await(CompletableFuture<RecordMetadata> acked, String what, Duration timeout) {
        try {
            return acked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing " + what);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    what + " was not acknowledged: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(what + " was not acknowledged within " + timeout.toSeconds() + " s");
        }
    }

    /**
     * Sends the events in order.
     *
     * @return one future per event, in the same order
     */
    public List<CompletableFuture<RecordMetadata>> publishAll(List<EventEnvelope> events) {
        long deadline = System.nanoTime() + deliveryTimeoutNanos;
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
            acks.add(acked);
            try {
                send(signed(EventRecords.toRecord(event)), acked, deadline);
            } catch (RuntimeException e) {
                acked.completeExceptionally(e);
            }
        }
        return acks;
    }

    /** Signs a record for a signed topic ({@link Topics#SIGNED}); leaves any other as it is. */
    private ProducerRecord<String, byte[]> signed(ProducerRecord<String, byte[]> record) {
        if (Topics.SIGNED.contains(record.topic())) {
            if (signer == null) {
                throw new IllegalStateException(
                        record.topic() + " takes signed records only, and this producer has no signer");
            }
            signer.sign(record);
        }
        return record;
    }

    private void send(ProducerRecord<String, byte[]> record, CompletableFuture<RecordMetadata> acked, long deadline) {
        Attempt attempt = new Attempt(record, acked, deadline);
        try {
            producer.send(record, attempt);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        } finally {
            attempt.returned = true;
        }
    }

    /**
     * One try of one record. The producer reports a send that could not start (no metadata yet, buffer
     * full) through the callback while {@code send} is still running; such a try is repeated shortly.
     * Any failure reported later is the broker's answer and final.
     */
    private final class Attempt implements Callback {
        private final ProducerRecord<String, byte[]> record;
        private final CompletableFuture<RecordMetadata> acked;
        private final long deadline;
        private volatile boolean returned;

        Attempt(ProducerRecord<String, byte[]> record, CompletableFuture<RecordMetadata> acked, long deadline) {
            this.record = record;
            this.acked = acked;
            this.deadline = deadline;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception failure) {
            if (failure == null) {
                acked.complete(metadata);
            } else if (!returned && failure instanceof TimeoutException && System.nanoTime() - deadline < 0) {
                retryLater();
            } else {
                acked.completeExceptionally(failure);
            }
        }

        private void retryLater() {
            try {
                retries.schedule(() -> send(record, acked, deadline), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                acked.completeExceptionally(new IllegalStateException("publisher is shut down"));
            }
        }
    }

    @Override
    public void close() {
        // Sends waiting for a retry get one last try; whatever cannot start now fails its future.
        retries.shutdownNow().forEach(Runnable::run);
        producer.close(Duration.ofSeconds(5));
    }
}
