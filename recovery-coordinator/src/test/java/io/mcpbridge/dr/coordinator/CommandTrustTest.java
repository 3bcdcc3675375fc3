package io.mcpbridge.dr.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.coordinator.support.CoordinatorTopics;
import io.mcpbridge.dr.coordinator.support.SignedCommands;
import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.testing.ClusterFixtures;
import io.mcpbridge.dr.testing.HealthSignals;
import io.mcpbridge.dr.testing.TestSigners;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Only commands the coordinator can believe run: signed by a trusted signer, unaltered, keyed by their
 * component, fresh by the broker's time and taken once. Every other goes to the dead letter topic with the
 * reason, nothing runs, and people hear of it in the notifier's low-severity digest, not as a page or post.
 */
@QuarkusTest
@TestProfile(CoordinatorProfile.class)
@WithKubernetesTestServer(crud = true)
class CommandTrustTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @RegisterExtension
    final CoordinatorTopics topics = new CoordinatorTopics();

    private static RecoveryCommand maintenanceOn(String component) {
        return new RecoveryCommand(
                "cmd-" + component + "-" + System.nanoTime(),
                RecoveryAction.MAINTENANCE_ON,
                component,
                null,
                null,
                List.of(),
                "planned upgrade",
                "someone",
                false,
                false,
                Duration.ofHours(1),
                Instant.now(),
                List.of());
    }

    private String deadLetterReason(String commandId) {
        ConsumerRecord<String, byte[]> letter = Awaitility.await("dead letter of " + commandId)
                .atMost(WAIT)
                .until(
                        () -> topics.dlq.records().stream()
                                .filter(r -> EventRecords.header(r.headers(), CloudEventHeaders.ID)
                                        .orElse("")
                                        .equals(commandId))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        return EventRecords.header(letter.headers(), CloudEventHeaders.DLQ_REASON)
                .orElseThrow();
    }

    /** A DOWN for the component opens an incident that is not SUPPRESSED: no maintenance window was set. */
    private void assertNoMaintenanceWindow(String component) {
        topics.events.publish(HealthSignals.down(component, Instant.now()));
        Incident incident = topics.incidents
                .awaitPayloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals(component),
                        1,
                        WAIT)
                .get(0);
        assertThat(incident.state()).as(component).isNotEqualTo(IncidentState.SUPPRESSED);
    }

    @Test
    void unsignedStrangersTamperedAndRekeyedCommandsAreRefusedWithTheirReasonAndNothingRuns() {
        RecoveryCommand unsigned = maintenanceOn("trust-a");
        RecoveryCommand stranger = maintenanceOn("trust-b");
        RecoveryCommand tampered = maintenanceOn("trust-c");
        RecoveryCommand rekeyed = maintenanceOn("trust-d");

        topics.events.send(SignedCommands.unsigned(unsigned));
        topics.events.send(SignedCommands.signedBy(TestSigners.signer(TestSigners.STRANGER), stranger));
        ProducerRecord<String, byte[]> signed = SignedCommands.signed(tampered);
        topics.events.send(new ProducerRecord<>(
                signed.topic(),
                null,
                signed.key(),
                EventJson.toBytes(new RecoveryCommand(
                        tampered.id(),
                        RecoveryAction.MAINTENANCE_ON,
                        "trust-c",
                        null,
                        null,
                        List.of(),
                        "planned upgrade",
                        "someone",
                        false,
                        false,
                        Duration.ofDays(7),
                        tampered.requestedAt(),
                        List.of())),
                signed.headers()));
        ProducerRecord<String, byte[]> moved = SignedCommands.signed(rekeyed);
        topics.events.send(new ProducerRecord<>(moved.topic(), null, "trust-a", moved.value(), moved.headers()));

        assertThat(deadLetterReason(unsigned.id())).contains("is not signed");
        assertThat(deadLetterReason(stranger.id())).contains("'mallory', who is not trusted here");
        assertThat(deadLetterReason(tampered.id())).contains("does not verify with any key trusted for 'alice'");
        assertThat(deadLetterReason(rekeyed.id())).contains("does not verify");
        List<NotificationRequest> notices = topics.notifications.awaitPayloads(
                EventType.NOTIFY_REQUESTED,
                NotificationRequest.class,
                n -> n.summary().startsWith("A recovery command was refused"),
                4,
                WAIT);
        assertThat(notices).extracting(NotificationRequest::severity).containsOnly(Severity.LOW);
        for (String component : List.of("trust-a", "trust-b", "trust-c", "trust-d")) {
            assertNoMaintenanceWindow(component);
        }
    }

    @Test
    void aCommandPublishedTwiceRunsOnceAndTheCopyIsRefusedAsAReplay() {
        ClusterFixtures.deployment(client, "mcp-system", "mcp-replay-a");
        RecoveryCommand recover = new RecoveryCommand(
                "cmd-replay-" + System.nanoTime(),
                RecoveryAction.RECOVER,
                "replay-a",
                "service-failure",
                null,
                List.of(),
                "502s",
                "someone",
                false,
                false,
                null,
                Instant.now(),
                List.of());
        ProducerRecord<String, byte[]> record = SignedCommands.signed(recover);

        topics.events.send(record);
        topics.events.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers()));

        assertThat(deadLetterReason(recover.id())).contains("was taken before").contains("is a replay");
        Incident incident = topics.incidents
                .awaitPayloads(
                        EventType.INCIDENT_UPDATED,
                        Incident.class,
                        i -> i.component().equals("replay-a"),
                        1,
                        WAIT)
                .get(0);
        assertThat(incident.timeline())
                .anySatisfy(entry -> assertThat(entry.detail()).contains("alice"));
        assertThat(topics.notifications.payloads(
                        EventType.NOTIFY_REQUESTED,
                        NotificationRequest.class,
                        n -> n.component().equals("replay-a") && n.summary().contains("not run")))
                .isEmpty();
    }

    @Test
    void anOldSignedCommandPublishedAgainWithItsOldTimestampIsRefusedByTheBrokersTime() {
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
        RecoveryCommand old = new RecoveryCommand(
                "cmd-old-" + System.nanoTime(),
                RecoveryAction.MAINTENANCE_ON,
                "trust-old",
                null,
                null,
                List.of(),
                "planned upgrade",
                "alice",
                false,
                false,
                Duration.ofHours(12),
                tenMinutesAgo,
                List.of());
        ProducerRecord<String, byte[]> signedThen = SignedCommands.signed(old);

        topics.events.send(new ProducerRecord<>(
                signedThen.topic(),
                null,
                tenMinutesAgo.toEpochMilli(),
                signedThen.key(),
                signedThen.value(),
                signedThen.headers()));

        assertThat(deadLetterReason(old.id())).contains("refused as a replay");
        assertNoMaintenanceWindow("trust-old");
    }

    @Test
    void aCommandWithoutAComponentIsRefusedAndTheCoordinatorKeepsGoing() {
        RecoveryCommand incomplete = new RecoveryCommand(
                "cmd-incomplete-" + System.nanoTime(),
                RecoveryAction.MAINTENANCE_ON,
                null,
                null,
                null,
                List.of(),
                "?",
                "alice",
                false,
                false,
                null,
                null,
                List.of());
        ProducerRecord<String, byte[]> record = TestSigners.signer(TestSigners.ENGINEER)
                .sign(EventRecords.toRecord(new EventEnvelope(
                        incomplete.id(), EventType.RECOVERY_REQUESTED, "/test", "trust-e", Instant.now(), incomplete)));

        topics.events.send(record);

        assertThat(deadLetterReason(incomplete.id())).contains("names no valid component");
        assertNoMaintenanceWindow("trust-e");
    }
}
