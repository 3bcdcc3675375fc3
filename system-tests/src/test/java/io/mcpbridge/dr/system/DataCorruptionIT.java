package io.mcpbridge.dr.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.system.support.RecoverySystem;
import io.mcpbridge.dr.testing.HealthSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The plan's data-corruption scenario across the running services: the coordinator keeps a forensic copy of
 * the corrupted state, has backup-service restore the newest backup from before the incident was detected,
 * restarts MCP Bridge and verifies it. The sessions come back as they were before the corruption, the keys the
 * corruption added are gone, and the forensic copy holds the corrupted state for whoever investigates. The
 * incident's RPO counts from that backup, which the coordinator learnt from backup-service's catalog.
 */
class DataCorruptionIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void corruptedSessionsAreRecoveredFromTheBackupBeforeDetectionAndTheForensicCopyKeepsTheCorruption()
            throws Exception {
        try (RecoverySystem system = RecoverySystem.start()) {
            system.sessions.command(
                    "EVAL",
                    "for i=1,500 do redis.call('SET','session:'..i," + "'{\"user\":\"user'..i..'\"}','EX',86400) end",
                    "0");
            BackupResult backup = backUp(system);
            awaitRecoveryPointOnTheCoordinator(system);

            system.sessions.command("SET", "session:7", "{\"corrupted\":true}");
            system.sessions.command("SET", "session:intruder", "{\"user\":\"mallory\"}");
            system.sessions.command("SET", "ratelimit:alice", "17");
            Instant now = Instant.now();
            String commandId = "cmd-corruption-" + UUID.randomUUID();
            system.events.publish(new EventEnvelope(
                    commandId,
                    EventType.RECOVERY_REQUESTED,
                    "/test",
                    "redis",
                    now,
                    new RecoveryCommand(
                            commandId,
                            RecoveryAction.RECOVER,
                            "redis",
                            "data-corruption",
                            null,
                            List.of(),
                            "sessions hold garbage",
                            "someone",
                            true,
                            false,
                            null,
                            now)));

            Incident resolved = awaitResolvedWhileRedisAnswers(system);

            assertThat(resolved.scenario()).isEqualTo("data-corruption");
            assertThat(resolved.lastBackupId())
                    .as("the RPO counts from the backup backup-service put on its catalog")
                    .isEqualTo(backup.backupId());
            assertThat(resolved.rpo()).isPositive();
            assertThat(resolved.timeline())
                    .anySatisfy(entry -> assertThat(entry.detail()).contains("alice"));
            // The probes answered throughout (corrupted data does not fail them): the run people asked for is
            // carried out all the same.
            assertThat(resolved.timeline()).as(resolved.timeline().toString()).anySatisfy(entry -> {
                assertThat(entry.step()).isEqualTo("restore");
                assertThat(entry.outcome()).isEqualTo(StepOutcome.SUCCEEDED);
            });
            BackupResult restore = system.results
                    .awaitPayloads(
                            EventType.BACKUP_RESULT,
                            BackupResult.class,
                            r -> r.action() == BackupAction.RESTORE
                                    && r.commandId().startsWith(resolved.id())
                                    && r.phase().terminal(),
                            1,
                            WAIT)
                    .get(0);
            assertThat(restore.phase()).as(restore.reason()).isEqualTo(BackupPhase.SUCCEEDED);
            assertThat(restore.backupId())
                    .as("the newest backup from before detection, not the forensic copy")
                    .isEqualTo(backup.backupId());
            assertThat(system.sessions.command("GET", "session:7")).contains("{\"user\":\"user7\"}");
            assertThat(system.sessions.command("EXISTS", "session:intruder")).isEqualTo(":0");
            assertThat(system.sessions.command("GET", "ratelimit:alice"))
                    .as("never backed up, never removed")
                    .contains("17");
            assertThat(system.sessions.command("DBSIZE")).isEqualTo(":501");

            BackupResult forensic = system.results
                    .awaitPayloads(
                            EventType.BACKUP_RESULT,
                            BackupResult.class,
                            r -> r.action() == BackupAction.FORENSIC
                                    && r.commandId().startsWith(resolved.id())
                                    && r.phase() == BackupPhase.SUCCEEDED,
                            1,
                            WAIT)
                    .get(0);
            restore(system, forensic.backupId(), RecoverySystem.INVESTIGATION);
            assertThat(system.investigation.command("GET", "session:7")).contains("{\"corrupted\":true}");
            assertThat(system.investigation.command("GET", "session:intruder")).contains("mallory");
        }
    }

    /** The coordinator has read the backup from backup-service's catalog: the session store has a recovery point. */
    private static void awaitRecoveryPointOnTheCoordinator(RecoverySystem system) {
        Awaitility.await("the session store's recovery point known to the coordinator")
                .atMost(WAIT)
                .until(() -> system.coordinator()
                        .get("/q/metrics")
                        .lines()
                        .anyMatch(line -> line.startsWith("mcpdr_recovery_point_timestamp_seconds{scope=\"redis\"}")
                                && !line.endsWith("NaN")));
    }

    /** Verification waits for the session store to be seen healthy after the restart: the probes' snapshots. */
    private static Incident awaitResolvedWhileRedisAnswers(RecoverySystem system) {
        return Awaitility.await("the incident resolved")
                .atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            system.events.publish(HealthSignals.health(
                                    "redis", HealthState.UP, HealthState.UP, false, Instant.now()));
                            return system
                                    .incidents
                                    .payloads(
                                            EventType.INCIDENT_UPDATED,
                                            Incident.class,
                                            i -> i.component().equals("redis")
                                                    && !i.state().automated())
                                    .stream()
                                    .findFirst();
                        },
                        found -> found.isPresent())
                .filter(incident -> {
                    assertThat(incident.state())
                            .as(incident.timeline().toString())
                            .isEqualTo(IncidentState.RESOLVED);
                    return true;
                })
                .orElseThrow();
    }

    private static BackupResult backUp(RecoverySystem system) {
        return run(
                system,
                new BackupCommand(
                        "backup-" + UUID.randomUUID(),
                        BackupAction.BACKUP,
                        List.of(),
                        null,
                        null,
                        "test",
                        "someone",
                        Instant.now(),
                        null,
                        null));
    }

    private static void restore(RecoverySystem system, String backupId, String redisTarget) {
        BackupResult result = run(
                system,
                new BackupCommand(
                        "restore-" + UUID.randomUUID(),
                        BackupAction.RESTORE,
                        List.of(BackupScope.REDIS),
                        backupId,
                        new RestoreTargets(redisTarget, null, null),
                        "investigation",
                        "someone",
                        Instant.now(),
                        null,
                        null));
        assertThat(result.phase()).as(result.reason()).isEqualTo(BackupPhase.SUCCEEDED);
    }

    private static BackupResult run(RecoverySystem system, BackupCommand command) {
        system.events.publish(new EventEnvelope(
                command.id(), EventType.BACKUP_REQUESTED, "/test", command.kafkaKey(), command.requestedAt(), command));
        BackupResult result = system.results
                .awaitPayloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        r -> r.commandId().equals(command.id()) && r.phase().terminal(),
                        1,
                        WAIT)
                .get(0);
        assertThat(result.phase()).as(result.reason()).isEqualTo(BackupPhase.SUCCEEDED);
        return result;
    }
}
