package io.mcpbridge.dr.health.ownership;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.kafka.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What was last published about each of some targets, read back from {@code mcp-dr.health}: where a new
 * prober of a target continues from. A window of many snapshot intervals holds every target being probed.
 */
final class LastPublishedHealth {

    private LastPublishedHealth() {}

    /**
     * @return by target; a target with nothing published within {@code lookback} is absent
     * @throws IllegalStateException when the topic cannot be read within {@code timeout}
     */
    static Map<String, TargetHealth> read(
            Map<String, Object> kafkaConfig,
            Collection<String> targets,
            Instant now,
            Duration lookback,
            Duration timeout) {
        Set<String> wanted = Set.copyOf(targets);
        Map<String, TargetHealth> latest = new HashMap<>();
        TopicReader.readToEnd(kafkaConfig, Topics.HEALTH, Optional.of(now.minus(lookback)), timeout, record -> {
            if (record.value() == null) {
                return;
            }
            try {
                EventEnvelope event = EventRecords.fromRecord(record);
                if (event.type() == EventType.HEALTH_CHANGED || event.type() == EventType.HEALTH_SNAPSHOT) {
                    TargetHealth health = (TargetHealth) event.payload();
                    if (wanted.contains(health.target())) {
                        latest.merge(
                                health.target(),
                                health,
                                (older, newer) -> newer.observedAt().isBefore(older.observedAt()) ? older : newer);
                    }
                }
            } catch (MalformedEventException e) {
                // not ours to judge here: whoever consumes the topic sends it to the dead letter topic
            }
        });
        return latest;
    }
}
