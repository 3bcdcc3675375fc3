package io.mcpbridge.dr.notifier.ledger;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.kafka.KafkaClientConfigs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The durable record of what was delivered, one key per (notification id, channel), plus the few facts
 * delivery needs to remember (an incident's Slack thread), on a compacted Kafka
 * topic of the notifier's own (never in the MCP Bridge Redis). Every instance reads the whole topic before
 * it delivers anything, then keeps following it, so a restart or a partition moving to another instance
 * does not deliver again what was delivered before.
 *
 * <p>The one window left: the peer accepted a message but the process died before the ledger write was
 * acknowledged. The notification is then redelivered by Kafka and sent once more.
 */
@ApplicationScoped
public class DeliveryLedger {

    private static final Logger LOG = Logger.getLogger(DeliveryLedger.class);
    private static final int PARTITIONS = 3;

    private final Map<String, Object> kafkaConfig;
    /** Every key of the topic with its latest value: deliveries (value: when) and remembered facts. */
    private final Map<String, String> entries = new ConcurrentHashMap<>();

    private final CountDownLatch loaded = new CountDownLatch(1);
    /** Waiters for the follower to read up to the topic's end as it is when the follower sees them. */
    private final Queue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();

    private volatile boolean running = true;
    private KafkaProducer<String, byte[]> producer;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread follower;

    public DeliveryLedger(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(
                clientConfig(
                        ProducerConfig.configNames(),
                        Map.of(
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.LINGER_MS_CONFIG,
                                0)),
                new StringSerializer(),
                new ByteArraySerializer());
        follower = new Thread(this::follow, "delivery-ledger");
        follower.setDaemon(true);
        follower.start();
    }

    /** Whether this (notification, channel) was delivered, here or by any other instance. */
    public boolean delivered(String notificationId, String channel) {
        return entries.containsKey(key(notificationId, channel));
    }

    /**
     * Records a delivery and waits (bounded) for Kafka's acknowledgement.
     *
     * @throws IllegalStateException when Kafka did not acknowledge
     */
    public void record(String notificationId, String channel) {
        remember(key(notificationId, channel), Instant.now().toString());
    }

    /** A fact about a delivery worth keeping across restarts, e.g. the Slack thread of an incident. */
    public Optional<String> recall(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /**
     * Keeps a fact durably and waits (bounded) for Kafka's acknowledgement.
     *
     * @throws IllegalStateException when Kafka did not acknowledge
     */
    public void remember(String key, String value) {
        entries.put(key, value);
        write(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.NOTIFIER_DELIVERIES, key, value))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a delivery", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("delivery ledger write not acknowledged: " + e, e);
        }
    }

    /**
     * Drops a fact that is no longer needed (a tombstone, which compaction removes) and waits (bounded) for Kafka's
     * acknowledgement.
     *
     * @throws IllegalStateException when Kafka did not acknowledge
     */
    public void forget(String key) {
        entries.remove(key);
        write(key, null);
    }

    /** Blocks (bounded) until everything recorded before this instance started is known. */
    public boolean awaitLoaded(Duration atMost) throws InterruptedException {
        return loaded.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Blocks (bounded) until everything written to the ledger before this call, by any instance, is known here.
     *
     * @return false when that took longer than {@code atMost}
     */
    public boolean awaitCaughtUp(Duration atMost) throws InterruptedException {
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        catchUpRequests.add(caughtUp);
        try {
            caughtUp.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Every remembered fact whose key starts with {@code prefix}, by key. */
    public Map<String, String> entries(String prefix) {
        Map<String, String> found = new HashMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(key, value);
            }
        });
        return found;
    }

    public int size() {
        return entries.size();
    }

    /** Reads the topic from the start, then follows it; starts over (after a pause) if anything breaks. */
    private void follow() {
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(
                    clientConfig(ConsumerConfig.configNames(), Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                    new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = reader;
                List<TopicPartition> partitions = ensureTopic();
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = reader.endOffsets(partitions);
                List<Map.Entry<CompletableFuture<Void>, Map<TopicPartition, Long>>> catchingUp = new ArrayList<>();
                while (running) {
                    reader.poll(Duration.ofMillis(200)).forEach(record -> {
                        if (record.value() == null) {
                            entries.remove(record.key());
                        } else {
                            entries.put(record.key(), new String(record.value(), StandardCharsets.UTF_8));
                        }
                    });
                    for (CompletableFuture<Void> request; (request = catchUpRequests.poll()) != null; ) {
                        catchingUp.add(Map.entry(request, reader.endOffsets(partitions)));
                    }
                    catchingUp.removeIf(waiter -> {
                        boolean reached = reachedAll(reader, waiter.getValue());
                        if (reached) {
                            waiter.getKey().complete(null);
                        }
                        return reached;
                    });
                    if (loaded.getCount() > 0 && reachedAll(reader, end)) {
                        LOG.infof("delivery ledger loaded: %d entries known", entries.size());
                        loaded.countDown();
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.errorf(
                        "delivery ledger stopped following %s, starting over: %s",
                        Topics.NOTIFIER_DELIVERIES, e.toString());
                try {
                    pause();
                } catch (WakeupException interrupted) {
                    return;
                }
            }
        }
    }

    private static boolean reachedAll(KafkaConsumer<String, byte[]> reader, Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
    }

    /** Creates the ledger topic (compacted, expiring after a week) if it is missing; retries until Kafka answers. */
    private List<TopicPartition> ensureTopic() {
        while (running) {
            try (Admin admin = Admin.create(clientConfig(AdminClientConfig.configNames(), Map.of()))) {
                try {
                    admin.createTopics(List.of(new NewTopic(Topics.NOTIFIER_DELIVERIES, PARTITIONS, (short) -1)
                                    .configs(Topics.settings(Topics.NOTIFIER_DELIVERIES))))
                            .all()
                            .get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                int count = admin.describeTopics(List.of(Topics.NOTIFIER_DELIVERIES))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .get(Topics.NOTIFIER_DELIVERIES)
                        .partitions()
                        .size();
                return IntStream.range(0, count)
                        .mapToObj(p -> new TopicPartition(Topics.NOTIFIER_DELIVERIES, p))
                        .toList();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("delivery ledger topic not ready yet: %s", e.toString());
                pause();
            }
        }
        throw new WakeupException();
    }

    private void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    private Map<String, Object> clientConfig(Set<String> known, Map<String, Object> overrides) {
        return KafkaClientConfigs.forClient(kafkaConfig, known, Map.of(), overrides);
    }

    /** After the dispatcher (higher priority runs later): its last deliveries are recorded first. */
    void stop(@Observes @Priority(20) ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static String key(String notificationId, String channel) {
        return notificationId + "|" + channel;
    }
}
