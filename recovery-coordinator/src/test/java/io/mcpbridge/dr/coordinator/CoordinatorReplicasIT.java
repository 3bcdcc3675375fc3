package io.mcpbridge.dr.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.support.CoordinatorCluster;
import io.mcpbridge.dr.coordinator.support.SignedCommands;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.kafka.PartitionOwnership;
import io.mcpbridge.dr.testing.HealthSignals;
import io.mcpbridge.dr.testing.ServiceProcess;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Packaged coordinators as processes of their own, over a real broker and the Kubernetes mock API: one killed
 * between a restart and its verification is replaced by another that finishes the incident without restarting
 * again; two instances split six components by partition and no component is acted on twice.
 */
class CoordinatorReplicasIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aCoordinatorKilledBetweenRestartAndVerificationIsReplacedAndTheRestartIsNotRepeated() throws Exception {
        try (CoordinatorCluster cluster = CoordinatorCluster.start(3, List.of("gateway"));
                TestEvents events = new TestEvents(cluster.bootstrapServers());
                TopicRecorder incidents = TopicRecorder.fromNow(cluster.bootstrapServers(), Topics.INCIDENTS)) {
            ServiceProcess first = cluster.startCoordinator("coordinator-killed");
            awaitOwning(first, 3);

            events.publish(HealthSignals.down("gateway", Instant.now()));
            Incident verifying = incidents
                    .awaitPayloads(
                            EventType.INCIDENT_UPDATED,
                            Incident.class,
                            i -> i.component().equals("gateway") && i.state() == IncidentState.VERIFYING,
                            1,
                            WAIT)
                    .get(0);
            Instant restartedAt = new KubernetesActions(cluster.client())
                    .restartedAt(CoordinatorCluster.NAMESPACE, "mcp-gateway")
                    .orElseThrow();
            first.kill();

            ServiceProcess second = cluster.startCoordinator("coordinator-replacement");
            awaitOwning(second, 3);
            events.publish(HealthSignals.up("gateway", Instant.now()));

            Incident resolved = incidents
                    .awaitPayloads(
                            EventType.INCIDENT_UPDATED,
                            Incident.class,
                            i -> i.id().equals(verifying.id()) && i.state() == IncidentState.RESOLVED,
                            1,
                            WAIT)
                    .get(0);
            assertThat(resolved.timeline().stream()
                            .filter(e -> e.step().equals("restart") && e.outcome() == StepOutcome.STARTED))
                    .as("one restart in the timeline")
                    .hasSize(1);
            assertThat(cluster.patches("mcp-gateway"))
                    .as("restart requests at the API")
                    .isEqualTo(1);
            assertThat(new KubernetesActions(cluster.client()).restartedAt(CoordinatorCluster.NAMESPACE, "mcp-gateway"))
                    .contains(restartedAt);
            assertThat(second.get("/q/metrics")).contains("mcpdr_incident_rto_seconds_count{component=\"gateway\"");
        }
    }

    @Test
    void aMaintenanceWindowOutlivesTheInstanceThatReceivedItAndNoUnsignedOldOrIncompleteOneCounts() throws Exception {
        try (CoordinatorCluster cluster = CoordinatorCluster.start(3, List.of("gateway", "router", "edge", "store"));
                TestEvents events = new TestEvents(cluster.bootstrapServers());
                TopicRecorder incidents = TopicRecorder.fromNow(cluster.bootstrapServers(), Topics.INCIDENTS)) {
            ServiceProcess first = cluster.startCoordinator("coordinator-maintenance");
            awaitOwning(first, 3);
            RecoveryCommand gateway = maintenance("gateway", Instant.now());
            RecoveryCommand router = maintenance("router", Instant.now());
            events.send(SignedCommands.signed(gateway));
            events.send(SignedCommands.unsigned(router)); // refused, then and later
            // A window signed ten minutes ago, published again now with its old record time: a replay.
            Instant old = Instant.now().minus(Duration.ofMinutes(10));
            RecoveryCommand edge = maintenance("edge", old);
            ProducerRecord<String, byte[]> signedThen = SignedCommands.signed(edge);
            events.send(new ProducerRecord<>(
                    signedThen.topic(),
                    null,
                    old.toEpochMilli(),
                    signedThen.key(),
                    signedThen.value(),
                    signedThen.headers()));
            // Signed and fresh, but without its own time: the window counts from the signed time.
            events.send(SignedCommands.signed(maintenance("store", null)));
            Awaitility.await("the two valid commands handled")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            first.get("/q/metrics").contains("mcpdr_coordinator_signals_total{kind=\"command\"} 2.0"));
            first.kill();

            ServiceProcess second = cluster.startCoordinator("coordinator-after-maintenance");
            awaitOwning(second, 3);
            for (String component : List.of("gateway", "router", "edge", "store")) {
                events.publish(HealthSignals.down(component, Instant.now()));
            }

            for (String component : List.of("gateway", "store")) {
                Incident suppressed = incidents
                        .awaitPayloads(
                                EventType.INCIDENT_UPDATED,
                                Incident.class,
                                i -> i.component().equals(component),
                                1,
                                WAIT)
                        .get(0);
                assertThat(suppressed.state()).as(component).isEqualTo(IncidentState.SUPPRESSED);
            }
            for (String component : List.of("router", "edge")) {
                incidents.awaitPayloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals(component) && i.state() == IncidentState.VERIFYING,
                        1,
                        WAIT);
                assertThat(cluster.patches("mcp-" + component)).as(component).isEqualTo(1);
            }
            assertThat(cluster.patches("mcp-gateway"))
                    .as("no action under maintenance")
                    .isZero();
            assertThat(cluster.patches("mcp-store"))
                    .as("no action under maintenance")
                    .isZero();
        }
    }

    @Test
    void twoInstancesSplitSixComponentsAndNoneIsActedOnTwice() throws Exception {
        List<String> components = List.of("gateway", "router", "gateway-eu", "router-eu", "gateway-ap", "router-ap");
        int partitions = 6;
        Set<Integer> used = components.stream()
                .map(c -> PartitionOwnership.partitionOf(c, partitions))
                .collect(Collectors.toSet());
        assertThat(used)
                .as("the components spread over both halves of the partitions")
                .anyMatch(p -> p < partitions / 2)
                .anyMatch(p -> p >= partitions / 2);

        try (CoordinatorCluster cluster = CoordinatorCluster.start(partitions, components);
                TestEvents events = new TestEvents(cluster.bootstrapServers());
                TopicRecorder incidents = TopicRecorder.fromNow(cluster.bootstrapServers(), Topics.INCIDENTS)) {
            ServiceProcess first = cluster.startCoordinator("coordinator-a");
            awaitOwning(first, partitions);

            // The second instance joins while the first is handling the failures: a rebalance mid-flight.
            components.forEach(component -> events.publish(HealthSignals.down(component, Instant.now())));
            ServiceProcess second = cluster.startCoordinator("coordinator-b");
            Awaitility.await("every component restarted")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> components.stream()
                            .allMatch(c -> new KubernetesActions(cluster.client())
                                    .restartedAt(CoordinatorCluster.NAMESPACE, "mcp-" + c)
                                    .isPresent()));
            Awaitility.await("the partitions split between the two")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> CoordinatorCluster.split(first, second, partitions));

            components.forEach(component -> events.publish(HealthSignals.up(component, Instant.now())));
            List<Incident> resolved = incidents.awaitPayloads(
                    EventType.INCIDENT_UPDATED,
                    Incident.class,
                    i -> i.state() == IncidentState.RESOLVED,
                    components.size(),
                    WAIT);

            assertThat(resolved).extracting(Incident::component).containsExactlyInAnyOrderElementsOf(components);
            Map<String, Long> incidentsPerComponent =
                    incidents.payloads(EventType.INCIDENT_UPDATED, Incident.class, i -> true).stream()
                            .collect(Collectors.groupingBy(
                                    Incident::component,
                                    Collectors.mapping(
                                            Incident::id,
                                            Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
            assertThat(incidentsPerComponent.values())
                    .as("one incident per component")
                    .containsOnly(1L);
            for (String component : components) {
                assertThat(cluster.patches("mcp-" + component))
                        .as("restarts of mcp-" + component)
                        .isEqualTo(1);
            }
            for (Incident incident : resolved) {
                assertThat(incident.timeline().stream()
                                .filter(e -> e.step().equals("restart") && e.outcome() == StepOutcome.STARTED))
                        .hasSize(1);
            }
            // Each instance resolved the incidents of its own partitions.
            assertThat(resolvedBy(first) + resolvedBy(second)).isEqualTo(components.size());
            assertThat(resolvedBy(first)).isPositive();
            assertThat(resolvedBy(second)).isPositive();
        }
    }

    private static RecoveryCommand maintenance(String component, Instant requestedAt) {
        return new RecoveryCommand(
                "cmd-maintenance-" + component + "-" + System.nanoTime(),
                RecoveryAction.MAINTENANCE_ON,
                component,
                null,
                null,
                List.of(),
                "planned upgrade",
                "alice",
                false,
                false,
                Duration.ofHours(2),
                requestedAt,
                List.of());
    }

    /** Waits until the instance is ready and owns every partition of the signal topics. */
    private static void awaitOwning(ServiceProcess coordinator, int partitions) {
        Awaitility.await(coordinator.name() + " ready")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        CoordinatorCluster.owned(coordinator).map(Set::size).orElse(-1) == partitions);
    }

    private static long resolvedBy(ServiceProcess coordinator) {
        return Pattern.compile("(?m)^mcpdr_incident_rto_seconds_count\\{[^}]*} (\\d+)")
                .matcher(coordinator.get("/q/metrics"))
                .results()
                .mapToLong(m -> Long.parseLong(m.group(1)))
                .sum();
    }
}
