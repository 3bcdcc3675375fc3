package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.coordinator.history.Believed;
import io.mcpbridge.dr.coordinator.history.TopicFollower;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a drill watches while it runs, from the moment it starts: the health of its target on {@code mcp-dr.health}
 * (transitions and snapshots, from whichever health-monitor probes it) and the outcomes of the commands it sends on
 * {@code mcp-dr.commands.outcomes} (believed only from the coordinator, whichever replica handled them).
 */
final class DrillWatch implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final String target;
    private final Believed believed;
    private final List<TargetHealth> health = new ArrayList<>();
    private final Map<String, CommandOutcome> outcomes = new ConcurrentHashMap<>();
    private final TopicFollower healthFollower;
    private final TopicFollower outcomeFollower;

    DrillWatch(Map<String, Object> kafkaConfig, String target, Believed believed, Instant since, String drillId) {
        this.target = target;
        this.believed = believed;
        this.healthFollower = TopicFollower.start(
                kafkaConfig, Topics.HEALTH, drillId + "-health", TopicFollower.Start.since(() -> since), this::health);
        this.outcomeFollower = TopicFollower.start(
                kafkaConfig,
                Topics.COMMAND_OUTCOMES,
                drillId + "-outcomes",
                TopicFollower.Start.since(() -> since),
                this::outcome);
    }

    private void health(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            EventEnvelope event = EventRecords.fromRecord(record);
            if (event.payload() instanceof TargetHealth observed
                    && observed.target().equals(target)) {
                synchronized (health) {
                    health.add(observed);
                }
            }
        } catch (MalformedEventException e) {
            // health-monitor's own dead letters say why; a drill waits for the next reading
        }
    }

    private void outcome(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || !believed.believes(record)) {
            return;
        }
        try {
            EventEnvelope event = EventRecords.fromRecord(record);
            if (event.type() == EventType.COMMAND_OUTCOME) {
                CommandOutcome outcome = (CommandOutcome) event.payload();
                outcomes.put(outcome.commandId(), outcome);
            }
        } catch (MalformedEventException e) {
            // not an outcome this drill can read; it times out waiting for its own
        }
    }

    /** The answer to a command the drill sent, once it came; empty at the deadline. */
    Optional<CommandOutcome> outcome(String commandId, Instant deadline) throws InterruptedException {
        while (!outcomes.containsKey(commandId) && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL_MILLIS);
        }
        return Optional.ofNullable(outcomes.get(commandId));
    }

    /** The first reading of the target, after {@code after}, that matches; empty at the deadline. */
    Optional<TargetHealth> health(Instant after, Predicate<TargetHealth> matching, Instant deadline)
            throws InterruptedException {
        while (true) {
            Optional<TargetHealth> found = readings().stream()
                    .filter(reading -> reading.observedAt().isAfter(after) && matching.test(reading))
                    .findFirst();
            if (found.isPresent() || !Instant.now().isBefore(deadline)) {
                return found;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private List<TargetHealth> readings() {
        synchronized (health) {
            return List.copyOf(health);
        }
    }

    @Override
    public void close() {
        healthFollower.close();
        outcomeFollower.close();
    }
}
