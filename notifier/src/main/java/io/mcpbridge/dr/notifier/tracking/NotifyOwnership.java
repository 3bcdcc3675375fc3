package io.mcpbridge.dr.notifier.tracking;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.kafka.PartitionOwnership;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Which incidents this instance keeps the communication of: those whose notification requests it consumes (the
 * partitions of {@code mcp-dr.commands.notify} assigned to it). Every instance reads every incident's record
 * from the ledger; only the owner sends its deadlines, updates and reminders, so each goes out once.
 */
@ApplicationScoped
@Identifier(NotifyOwnership.NAME)
public class NotifyOwnership implements KafkaConsumerRebalanceListener {

    public static final String NAME = "notifier-ownership";
    private static final Logger LOG = Logger.getLogger(NotifyOwnership.class);

    private volatile PartitionOwnership ownership = PartitionOwnership.NONE;

    public boolean owns(String incidentId) {
        return ownership.owns(incidentId);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.COMMANDS_NOTIFY);
        Set<Integer> owned = consumer.assignment().stream()
                .filter(p -> p.topic().equals(Topics.COMMANDS_NOTIFY))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        ownership = new PartitionOwnership(owned, infos == null ? 0 : infos.size());
        LOG.infof("keeping the communication of incidents in partitions %s", ownership);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            ownership = PartitionOwnership.NONE;
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        ownership = PartitionOwnership.NONE;
    }
}
