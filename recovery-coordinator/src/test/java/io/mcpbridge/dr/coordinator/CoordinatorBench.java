package io.mcpbridge.dr.coordinator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.testing.AlertEventBuilder;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TargetHealthBuilder;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reaction latencies of the running coordinator over a real Kafka broker and the Kubernetes mock server,
 * configured waits excluded: a DOWN transition published → the rollout restart decided (the step's
 * {@code started} record, written just before the API call) and done (its {@code succeeded} record, after the
 * API answered); a firing alert published → the INCIDENT_OPENED notification request. Each round then heals
 * the component so the next opens a new incident. Printed, not asserted: {@code -Pbench}.
 */
@QuarkusTest
@TestProfile(CoordinatorProfile.Bench.class)
@WithKubernetesTestServer(crud = true)
class CoordinatorBench {

    private static final int WARMUP = 30;
    private static final int ROUNDS = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @Test
    void reactionLatencies() {
        ClusterFixtures.deployment(client, "mcp-system", "mcp-gateway");
        ClusterFixtures.deployment(client, "mcp-system", "mcp-router");
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        List<Double> decided = new ArrayList<>();
        List<Double> called = new ArrayList<>();
        List<Double> notified = new ArrayList<>();
        try (TestEvents events = new TestEvents(bootstrap);
                TopicRecorder incidents = TopicRecorder.fromNow(bootstrap, Topics.INCIDENTS);
                TopicRecorder notifications = TopicRecorder.fromNow(bootstrap, Topics.COMMANDS_NOTIFY)) {
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                Instant sent = Instant.now();
                health(events, "gateway", HealthState.DOWN, true);
                Incident restarted = incidents
                        .awaitPayloads(
                                EventType.INCIDENT_UPDATED,
                                Incident.class,
                                i -> i.component().equals("gateway")
                                        && !i.detectedAt().isBefore(sent.minusMillis(1))
                                        && entry(i, "restart", StepOutcome.SUCCEEDED) != null,
                                1,
                                WAIT)
                        .get(0);
                if (round >= WARMUP) {
                    decided.add(millis(
                            sent,
                            entry(restarted, "restart", StepOutcome.STARTED).time()));
                    called.add(millis(
                            sent,
                            entry(restarted, "restart", StepOutcome.SUCCEEDED).time()));
                }
                heal(events, incidents, "gateway", restarted.id());

                Instant alerted = Instant.now();
                alert(events, alerted);
                NotificationRequest opened = notifications
                        .awaitPayloads(
                                EventType.NOTIFY_REQUESTED,
                                NotificationRequest.class,
                                n -> n.kind() == NotificationKind.INCIDENT_OPENED
                                        && n.component().equals("router")
                                        && !n.requestedAt().isBefore(alerted),
                                1,
                                WAIT)
                        .get(0);
                if (round >= WARMUP) {
                    notified.add(millis(alerted, opened.requestedAt()));
                }
                heal(events, incidents, "router", opened.incidentId());
            }
        }
        System.out.printf(
                "%n[bench] coordinator reactions, %d rounds after %d warm-up, ms: %s%n",
                ROUNDS, WARMUP, "(configured waits excluded)");
        report("DOWN event published -> restart decided (before the API call)", decided);
        report("DOWN event published -> restart done (API call answered)", called);
        report("firing alert published -> INCIDENT_OPENED notify request", notified);
    }

    /** Once verification is waiting, the component reports healthy and the incident resolves. */
    private static void heal(TestEvents events, TopicRecorder incidents, String component, String incidentId) {
        incidents.awaitPayloads(
                EventType.INCIDENT_UPDATED,
                Incident.class,
                i -> i.id().equals(incidentId) && entry(i, "verify-restart", StepOutcome.STARTED) != null,
                1,
                WAIT);
        health(events, component, HealthState.UP, false);
        incidents.awaitPayloads(
                EventType.INCIDENT_UPDATED,
                Incident.class,
                i -> i.id().equals(incidentId) && i.state() == IncidentState.RESOLVED,
                1,
                WAIT);
    }

    private static void report(String what, List<Double> samples) {
        List<Double> sorted = samples.stream().sorted().toList();
        System.out.printf(
                "[bench] %-62s p50 %6.1f  p99 %6.1f  max %6.1f%n",
                what, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static TimelineEntry entry(Incident incident, String step, StepOutcome outcome) {
        return incident.timeline().stream()
                .filter(e -> e.step().equals(step) && e.outcome() == outcome)
                .findFirst()
                .orElse(null);
    }

    private static void health(TestEvents events, String component, HealthState state, boolean transition) {
        Instant now = Instant.now();
        TargetHealth health = TargetHealthBuilder.of(component)
                .probe(ProbeKind.HTTP, "http://" + component)
                .state(state)
                .previously(state == HealthState.DOWN ? HealthState.UP : HealthState.DOWN)
                .at(now)
                .lastError(state == HealthState.DOWN ? "HTTP 503" : null)
                .build();
        events.publish(new EventEnvelope(
                component + ":" + state + ":" + now.toEpochMilli() + ":" + System.nanoTime(),
                transition ? EventType.HEALTH_CHANGED : EventType.HEALTH_SNAPSHOT,
                "/bench",
                component,
                now,
                health));
    }

    private static void alert(TestEvents events, Instant now) {
        AlertEvent alert = AlertEventBuilder.of("router", "McpRouterDown")
                .severity(Severity.CRITICAL)
                .fingerprint("fp-" + now.toEpochMilli())
                .summary("router down")
                .startsAt(now)
                .build();
        events.publish(new EventEnvelope(
                "alert:" + now.toEpochMilli() + ":" + System.nanoTime(),
                EventType.ALERT_RECEIVED,
                "/bench",
                "router",
                now,
                alert));
    }
}
