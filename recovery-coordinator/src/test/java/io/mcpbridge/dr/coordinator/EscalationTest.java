package io.mcpbridge.dr.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.HealthSignals;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A restart that does not bring the router back: the incident is escalated and the page requested. */
@QuarkusTest
@TestProfile(CoordinatorProfile.ShortVerification.class)
@WithKubernetesTestServer(crud = true)
class EscalationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    KubernetesClient client;

    @Test
    void aRouterThatStaysDownIsEscalatedAndPaged() {
        ClusterFixtures.deployment(client, "mcp-system", "mcp-router");
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        try (TestEvents events = new TestEvents(bootstrap);
                TopicRecorder incidents = TopicRecorder.fromNow(bootstrap, Topics.INCIDENTS);
                TopicRecorder notifications = TopicRecorder.fromNow(bootstrap, Topics.COMMANDS_NOTIFY)) {
            events.publish(HealthSignals.down("router", Instant.now()));

            Incident escalated = incidents
                    .awaitPayloads(
                            EventType.INCIDENT_UPDATED,
                            Incident.class,
                            i -> i.component().equals("router") && i.state() == IncidentState.ESCALATED,
                            1,
                            WAIT)
                    .get(0);
            NotificationRequest page = notifications
                    .awaitPayloads(
                            EventType.NOTIFY_REQUESTED,
                            NotificationRequest.class,
                            n -> n.incidentId().equals(escalated.id())
                                    && n.kind() == NotificationKind.INCIDENT_ESCALATED,
                            1,
                            WAIT)
                    .get(0);

            assertThat(escalated.escalatedAt()).isNotNull();
            assertThat(escalated.timeline()).anySatisfy(entry -> {
                assertThat(entry.step()).isEqualTo("verify-restart");
                assertThat(entry.outcome()).isEqualTo(StepOutcome.FAILED);
            });
            assertThat(page.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(escalated.timeline().stream()
                            .filter(e -> e.outcome() == StepOutcome.STARTED
                                    && e.step().equals("restart")))
                    .hasSize(1);
        }
    }
}
