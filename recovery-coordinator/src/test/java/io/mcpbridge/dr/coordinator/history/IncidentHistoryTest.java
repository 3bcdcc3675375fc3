package io.mcpbridge.dr.coordinator.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.incident.Incidents;
import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TargetHealthBuilder;
import io.mcpbridge.dr.testing.TestEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A starting coordinator learns every incident's latest version from the compacted topic on a real broker. */
class IncidentHistoryTest {

    @Test
    void theLatestVersionOfEveryIncidentIsReadBack() {
        Instant now = Instant.now();
        String component = "router-" + now.toEpochMilli(); // unique in the shared broker's topic
        IncidentBook book = new IncidentBook(Clock.systemUTC(), new MaintenanceWindows(), new RecoveryPoints());
        Incident opened = book.onHealth(
                        TargetHealthBuilder.of(component)
                                .probe(ProbeKind.HTTP, "x")
                                .state(HealthState.DOWN)
                                .previously(HealthState.UP)
                                .at(now)
                                .lastError("refused")
                                .build(),
                        true)
                .incident()
                .orElseThrow();
        Incident acting = Incidents.actionStarted(
                opened, new TimelineEntry(now, "restart", StepOutcome.STARTED, "rollout"), true);
        try (TestEvents events = new TestEvents(KafkaBroker.shared().bootstrapServers())) {
            for (Incident version : new Incident[] {opened, acting}) {
                events.publish(new EventEnvelope(
                        version.id() + ":" + version.version(),
                        EventType.INCIDENT_UPDATED,
                        "/test",
                        version.id(),
                        now,
                        version));
            }
        }

        IncidentBook restarted = new IncidentBook(Clock.systemUTC(), new MaintenanceWindows(), new RecoveryPoints());
        int read = IncidentHistory.load(
                Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()),
                Duration.ofSeconds(30),
                restarted::restore);

        assertThat(read).isPositive();
        Incident resumed = restarted.current(component).orElseThrow();
        assertThat(resumed.version()).isEqualTo(acting.version());
        assertThat(resumed.state()).isEqualTo(IncidentState.RECOVERING);
        assertThat(resumed.automatedActions()).containsExactly(now);
        assertThat(Topics.INCIDENTS).isEqualTo("mcp-dr.incidents");
    }
}
