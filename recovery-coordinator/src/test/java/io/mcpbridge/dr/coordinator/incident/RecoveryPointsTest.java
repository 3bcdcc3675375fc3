package io.mcpbridge.dr.coordinator.incident;

import static io.mcpbridge.dr.coordinator.support.BackupIndexBuilder.backup;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.coordinator.support.BackupIndexBuilder;
import io.mcpbridge.dr.coordinator.support.DownIncidents;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RPO of an incident: the age, at detection, of the newest recovery point of the affected data on
 * backup-service's catalog (the follower that reads the topic: {@code BackupCatalogFollowerTest}).
 */
class RecoveryPointsTest {

    private static final Instant DETECTED = Instant.parse("2026-11-26T12:00:00Z");

    private final RecoveryPoints points = new RecoveryPoints();

    @Test
    void theNewestRecoveryPointBeforeDetectionCountsFromWhenItStarted() {
        points.record(backup("bk-old").startedAt(DETECTED.minusSeconds(7200)).build());
        points.record(backup("bk-new").startedAt(DETECTED.minusSeconds(660)).build());
        points.record(backup("bk-after").startedAt(DETECTED.plusSeconds(600)).build());

        Incident stamped = points.stamp(incident("redis"));

        assertThat(stamped.rpo()).isEqualTo(Duration.ofSeconds(660));
        assertThat(stamped.lastBackupId()).isEqualTo("bk-new");
        assertThat(points.latest(BackupScope.REDIS))
                .as("the newest known, whenever it started")
                .map(RecoveryPoints.Point::backupId)
                .contains("bk-after");
    }

    static Stream<Arguments> catalogedBackups() {
        Instant at = DETECTED.minusSeconds(300);
        return Stream.of(
                Arguments.of("complete, not yet verified", backup("bk").startedAt(at), true),
                Arguments.of("complete, verified", backup("bk").startedAt(at).verified(true), true),
                Arguments.of("taken by hand", backup("bk").startedAt(at).purpose(BackupIndex.Purpose.MANUAL), true),
                Arguments.of("failed", backup("bk").startedAt(at).failed(), false),
                Arguments.of("verification failed", backup("bk").startedAt(at).verified(false), false),
                Arguments.of(
                        "forensic copy of what a restore overwrote",
                        backup("bk").startedAt(at).purpose(BackupIndex.Purpose.FORENSIC),
                        false));
    }

    @ParameterizedTest(name = "{0}: a recovery point = {2}")
    @MethodSource("catalogedBackups")
    void onlyBackupsStoredWholeNotKnownBadAndNotForensicAreRecoveryPoints(
            String what, BackupIndexBuilder backup, boolean counts) {
        points.record(backup.build());

        Incident stamped = points.stamp(incident("gateway"));

        assertThat(stamped.lastBackupId()).isEqualTo(counts ? "bk" : null);
        assertThat(stamped.rpo()).isEqualTo(counts ? Duration.ofSeconds(300) : null);
    }

    @Test
    void aLaterRecordOfTheSameBackupReplacesWhatWasKnown() {
        points.record(
                backup("bk-earlier").startedAt(DETECTED.minusSeconds(7200)).build());
        points.record(
                backup("bk-found-bad").startedAt(DETECTED.minusSeconds(600)).build());
        assertThat(points.stamp(incident("gateway")).lastBackupId()).isEqualTo("bk-found-bad");

        points.record(backup("bk-found-bad")
                .startedAt(DETECTED.minusSeconds(600))
                .verified(false)
                .build());

        assertThat(points.stamp(incident("gateway")).lastBackupId()).isEqualTo("bk-earlier");
    }

    @Test
    void aForgottenBackupIsNoLongerARecoveryPoint() {
        points.record(backup("bk-kept").startedAt(DETECTED.minusSeconds(7200)).build());
        points.record(backup("bk-pruned").startedAt(DETECTED.minusSeconds(600)).build());

        points.forget("bk-pruned");

        assertThat(points.stamp(incident("router")).lastBackupId()).isEqualTo("bk-kept");
        points.forget("bk-kept");
        assertThat(points.stamp(incident("router")).rpo()).isNull();
    }

    @Test
    void theGatewayAndRouterDataIsTheirConfigurationTheSessionStoreItsRedis() {
        points.record(backup("bk-configs")
                .startedAt(DETECTED.minusSeconds(300))
                .scopes(BackupScope.CONFIGS, BackupScope.CERTS)
                .build());

        assertThat(points.stamp(incident("router")).lastBackupId()).isEqualTo("bk-configs");
        assertThat(points.stamp(incident("gateway")).lastBackupId()).isEqualTo("bk-configs");
        assertThat(points.stamp(incident("redis")).rpo()).isNull();
    }

    private static Incident incident(String component) {
        return DownIncidents.of(component, DETECTED);
    }
}
