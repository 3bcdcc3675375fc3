package io.mcpbridge.dr.health.ownership;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.kafka.KafkaClientConfigs;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Decides, with the other health-monitor replicas, who probes which target, by Kafka's group membership only:
 * the replicas consume {@link Topics#PROBE_OWNERSHIP} as one group, and a replica probes the targets of the
 * partitions it is assigned ({@link TargetPartitions}). Kafka gives each partition to exactly one live member;
 * when a member dies, its partitions go to the others once the group's session timeout has passed (10 s by
 * default here), and the new prober continues from the target's last published state.
 *
 * <p>With the cooperative assignor a rebalance moves only the partitions that change hands, so the other
 * targets are probed without a gap. A missing ownership topic would leave every target unprobed; rather than
 * that, a replica that finds no topic probes every target itself (and says so in its log) until the topic exists.
 */
public final class ProbeOwnership implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProbeOwnership.class);
    /** How often a replica without the ownership topic looks for it again. */
    private static final Duration TOPIC_RECHECK = Duration.ofSeconds(30);

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    /** Defaults a deployment may override with {@code kafka.*}: a short session, so a dead prober is replaced fast. */
    private static final Map<String, Object> DEFAULTS = Map.of(
            ConsumerConfig.GROUP_ID_CONFIG,
            "health-monitor",
            ConsumerConfig.CLIENT_ID_CONFIG,
            "health-monitor-probes",
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            10_000,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
            3_000);

    private static final Map<String, Object> FORCED = Map.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());

    private final Map<String, Object> kafkaConfig;
    private final ProbeOwner owner;
    private final Duration lookback;
    private final Clock clock;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private int partitions;
    private boolean probingAll;

    /**
     * @param lookback how far back a new prober looks for a target's last published state
     */
    public ProbeOwnership(Map<String, Object> kafkaConfig, ProbeOwner owner, Duration lookback, Clock clock) {
        this.kafkaConfig = kafkaConfig;
        this.owner = owner;
        this.lookback = lookback;
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(
                KafkaClientConfigs.forClient(kafkaConfig, ConsumerConfig.configNames(), DEFAULTS, FORCED));
        this.thread = new Thread(this::run, "probe-ownership");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                if (partitions == 0 && !joinWhenTheTopicExists()) {
                    pause(TOPIC_RECHECK);
                    continue;
                }
                consumer.poll(Duration.ofSeconds(1)); // nothing is written there: polling keeps the membership
            }
        } catch (WakeupException stopping) {
            // close()
        } catch (RuntimeException e) {
            LOG.errorf(e, "probe ownership failed; probing every target from this replica");
            takeAll();
        } finally {
            consumer.close(Duration.ofSeconds(5)); // leaves the group: the others take over at once
        }
    }

    /** Subscribes when the topic exists; otherwise probes everything. Whether it subscribed. */
    private boolean joinWhenTheTopicExists() {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.PROBE_OWNERSHIP, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            if (!probingAll) {
                LOG.errorf(
                        "topic %s is missing: this replica probes every target until it exists (create it as"
                                + " docs/deploy.md says, so that replicas share the targets)",
                        Topics.PROBE_OWNERSHIP);
                takeAll();
            }
            return false;
        }
        if (probingAll) {
            owner.release(owner.targets());
            probingAll = false;
        }
        partitions = infos.size();
        consumer.subscribe(List.of(Topics.PROBE_OWNERSHIP), new Listener());
        LOG.infof("sharing probe targets through %s (%d partitions)", Topics.PROBE_OWNERSHIP, partitions);
        return true;
    }

    private void takeAll() {
        owner.take(resumed(owner.targets()));
        probingAll = true;
    }

    private Map<String, Optional<TargetHealth>> resumed(Collection<String> targets) {
        Map<String, TargetHealth> published;
        try {
            published = LastPublishedHealth.read(kafkaConfig, targets, clock.instant(), lookback, READ_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("last published health of %s not readable, starting from UNKNOWN: %s", targets, e.getMessage());
            published = Map.of();
        }
        Map<String, Optional<TargetHealth>> resumed = new LinkedHashMap<>();
        for (String target : targets) {
            resumed.put(target, Optional.ofNullable(published.get(target)));
        }
        return resumed;
    }

    private List<String> targetsOf(Collection<TopicPartition> assigned) {
        return TargetPartitions.targetsOf(
                assigned.stream().map(TopicPartition::partition).toList(), owner.targets(), partitions);
    }

    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            List<String> targets = targetsOf(assigned);
            if (!targets.isEmpty()) {
                LOG.infof("probing %s from now (partitions %s)", targets, assigned);
                owner.take(resumed(targets));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            List<String> targets = targetsOf(revoked);
            if (!targets.isEmpty()) {
                LOG.infof("no longer probing %s", targets);
                owner.release(targets);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            onPartitionsRevoked(lost);
        }
    }

    private synchronized void pause(Duration duration) {
        try {
            if (running) {
                wait(duration.toMillis()); // close() ends it early
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
