package io.mcpbridge.dr.coordinator.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStep;
import io.mcpbridge.dr.events.drill.DrillType;
import io.mcpbridge.dr.events.health.HealthState;
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
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The failover drill in the running coordinator, over a real broker and the Kubernetes mock API: the canary's Service
 * is switched to its DR Deployment, seen healthy there, switched back, seen healthy again; both times are on the
 * result, and the Service ends where it began.
 */
@QuarkusTest
@TestProfile(FailoverDrillTest.CanaryFailover.class)
@WithKubernetesTestServer(crud = true)
class FailoverDrillTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "mcp-system";

    public static class CanaryFailover extends CoordinatorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return withTrust("mcpdr.coordinator.drills.file", "src/test/resources/failover-drills.yaml");
        }
    }

    @Inject
    Drills drills;

    @Inject
    KubernetesClient client;

    @Test
    void theCanaryFailsOverIsSeenHealthyFailsBackAndEndsWhereItBegan() {
        ClusterFixtures.deployment(client, NS, "mcp-gateway-canary");
        ClusterFixtures.deployment(client, NS, "mcp-gateway-canary-dr");
        client.services()
                .inNamespace(NS)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("mcp-gateway-canary")
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(Map.of("app", "mcp-gateway-canary"))
                        .addNewPort()
                        .withPort(8443)
                        .endPort()
                        .endSpec()
                        .build())
                .createOr(existing -> existing.update());
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        ScheduledExecutorService healthMonitor = Executors.newSingleThreadScheduledExecutor();
        try (TestEvents events = new TestEvents(bootstrap);
                TopicRecorder results = TopicRecorder.fromNow(bootstrap, Topics.DRILLS)) {
            // health-monitor's part: the canary answers wherever its Service points, as its snapshots say.
            healthMonitor.scheduleAtFixedRate(
                    () -> events.publish(HealthSignals.health(
                            "gateway-canary", HealthState.UP, HealthState.UP, false, Instant.now())),
                    0,
                    300,
                    TimeUnit.MILLISECONDS);
            String id = "drill-test-" + System.nanoTime();

            assertThat(drills.start(DrillType.FAILOVER, id, "alice")).isEmpty();
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
                            "hold incidents for gateway-canary",
                            "fail over gateway-canary",
                            "healthy after fail over",
                            "fail back gateway-canary",
                            "healthy after fail back",
                            "release gateway-canary");
            assertThat(drill.steps().get(1).detail()).contains("mcp-gateway-canary-dr");
            assertThat(drill.rtoMillis())
                    .as("the fail over's time to healthy")
                    .isNotNull()
                    .isPositive();
            assertThat(client.services()
                            .inNamespace(NS)
                            .withName("mcp-gateway-canary")
                            .get()
                            .getSpec()
                            .getSelector())
                    .as("failed back: the Service ends where it began")
                    .isEqualTo(Map.of("app", "mcp-gateway-canary"));
        } finally {
            healthMonitor.shutdownNow();
        }
    }
}
