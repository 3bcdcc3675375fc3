package io.mcpbridge.dr.coordinator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RPO of an incident: the age, at detection, of the newest successful backup of the affected data. */
class RecoveryPointsTest {

    private static final Instant DETECTED = Instant.parse("2026-11-26T12:00:00Z");

    private final RecoveryPoints points = new RecoveryPoints();

    @Test
    void theNewestSuccessfulBackupBeforeDetectionCountsFromWhenItStarted() {
        points.record(result(
                "bk-old", BackupAction.BACKUP, BackupPhase.SUCCEEDED, DETECTED.minusSeconds(7200), BackupScope.REDIS));
        points.record(result(
                "bk-new",
                BackupAction.BACKUP,
                BackupPhase.SUCCEEDED,
                DETECTED.minusSeconds(600),
                BackupScope.REDIS,
                BackupScope.CONFIGS));
        points.record(result(
                "bk-old-again",
                BackupAction.BACKUP,
                BackupPhase.SUCCEEDED,
                DETECTED.minusSeconds(3600),
                BackupScope.REDIS));

        Incident stamped = points.stamp(incident("redis"));

        // The result came at -600 s after a 60 s run: the data is from -660 s.
        assertThat(stamped.rpo()).isEqualTo(Duration.ofSeconds(660));
        assertThat(stamped.lastBackupId()).isEqualTo("bk-new");
    }

    @Test
    void failuresRestoresAndLaterBackupsDoNotCount() {
        points.record(result(
                "bk-failed", BackupAction.BACKUP, BackupPhase.FAILED, DETECTED.minusSeconds(60), BackupScope.CONFIGS));
        points.record(result(
                "bk-restored",
                BackupAction.RESTORE,
                BackupPhase.SUCCEEDED,
                DETECTED.minusSeconds(60),
                BackupScope.CONFIGS));
        points.record(result(
                "bk-after",
                BackupAction.BACKUP,
                BackupPhase.SUCCEEDED,
                DETECTED.plusSeconds(600),
                BackupScope.CONFIGS));

        Incident stamped = points.stamp(incident("gateway"));

        assertThat(stamped.rpo()).isNull();
        assertThat(stamped.lastBackupId()).isNull();
    }

    @Test
    void theGatewayAndRouterDataIsTheirConfigurationTheSessionStoreItsRedis() {
        points.record(result(
                "bk-configs",
                BackupAction.BACKUP,
                BackupPhase.SUCCEEDED,
                DETECTED.minusSeconds(300),
                BackupScope.CONFIGS));

        assertThat(points.stamp(incident("router")).lastBackupId()).isEqualTo("bk-configs");
        assertThat(points.stamp(incident("redis")).rpo()).isNull();
    }

    private static BackupResult result(
            String id, BackupAction action, BackupPhase phase, Instant time, BackupScope... scopes) {
        return new BackupResult(
                "cmd-" + id,
                action,
                phase,
                id,
                List.of(scopes),
                0,
                0,
                null,
                60_000,
                Map.of(),
                null,
                null,
                phase == BackupPhase.FAILED ? "disk full" : null,
                time,
                null);
    }

    private static Incident incident(String component) {
        return new Incident(
                "inc-" + component,
                component,
                "service-failure",
                Map.of(),
                Severity.CRITICAL,
                IncidentState.DETECTED,
                component + " DOWN",
                DETECTED,
                null,
                null,
                null,
                null,
                Duration.ZERO,
                Severity.CRITICAL.targetRto(),
                null,
                null,
                List.of(),
                List.of(),
                null,
                1);
    }
}
