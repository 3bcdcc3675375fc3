package io.mcpbridge.dr.backup.intake;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.kafka.PartitionOwnership;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.mcpbridge.dr.events.trust.ReplayHistory;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The backup commands already taken: rebuilt from {@code mcp-dr.commands.backup} itself whenever this
 * instance is given partitions (called on the consumer's thread, before any record of them is handled), so a
 * copy of a command published again is refused as a replay after a restart or a partition move too. Each change
 * of this instance's share is told as {@link CommandPartitions} (the schedules follow it).
 */
@ApplicationScoped
@Identifier(CommandReplays.NAME)
public class CommandReplays implements KafkaConsumerRebalanceListener {

    public static final String NAME = "backup-command-replays";
    private static final Logger LOG = Logger.getLogger(CommandReplays.class);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);

    private final ReplayGuard guard;
    private final RecordAuthenticator authenticator;
    private final Map<String, Object> kafkaConfig;
    private final Clock clock;
    private final Event<CommandPartitions> changes;

    public CommandReplays(
            RecordAuthenticator authenticator,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            Clock clock,
            Event<CommandPartitions> changes) {
        this.changes = changes;
        this.authenticator = authenticator;
        this.guard = new ReplayGuard(authenticator.maxSkew());
        this.kafkaConfig = kafkaConfig;
        this.clock = clock;
    }

    /** The guard the intake checks each command against. */
    public ReplayGuard guard() {
        return guard;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> owned = commandPartitions(consumer.assignment());
        guard.clear();
        int noted = ReplayHistory.rebuild(
                kafkaConfig, Topics.COMMANDS_BACKUP, owned::contains, authenticator, guard, clock, READ_TIMEOUT);
        LOG.infof(
                "partitions %s of %s assigned; %d recent commands noted as taken",
                owned, Topics.COMMANDS_BACKUP, noted);
        tell(consumer, owned);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> left = commandPartitions(consumer.assignment());
        left.removeAll(commandPartitions(partitions));
        tell(consumer, left);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    private void tell(Consumer<?, ?> consumer, Set<Integer> owned) {
        int count = consumer.partitionsFor(Topics.COMMANDS_BACKUP).size();
        changes.fire(new CommandPartitions(new PartitionOwnership(owned, count)));
    }

    private static Set<Integer> commandPartitions(Collection<TopicPartition> partitions) {
        return partitions.stream()
                .filter(p -> p.topic().equals(Topics.COMMANDS_BACKUP))
                .map(TopicPartition::partition)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
