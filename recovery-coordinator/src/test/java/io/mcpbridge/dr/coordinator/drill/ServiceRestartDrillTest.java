package io.mcpbridge.dr.coordinator.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.coordinator.support.CoordinatorTopics;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStep;
import io.mcpbridge.dr.events.drill.DrillType;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.HealthSignals;
import io.mcpbridge.dr.testing.KafkaBroker;
import io.mcpbridge.dr.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The restart drill in the running coordinator, over a real broker and the Kubernetes mock API: the gateway's canary
 * is held (a maintenance window by signed command), restarted at the API, seen DOWN and then UP by health-monitor
 * (the test publishes what health-monitor would), released; the time from the restart to UP is its RTO, and the
 * DOWN it caused runs no runbook and pages nobody.
 */
@QuarkusTest
@TestProfile(ServiceRestartDrillTest.CanaryRestart.class)
@WithKubernetesTestServer(crud = true)
class ServiceRestartDrillTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CANARY = "gateway-canary";

    public static class CanaryRestart extends CoordinatorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return withTrust("mcpdr.coordinator.drills.file", "src/test/resources/restart-drills.yaml");
        }
    }

    @Inject
    Drills drills;

    @Inject
    KubernetesClient client;

    @RegisterExtension
    final CoordinatorTopics topics = new CoordinatorTopics();

    @Test
    void theCanaryIsHeldRestartedSeenBackAndReleasedWithItsRtoAndNoIncident() {
        ClusterFixtures.deployment(client, "mcp-system", "mcp-gateway-canary");
        try (TopicRecorder results = TopicRecorder.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.DRILLS)) {
            String id = "drill-test-" + System.nanoTime();

            assertThat(drills.start(DrillType.SERVICE_RESTART, id, "alice")).isEmpty();
            assertThat(drills.start(DrillType.SERVICE_RESTART, id + "-again", "alice"))
                    .as("one of a type at a time")
                    .hasValueSatisfying(why -> assertThat(why).contains("is running"));

            Awaitility.await("the canary restarted at the Kubernetes API")
                    .atMost(WAIT)
                    .until(() -> restartedAt() != null);
            Instant restarted = Instant.now();
            topics.events.publish(HealthSignals.down(CANARY, restarted.plusMillis(300)));
            topics.events.publish(HealthSignals.up(CANARY, restarted.plusMillis(900)));

            DrillResult drill = results.awaitPayloads(
                            EventType.DRILL_COMPLETED,
                            DrillResult.class,
                            result -> result.id().equals(id),
                            1,
                            WAIT)
                    .get(0);

            assertThat(drill.passed()).as(drill.reason()).isTrue();
            assertThat(drill.steps())
                    .extracting(DrillStep::name)
                    .containsExactly(
                            "hold incidents for " + CANARY,
                            "restart " + CANARY,
                            "healthy after restart",
                            "release " + CANARY);
            assertThat(drill.steps().get(2).detail()).contains("DOWN", "suppressed by the drill's maintenance window");
            assertThat(drill.rtoMillis()).isPositive().isLessThan(WAIT.toMillis());
            assertThat(drill.rtoTargetMillis())
                    .as("critical: the plan's 15 minutes")
                    .isEqualTo(900_000L);
            assertThat(topics.outcomes.payloads(
                            EventType.COMMAND_OUTCOME,
                            CommandOutcome.class,
                            outcome -> outcome.commandId().startsWith(id + ":maintenance")))
                    .extracting(CommandOutcome::verdict)
                    .containsExactly(CommandOutcome.Verdict.ACCEPTED, CommandOutcome.Verdict.ACCEPTED);
            assertThat(topics.incidents.payloads(
                            EventType.INCIDENT_UPDATED,
                            Incident.class,
                            incident -> incident.component().equals(CANARY)))
                    .as("the DOWN the drill caused is on record, suppressed: no runbook ran")
                    .isNotEmpty()
                    .allSatisfy(incident -> {
                        assertThat(incident.state()).isEqualTo(IncidentState.SUPPRESSED);
                        assertThat(incident.automatedActions()).isEmpty();
                    });
            assertThat(topics.notifications.payloads(
                            EventType.NOTIFY_REQUESTED,
                            NotificationRequest.class,
                            request -> request.component().equals(CANARY)))
                    .as("on record in the digest, paging nobody")
                    .isNotEmpty()
                    .allSatisfy(request -> assertThat(request.severity()).isEqualTo(Severity.LOW));
            List<NotificationRequest> announced = topics.notifications.awaitPayloads(
                    EventType.NOTIFY_REQUESTED,
                    NotificationRequest.class,
                    request -> id.equals(request.incidentId()),
                    2,
                    WAIT);
            assertThat(announced)
                    .as("the drill announced itself: that it began, then how it went")
                    .extracting(NotificationRequest::kind)
                    .containsExactly(NotificationKind.DRILL_STARTED, NotificationKind.DRILL_REPORT);
            assertThat(announced.get(1).details())
                    .containsEntry("Target", CANARY)
                    .hasEntrySatisfying("RTO", rto -> assertThat(rto).contains("target 900 s, met"));
        }
    }

    @Test
    void aRestartThatNeverComesBackFailsTheDrillAndStillReleasesTheTarget() {
        ClusterFixtures.deployment(client, "mcp-system", "mcp-gateway-canary");
        try (TopicRecorder results = TopicRecorder.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.DRILLS)) {
            String id = "drill-test-" + System.nanoTime();
            assertThat(drills.start(DrillType.SERVICE_RESTART, id, "alice")).isEmpty();
            Awaitility.await("the canary restarted").atMost(WAIT).until(() -> restartedAt() != null);
            topics.events.publish(HealthSignals.down(CANARY, Instant.now()));

            DrillResult drill = results.awaitPayloads(
                            EventType.DRILL_COMPLETED,
                            DrillResult.class,
                            result -> result.id().equals(id),
                            1,
                            WAIT)
                    .get(0);

            assertThat(drill.passed()).isFalse();
            assertThat(drill.reason()).contains("healthy after restart", "was not seen healthy");
            assertThat(drill.steps()).last().satisfies(step -> {
                assertThat(step.name()).isEqualTo("release " + CANARY);
                assertThat(step.passed()).isTrue();
            });
            assertThat(drill.leftBehind()).isEmpty();
        }
    }

    private String restartedAt() {
        return Optional.ofNullable(client.apps()
                        .deployments()
                        .inNamespace("mcp-system")
                        .withName("mcp-gateway-canary")
                        .get())
                .map(d -> d.getSpec().getTemplate().getMetadata().getAnnotations())
                .map(annotations -> annotations.get("kubectl.kubernetes.io/restartedAt"))
                .orElse(null);
    }
}
