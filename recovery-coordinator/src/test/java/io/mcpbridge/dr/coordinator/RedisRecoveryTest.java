package io.mcpbridge.dr.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.support.CoordinatorProfile;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis down and its sessions gone: the restart does not help, so the latest backup's Redis scope is
 * requested from backup-service on its topic, awaited, and verified. The test answers as backup-service does,
 * by the topic contract.
 */
@QuarkusTest
@TestProfile(CoordinatorProfile.ShortVerification.class)
@WithKubernetesTestServer(crud = true)
class RedisRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    KubernetesClient client;

    @Test
    void aRestoreOfTheLatestBackupIsRequestedAwaitedAndVerified() {
        ClusterFixtures.deployment(client, "mcp-system", "redis", Map.of("app", "redis"), 1, "redis", "redis:7");
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        try (TestEvents events = new TestEvents(bootstrap);
                TopicRecorder incidents = TopicRecorder.fromNow(bootstrap, Topics.INCIDENTS);
                TopicRecorder backupCommands = TopicRecorder.fromNow(bootstrap, Topics.COMMANDS_BACKUP)) {
            health(events, HealthState.DOWN, true);

            BackupCommand restore = backupCommands
                    .awaitPayloads(
                            EventType.BACKUP_REQUESTED,
                            BackupCommand.class,
                            c -> c.action() == BackupAction.RESTORE,
                            1,
                            WAIT)
                    .get(0);
            assertThat(restore.scopes()).containsExactly(BackupScope.REDIS);
            assertThat(restore.backupId()).isEqualTo("latest");
            assertThat(restore.requestedBy()).isEqualTo("recovery-coordinator");
            Incident waiting = incidents
                    .awaitPayloads(
                            EventType.INCIDENT_UPDATED,
                            Incident.class,
                            i -> i.component().equals("redis")
                                    && i.timeline().stream()
                                            .anyMatch(e -> e.step().equals("restore-sessions")
                                                    && e.outcome() == StepOutcome.REQUESTED),
                            1,
                            WAIT)
                    .get(0);
            assertThat(waiting.scenario()).isEqualTo("redis-failure");

            Instant now = Instant.now();
            BackupResult done = new BackupResult(
                    restore.id(),
                    BackupAction.RESTORE,
                    BackupPhase.SUCCEEDED,
                    "20261126T120000Z-abc123",
                    List.of(BackupScope.REDIS),
                    1000,
                    1,
                    5000L,
                    900,
                    Map.of("redisKeys", 1000L),
                    "ab".repeat(32),
                    "20261126T160000Z-def456",
                    null,
                    now,
                    null);
            events.publish(new EventEnvelope(
                    restore.id() + ":succeeded", EventType.BACKUP_RESULT, "/test", done.backupId(), now, done));
            incidents.awaitPayloads(
                    EventType.INCIDENT_UPDATED,
                    Incident.class,
                    i -> i.id().equals(waiting.id())
                            && i.timeline().stream()
                                    .anyMatch(e ->
                                            e.step().equals("verify-restore") && e.outcome() == StepOutcome.STARTED),
                    1,
                    WAIT);
            health(events, HealthState.UP, false);

            Incident resolved = incidents
                    .awaitPayloads(
                            EventType.INCIDENT_UPDATED,
                            Incident.class,
                            i -> i.id().equals(waiting.id()) && i.state() == IncidentState.RESOLVED,
                            1,
                            WAIT)
                    .get(0);
            assertThat(resolved.timeline()).anySatisfy(entry -> {
                assertThat(entry.step()).isEqualTo("restore-sessions");
                assertThat(entry.outcome()).isEqualTo(StepOutcome.SUCCEEDED);
                assertThat(entry.detail()).contains("20261126T120000Z-abc123");
            });
        }
    }

    private static void health(TestEvents events, HealthState state, boolean transition) {
        events.publish(HealthSignals.health(
                "redis",
                state == HealthState.DOWN ? HealthState.UP : HealthState.DOWN,
                state,
                transition,
                Instant.now()));
    }
}
