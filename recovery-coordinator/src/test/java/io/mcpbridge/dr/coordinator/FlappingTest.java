package io.mcpbridge.dr.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.support.ApiRequests;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.coordinator.support.CoordinatorTopics;
import io.mcpbridge.dr.coordinator.support.SteppingClock;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.testing.AlertEventBuilder;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.HealthSignals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No loop, over Kafka: a gateway flapping DOWN and UP every 5 s for an hour of the coordinator's own clock
 * (the {@link SteppingClock}) gets at most three restarts, then one escalation that every later flap folds
 * into; a resolved alert, however critical, acts on nothing. Each event is published at its moment of the
 * hour and handled before the clock moves on.
 */
@QuarkusTest
@TestProfile(CoordinatorProfile.SteppedTime.class)
@WithKubernetesTestServer(crud = true)
class FlappingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NAMESPACE = "mcp-system";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    SteppingClock clock;

    @Inject
    MeterRegistry registry;

    @RegisterExtension
    final CoordinatorTopics topics = new CoordinatorTopics();

    @Test
    void aGatewayFlappingEveryFiveSecondsForAnHourGetsAtMostThreeRestartsThenOneEscalation() throws Exception {
        String component = "gateway-2";
        ClusterFixtures.deployment(client, NAMESPACE, "mcp-" + component);
        ApiRequests api = new ApiRequests(server.getKubernetesMockServer());
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        for (int flap = 0; flap < 720; flap++) {
            Instant at = start.plusSeconds(5L * flap);
            EventEnvelope signal = flap % 2 == 0 ? HealthSignals.down(component, at) : HealthSignals.up(component, at);
            clock.set(at);
            handled("health", () -> topics.events.publish(signal));
        }

        Set<Incident> last = Set.copyOf(latestVersions(component));
        long restarts = api.patches(NAMESPACE, "mcp-" + component);
        assertThat(restarts).as("restarts in the hour").isBetween(1L, 3L);
        long started = last.stream()
                .flatMap(i -> i.timeline().stream())
                .filter(e -> e.step().equals("restart") && e.outcome() == StepOutcome.STARTED)
                .count();
        assertThat(started).as("restarts recorded").isEqualTo(restarts);
        List<Incident> escalated =
                last.stream().filter(i -> i.state() == IncidentState.ESCALATED).toList();
        assertThat(escalated)
                .as("one escalation, which every later flap folds into")
                .hasSize(1);
        assertThat(escalated.get(0).timeline())
                .anySatisfy(entry -> assertThat(entry.detail()).contains("escalating instead of acting again"));
        assertThat(last)
                .as("no incident after the escalation")
                .allMatch(i -> !i.detectedAt().isAfter(escalated.get(0).detectedAt()));
        assertThat(topics.notifications.payloads(
                        EventType.NOTIFY_REQUESTED,
                        NotificationRequest.class,
                        n -> n.kind() == NotificationKind.INCIDENT_ESCALATED
                                && n.component().equals(component)))
                .as("one page")
                .hasSize(1);
    }

    @Test
    void aResolvedCriticalAlertActsOnNothing() throws Exception {
        String component = "router-2";
        ClusterFixtures.deployment(client, NAMESPACE, "mcp-" + component);
        ApiRequests api = new ApiRequests(server.getKubernetesMockServer());
        Instant now = Instant.now();
        clock.set(now);

        handled(
                "alert",
                () -> topics.events.publish(new EventEnvelope(
                        "alert-resolved-" + now.toEpochMilli(),
                        EventType.ALERT_RECEIVED,
                        "/test",
                        component,
                        now,
                        AlertEventBuilder.of(component, "RouterDown")
                                .severity(Severity.CRITICAL)
                                .status(AlertStatus.RESOLVED)
                                .fingerprint("f-" + now.toEpochMilli())
                                .summary("router-2 was down")
                                .startsAt(now.minusSeconds(120))
                                .endsAt(now)
                                .receivedAt(now)
                                .build())));

        assertThat(topics.incidents.payloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals(component)))
                .isEmpty();
        assertThat(api.patches(NAMESPACE, "mcp-" + component)).isZero();
    }

    /** Publishes one signal and waits until the coordinator has handled it, before the clock moves on. */
    private void handled(String kind, Runnable publish) {
        double before = handledSoFar(kind);
        publish.run();
        Awaitility.await(kind + " handled")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(2))
                .until(() -> handledSoFar(kind) > before);
    }

    private double handledSoFar(String kind) {
        Counter counter = registry.find("mcpdr_coordinator_signals_total")
                .tag("kind", kind)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** The last published version of each of the component's topics.incidents. */
    private List<Incident> latestVersions(String component) {
        return topics
                .incidents
                .payloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals(component))
                .stream()
                .collect(Collectors.toMap(Incident::id, i -> i, (a, b) -> a.version() >= b.version() ? a : b))
                .values()
                .stream()
                .toList();
    }
}
