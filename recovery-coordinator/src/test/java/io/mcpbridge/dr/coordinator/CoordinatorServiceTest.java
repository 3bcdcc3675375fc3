package io.mcpbridge.dr.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.support.BackupIndexBuilder;
import io.mcpbridge.dr.coordinator.support.CatalogRecords;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.coordinator.support.CoordinatorTopics;
import io.mcpbridge.dr.coordinator.support.SignedCommands;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.HealthSignals;
import io.mcpbridge.dr.testing.TestSigners;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The running coordinator over a real Kafka broker and a Kubernetes API (the mock server): a gateway that
 * goes DOWN is restarted once, verified by a health snapshot and resolved, with the open and resolved
 * notifications requested (commands that are not believed: {@link CommandTrustTest}).
 */
@QuarkusTest
@TestProfile(CoordinatorProfile.class)
@WithKubernetesTestServer(crud = true)
class CoordinatorServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @RegisterExtension
    final CoordinatorTopics topics = new CoordinatorTopics();

    @BeforeEach
    void deployment() {
        ClusterFixtures.deployment(client, "mcp-system", "mcp-gateway");
    }

    @Test
    void aGatewayDownIsRestartedOnceVerifiedAndResolved() {
        Instant start = Instant.now();
        String backupId = "bk-configs-" + start.toEpochMilli();
        Instant backupStarted = start.minus(Duration.ofMinutes(6));
        topics.events.send(CatalogRecords.cataloged(
                TestSigners.signer(TestSigners.BACKUP_SERVICE),
                BackupIndexBuilder.backup(backupId)
                        .startedAt(backupStarted)
                        .scopes(BackupScope.CONFIGS)
                        .build(),
                0,
                start.minus(Duration.ofMinutes(5))));
        Awaitility.await("the backup seen on the catalog")
                .atMost(WAIT)
                .until(() -> RestAssured.given()
                        .get("/q/metrics")
                        .asString()
                        .lines()
                        .filter(line -> line.startsWith("mcpdr_recovery_point_timestamp_seconds{scope=\"configs\"}"))
                        .anyMatch(line -> Math.abs(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))
                                        - backupStarted.getEpochSecond())
                                < 1));
        publishHealth("router", HealthState.UP, HealthState.UP, false);
        publishHealth("redis", HealthState.UP, HealthState.UP, false);
        publishHealth("gateway", HealthState.UP, HealthState.DOWN, true);

        Incident verifying = topics.incidents
                .awaitPayloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals("gateway") && i.state() == IncidentState.VERIFYING,
                        1,
                        WAIT)
                .get(0);
        assertThat(new KubernetesActions(client).restartedAt("mcp-system", "mcp-gateway"))
                .isPresent();
        assertThat(RestAssured.given().get("/q/metrics").asString())
                .as("the open incident is held to its RTO target while it lasts")
                .contains("mcpdr_incident_rto_target_seconds{component=\"gateway\"} "
                        + (double) verifying.rtoTarget().toSeconds());
        NotificationRequest opened = topics.notifications
                .awaitPayloads(
                        EventType.NOTIFY_REQUESTED,
                        NotificationRequest.class,
                        n -> n.incidentId().equals(verifying.id()) && n.kind() == NotificationKind.INCIDENT_OPENED,
                        1,
                        WAIT)
                .get(0);
        assertThat(opened.severity()).isEqualTo(Severity.CRITICAL);
        // RPO: the configuration backup on the catalog started six minutes before the failure.
        assertThat(verifying.lastBackupId()).isEqualTo(backupId);
        assertThat(verifying.rpo()).isBetween(Duration.ofMinutes(6), Duration.ofMinutes(7));
        assertThat(opened.details()).containsEntry("RPO", "6 min (last backup " + backupId + ")");

        publishHealth("gateway", HealthState.UP, HealthState.UP, false);

        Incident resolved = topics.incidents
                .awaitPayloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.id().equals(verifying.id()) && i.state() == IncidentState.RESOLVED,
                        1,
                        WAIT)
                .get(0);
        assertThat(resolved.rto())
                .isPositive()
                .isLessThan(Duration.between(start, Instant.now()).plusSeconds(1));
        assertThat(resolved.postmortem())
                .startsWith("# Incident Postmortem: " + resolved.id())
                .contains("restart succeeded");
        assertThat(resolved.timeline().stream()
                        .filter(e -> e.step().equals("restart") && e.outcome() == StepOutcome.STARTED))
                .hasSize(1);
        topics.notifications.awaitPayloads(
                EventType.NOTIFY_REQUESTED,
                NotificationRequest.class,
                n -> n.incidentId().equals(verifying.id()) && n.kind() == NotificationKind.INCIDENT_RESOLVED,
                1,
                WAIT);
        List<Incident> versions = topics.incidents.payloads(
                EventType.INCIDENT_UPDATED, Incident.class, i -> i.id().equals(verifying.id()));
        assertThat(versions).extracting(Incident::version).isSorted().doesNotHaveDuplicates();
        String metrics = RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .contains("mcpdr_incident_rto_seconds_count{component=\"gateway\",met=\"true\",severity=\"critical\"}")
                .contains("mcpdr_incidents_opened_total{component=\"gateway\",severity=\"critical\"}")
                .contains("mcpdr_coordinator_steps_total{outcome=\"succeeded\",step=\"restart\"}")
                .contains("mcpdr_incident_rpo_seconds_count{component=\"gateway\"}")
                .contains("mcpdr_incident_open_age_seconds{component=\"gateway\"} 0.0")
                .contains("mcpdr_incident_rto_target_seconds{component=\"gateway\"} NaN")
                .as("the plan's components have their series from the start")
                .contains("mcpdr_incidents_escalated_total{component=\"router\"} 0.0");
    }

    @Test
    void aSignedSecurityBreachWithoutConfirmationIsRefusedBeforeAnySessionOrSecretIsTouched() {
        client.secrets()
                .inNamespace("mcp-system")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("mcp-credentials")
                        .endMetadata()
                        .withData(Map.of("token", "b2xk"))
                        .build())
                .createOr(existing -> existing.update());
        RecoveryCommand command = new RecoveryCommand(
                "cmd-breach-" + System.nanoTime(),
                RecoveryAction.RECOVER,
                "edge",
                "security-breach",
                null,
                List.of(),
                "tokens leaked",
                "alice",
                false,
                false,
                null,
                Instant.now(),
                List.of());
        topics.events.send(SignedCommands.signed(command));

        Incident refused = topics.incidents
                .awaitPayloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals("edge") && i.state() == IncidentState.ESCALATED,
                        1,
                        WAIT)
                .get(0);
        assertThat(refused.scenario()).isEqualTo("security-breach");
        assertThat(refused.timeline()).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("revoke-sessions");
            assertThat(entry.outcome()).isEqualTo(StepOutcome.REFUSED);
        });
        assertThat(refused.timeline())
                .noneSatisfy(entry -> assertThat(entry.outcome()).isEqualTo(StepOutcome.STARTED));
        assertThat(client.secrets()
                        .inNamespace("mcp-system")
                        .withName("mcp-credentials")
                        .get()
                        .getData())
                .containsEntry("token", "b2xk");
    }

    private void publishHealth(String component, HealthState previous, HealthState state, boolean transition) {
        topics.events.publish(HealthSignals.health(component, previous, state, transition, Instant.now()));
    }
}
