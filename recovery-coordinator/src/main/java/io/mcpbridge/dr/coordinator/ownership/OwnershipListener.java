package io.mcpbridge.dr.coordinator.ownership;

import io.mcpbridge.dr.coordinator.loop.Coordinator;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.kafka.PartitionOwnership;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Turns the signal channel's partition assignment into the coordinator's {@link PartitionOwnership}. Called on the
 * consumer's thread, so no record of a newly assigned partition is handled before its incidents are read
 * back, and a revocation returns only once the step in hand has ended. The signal topics must have the same
 * partition count (the range assignor then gives partition p of each to the same instance); when they do
 * not, the assignment fails with that reason rather than let a component's signals reach two instances.
 */
@ApplicationScoped
@Identifier(OwnershipListener.NAME)
public class OwnershipListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "coordinator-ownership";
    /** The topics keyed by component that decide who acts on it. */
    public static final List<String> SIGNAL_TOPICS = List.of(Topics.HEALTH, Topics.ALERTS, Topics.COMMANDS_RECOVERY);

    private static final Logger LOG = Logger.getLogger(OwnershipListener.class);

    private final Coordinator coordinator;

    public OwnershipListener(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String topic : SIGNAL_TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                counts.put(topic, infos.size());
            }
        }
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("the signal topics must have the same number of partitions, so that one "
                    + "instance owns each component: " + counts);
        }
        int count = counts.values().stream().findFirst().orElse(0);
        Set<Integer> owned = consumer.assignment().stream()
                .filter(p -> SIGNAL_TOPICS.contains(p.topic()))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        coordinator.own(new PartitionOwnership(owned, count));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            LOG.infof("partitions revoked: %s", partitions);
            coordinator.release();
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.warnf("partitions lost (this instance left the group): %s", partitions);
        coordinator.release();
    }
}
