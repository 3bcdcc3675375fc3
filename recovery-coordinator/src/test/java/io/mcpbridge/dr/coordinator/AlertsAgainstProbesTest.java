package io.mcpbridge.dr.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.coordinator.support.CoordinatorTopics;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.testing.AlertEventBuilder;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.HealthSignals;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prometheus sees what the probes do not (error rates, latency). A firing critical alert for a component the
 * probes see as healthy is not dismissed: its incident stays open in people's hands, with the automatic step
 * it did not run on its timeline and a page, until the alert resolves.
 */
@QuarkusTest
@TestProfile(CoordinatorProfile.class)
@WithKubernetesTestServer(crud = true)
class AlertsAgainstProbesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @RegisterExtension
    final CoordinatorTopics topics = new CoordinatorTopics();

    @Test
    void anAlertThatContradictsTheProbesStaysOpenWithPeopleUntilItResolves() {
        ClusterFixtures.deployment(client, "mcp-system", "mcp-edge-alert");
        Instant firingSince = Instant.now().minusSeconds(60);
        topics.events.publish(HealthSignals.health("edge-alert", HealthState.UP, HealthState.UP, false, Instant.now()));
        AlertEvent firing = alert(AlertStatus.FIRING, firingSince, null);

        topics.events.publish(new EventEnvelope(
                "alert-firing-" + firingSince.toEpochMilli(),
                EventType.ALERT_RECEIVED,
                "/test",
                "edge-alert",
                Instant.now(),
                firing));

        Incident escalated = topics.incidents
                .awaitPayloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals("edge-alert") && i.state() == IncidentState.ESCALATED,
                        1,
                        WAIT)
                .get(0);
        assertThat(escalated.timeline()).anySatisfy(entry -> {
            assertThat(entry.outcome()).isEqualTo(StepOutcome.SKIPPED);
            assertThat(entry.detail()).contains("answers its probes as healthy while the alert fires");
        });
        assertThat(topics.incidents.payloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.id().equals(escalated.id()) && i.state() == IncidentState.RESOLVED))
                .as("not dismissed")
                .isEmpty();
        topics.notifications.awaitPayloads(
                EventType.NOTIFY_REQUESTED,
                NotificationRequest.class,
                n -> n.incidentId().equals(escalated.id()) && n.kind() == NotificationKind.INCIDENT_ESCALATED,
                1,
                WAIT);
        assertThat(new KubernetesActions(client).restartedAt("mcp-system", "mcp-edge-alert"))
                .as("nothing done to a component that looks healthy")
                .isEmpty();

        topics.events.publish(new EventEnvelope(
                "alert-resolved-" + firingSince.toEpochMilli(),
                EventType.ALERT_RECEIVED,
                "/test",
                "edge-alert",
                Instant.now(),
                alert(AlertStatus.RESOLVED, firingSince, Instant.now())));

        Incident resolved = topics.incidents
                .awaitPayloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.id().equals(escalated.id()) && i.state() == IncidentState.RESOLVED,
                        1,
                        WAIT)
                .get(0);
        assertThat(resolved.timeline())
                .anySatisfy(
                        entry -> assertThat(entry.detail()).contains("the alert that opened this incident is over"));
    }

    private static AlertEvent alert(AlertStatus status, Instant startsAt, Instant endsAt) {
        return AlertEventBuilder.of("edge-alert", "McpEdgeErrorRateHigh")
                .severity(Severity.CRITICAL)
                .status(status)
                .fingerprint("9a8b7c6d5e4f3a2b")
                .summary("5xx above 5% for 5 minutes")
                .labels(Map.of("alertname", "McpEdgeErrorRateHigh"))
                .startsAt(startsAt)
                .endsAt(endsAt)
                .receivedAt(Instant.now())
                .build();
    }
}
