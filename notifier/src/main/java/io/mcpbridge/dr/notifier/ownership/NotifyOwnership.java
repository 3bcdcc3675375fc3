package io.mcpbridge.dr.notifier.ownership;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.kafka.PartitionOwnership;
import io.mcpbridge.dr.notifier.ledger.DeliveryLedger;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Which incidents this instance keeps the communication of: those whose notification requests it consumes (the
 * partitions of {@code mcp-dr.commands.notify} assigned to it). Every instance reads every incident's record
 * from the ledger; only the owner sends its deadlines, updates and reminders, so each goes out once. Digests are
 * owned the same way, by a key of their own ({@code digest:<audience>}).
 */
@ApplicationScoped
@Identifier(NotifyOwnership.NAME)
public class NotifyOwnership implements KafkaConsumerRebalanceListener {

    public static final String NAME = "notifier-ownership";
    private static final Logger LOG = Logger.getLogger(NotifyOwnership.class);
    /** How long a newly assigned partition waits for the ledger to know what its previous owner delivered. */
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(10);

    private final DeliveryLedger ledger;
    private final List<Runnable> revocationListeners = new CopyOnWriteArrayList<>();
    private volatile PartitionOwnership ownership = PartitionOwnership.NONE;

    public NotifyOwnership(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    /** The ownership key of an audience's digest: one replica sends it. */
    public static String digestKey(String audience) {
        return "digest:" + audience;
    }

    /** Whether this instance acts on the key: an incident id, or a digest's key. */
    public boolean owns(String key) {
        return ownership.owns(key);
    }

    /**
     * Runs {@code listener} on the consumer's thread each time partitions are taken away, after this instance
     * stopped owning them and before another instance gets them: the place to finish what is under way.
     */
    public void onRevoked(Runnable listener) {
        revocationListeners.add(listener);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.COMMANDS_NOTIFY);
        Set<Integer> owned = consumer.assignment().stream()
                .filter(p -> p.topic().equals(Topics.COMMANDS_NOTIFY))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        // Before the first record of a partition that moved here: what its previous owner delivered is in the
        // ledger (it recorded every attempt before letting go), so none of it is sent again.
        try {
            if (!ledger.awaitCaughtUp(CATCH_UP_WAIT)) {
                LOG.warnf("the delivery ledger did not catch up within %s; delivering anyway", CATCH_UP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ownership = new PartitionOwnership(owned, infos == null ? 0 : infos.size());
        LOG.infof("keeping the communication of incidents in partitions %s", ownership);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> revoked = partitions.stream()
                .filter(p -> p.topic().equals(Topics.COMMANDS_NOTIFY))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        if (revoked.isEmpty()) {
            return;
        }
        PartitionOwnership before = ownership;
        Set<Integer> kept = new HashSet<>(before.partitions());
        kept.removeAll(revoked);
        ownership = new PartitionOwnership(kept, before.count());
        revocationListeners.forEach(Runnable::run);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        ownership = PartitionOwnership.NONE;
    }
}
