package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.coordinator.history.Believed;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.kafka.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What a drill watches while it runs: the health of its target on {@code mcp-dr.health} (transitions and snapshots,
 * from whichever health-monitor probes it) and the outcomes of the commands it sends on
 * {@code mcp-dr.commands.outcomes} (believed only from the coordinator, whichever replica handled them). Positioned
 * when it is made, before the drill sends anything, and read on the drill's own thread: nothing that follows can
 * be missed, however fast it comes.
 */
final class DrillWatch implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SEEK_TIMEOUT = Duration.ofSeconds(10);

    private final String target;
    private final Believed believed;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TargetHealth> health = new ArrayList<>();
    private final Map<String, CommandOutcome> outcomes = new HashMap<>();

    DrillWatch(Map<String, Object> kafkaConfig, String target, Believed believed, Instant since, String drillId) {
        this.target = target;
        this.believed = believed;
        this.consumer = TopicReader.groupless(kafkaConfig, drillId + "-watch");
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            partitions.addAll(TopicReader.partitions(consumer, Topics.HEALTH, SEEK_TIMEOUT));
            partitions.addAll(TopicReader.partitions(consumer, Topics.COMMAND_OUTCOMES, SEEK_TIMEOUT));
            consumer.assign(partitions);
            TopicReader.seekTo(consumer, partitions, since, SEEK_TIMEOUT);
            partitions.forEach(partition -> consumer.position(partition, SEEK_TIMEOUT)); // fixed now
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** The answer to a command the drill sent, once it came; empty at the deadline. */
    Optional<CommandOutcome> outcome(String commandId, Instant deadline) {
        while (!outcomes.containsKey(commandId) && Instant.now().isBefore(deadline)) {
            pollOnce();
        }
        return Optional.ofNullable(outcomes.get(commandId));
    }

    /** The first reading of the target, after {@code after}, that matches; empty at the deadline. */
    Optional<TargetHealth> health(Instant after, Predicate<TargetHealth> matching, Instant deadline) {
        while (true) {
            Optional<TargetHealth> found = health.stream()
                    .filter(reading -> reading.observedAt().isAfter(after) && matching.test(reading))
                    .findFirst();
            if (found.isPresent() || !Instant.now().isBefore(deadline)) {
                return found;
            }
            pollOnce();
        }
    }

    private void pollOnce() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            if (record.value() == null) {
                continue;
            }
            try {
                if (record.topic().equals(Topics.HEALTH)) {
                    EventEnvelope event = EventRecords.fromRecord(record);
                    if (event.payload() instanceof TargetHealth observed
                            && observed.target().equals(target)) {
                        health.add(observed);
                    }
                } else if (believed.believes(record)) {
                    EventEnvelope event = EventRecords.fromRecord(record);
                    if (event.type() == EventType.COMMAND_OUTCOME) {
                        CommandOutcome outcome = (CommandOutcome) event.payload();
                        outcomes.put(outcome.commandId(), outcome);
                    }
                }
            } catch (MalformedEventException e) {
                // not a record this drill can read; it waits for the next one
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
