package io.mcpbridge.dr.health.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.testing.NativeReflectionCheck;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Jackson reaches event payloads by reflection, which a native image allows only for registered classes: a class
 * left out of {@link NativeReflection} passes every JVM test and fails in production on the first event carrying it.
 */
class NativeReflectionTest {

    /** The event types health-monitor reads or writes, as docs/events.md lists them. */
    private static final Set<EventType> READS_OR_WRITES = Set.of(
            // writes to mcp-dr.health: a probe target's state after hysteresis (TargetMonitor)
            EventType.HEALTH_CHANGED,
            // writes to mcp-dr.health: every target's current state, periodically (TargetMonitor, ProbeScheduler)
            EventType.HEALTH_SNAPSHOT,
            // writes to mcp-dr.alerts: one event per alert of an Alertmanager webhook (AlertmanagerResource)
            EventType.ALERT_RECEIVED);
    // reads no events: its input is probes and the webhook, whose body registers itself (AlertmanagerNotification)

    @Test
    void everyEventTypeTheServiceReadsOrWritesIsRegisteredForReflection() {
        assertThat(NativeReflectionCheck.missingFrom(NativeReflection.class, READS_OR_WRITES))
                .as("classes of health-monitor's events that NativeReflection does not register")
                .isEmpty();
    }
}
