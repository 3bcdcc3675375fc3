package io.mcpbridge.dr.backup.intake;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.mcpbridge.dr.events.trust.ReplayHistory;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The backup commands already taken: rebuilt from {@code mcp-dr.commands.backup} itself whenever this
 * instance is given partitions (called on the consumer's thread, before any record of them is handled), so a
 * copy of a command published again is refused as a replay after a restart or a partition move too.
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

    public CommandReplays(
            RecordAuthenticator authenticator,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            Clock clock) {
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
        Set<Integer> owned = consumer.assignment().stream()
                .filter(p -> p.topic().equals(Topics.COMMANDS_BACKUP))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        guard.clear();
        int noted = ReplayHistory.rebuild(
                kafkaConfig, Topics.COMMANDS_BACKUP, owned::contains, authenticator, guard, clock, READ_TIMEOUT);
        LOG.infof(
                "partitions %s of %s assigned; %d recent commands noted as taken",
                owned, Topics.COMMANDS_BACKUP, noted);
    }
}
