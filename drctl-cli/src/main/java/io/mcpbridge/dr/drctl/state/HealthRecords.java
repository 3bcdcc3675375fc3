package io.mcpbridge.dr.drctl.state;

import io.mcpbridge.dr.drctl.kafka.Kafka;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.health.TargetHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The newest state of every probe target, from the transitions and snapshots on {@code mcp-dr.health}.
 * health-monitor publishes a snapshot of every target every 30 s by default, so a window of a few minutes
 * holds every target that is being probed.
 */
public final class HealthRecords {

    /** How far back {@code mcp-dr.health} is read: many snapshot intervals. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private HealthRecords() {}

    /** By target name, in target name order. */
    public static List<TargetHealth> latest(Kafka kafka, Instant now) {
        Map<String, TargetHealth> latest = new LinkedHashMap<>();
        for (Kafka.Read read : kafka.read(Topics.HEALTH, Optional.of(now.minus(WINDOW)))) {
            read.event()
                    .filter(event ->
                            event.type() == EventType.HEALTH_CHANGED || event.type() == EventType.HEALTH_SNAPSHOT)
                    .map(event -> (TargetHealth) event.payload())
                    .ifPresent(health -> latest.merge(
                            health.target(),
                            health,
                            (older, newer) -> newer.observedAt().isBefore(older.observedAt()) ? older : newer));
        }
        return latest.values().stream()
                .sorted(Comparator.comparing(TargetHealth::component).thenComparing(TargetHealth::target))
                .toList();
    }
}
