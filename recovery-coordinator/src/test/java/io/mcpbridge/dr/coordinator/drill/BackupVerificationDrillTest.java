package io.mcpbridge.dr.coordinator.drill;

import static io.mcpbridge.dr.coordinator.support.BackupIndexBuilder.backup;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the backup verification drill makes of the catalog and of backup-service's answers (backup-service itself
 * answers here as the real one would; the drill run across the real services is in {@code DrctlIT}).
 */
class BackupVerificationDrillTest {

    private static final Instant NOW = Instant.parse("2026-12-05T04:15:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final DrillDefinition ALL_SCOPES =
            new DrillDefinition(null, "off", Duration.ofMinutes(5), null, null, false, null, null, null, null, null);

    private final RecoveryPoints points = new RecoveryPoints();
    private final List<BackupCommand> asked = new ArrayList<>();

    @Test
    void eachNewestBackupIsVerifiedOnceAndTheOldestScopeGivesTheRpo() throws InterruptedException {
        points.record(backup("bk-full")
                .scopes(BackupScope.values())
                .startedAt(NOW.minus(Duration.ofHours(6)))
                .build());
        points.record(backup("bk-redis")
                .scopes(BackupScope.REDIS)
                .startedAt(NOW.minus(Duration.ofHours(1)))
                .build());
        points.policy(policy(Duration.ofHours(12)));

        DrillResult drill = drill(BackupPhase.SUCCEEDED).run("drill-1", "schedule");

        assertThat(asked).extracting(BackupCommand::action).containsOnly(BackupAction.VERIFY);
        assertThat(asked).extracting(BackupCommand::backupId).containsExactlyInAnyOrder("bk-full", "bk-redis");
        assertThat(drill.steps())
                .extracting(DrillStep::name)
                .containsExactlyInAnyOrder("verify bk-full (configs, certs, kubernetes)", "verify bk-redis (redis)");
        assertThat(drill.passed()).as(drill.reason()).isTrue();
        assertThat(drill.rpoMillis()).isEqualTo(Duration.ofHours(6).toMillis());
        assertThat(drill.rpoTargetMillis()).isEqualTo(Duration.ofHours(12).toMillis());
        assertThat(drill.rtoMillis()).as("nothing is recovered").isNull();
    }

    @Test
    void aScopeWithoutABackupFailsTheDrillNamingIt() throws InterruptedException {
        points.record(backup("bk-redis")
                .scopes(BackupScope.REDIS)
                .startedAt(NOW.minus(Duration.ofHours(1)))
                .build());

        DrillResult drill = drill(BackupPhase.SUCCEEDED).run("drill-2", "schedule");

        assertThat(drill.passed()).isFalse();
        assertThat(drill.reason()).isEqualTo("find configs: no backup of configs in the catalog");
        assertThat(asked).extracting(BackupCommand::backupId).containsExactly("bk-redis");
    }

    @Test
    void aBackupThatFailsVerificationFailsTheDrillWithBackupServicesReason() throws InterruptedException {
        points.record(backup("bk-full")
                .scopes(BackupScope.values())
                .startedAt(NOW.minus(Duration.ofHours(1)))
                .build());

        DrillResult drill = drill(BackupPhase.FAILED).run("drill-3", "alice");

        assertThat(drill.passed()).isFalse();
        assertThat(drill.reason()).contains("verify bk-full", "failed: entry redis/0 differs from its manifest");
    }

    @Test
    void backupsOlderThanTheirMaximumAgeFailTheDrillOnItsRpo() throws InterruptedException {
        points.record(backup("bk-full")
                .scopes(BackupScope.values())
                .startedAt(NOW.minus(Duration.ofHours(20)))
                .build());
        points.policy(policy(Duration.ofHours(12)));

        DrillResult drill = drill(BackupPhase.SUCCEEDED).run("drill-4", "schedule");

        assertThat(drill.steps()).allMatch(DrillStep::passed);
        assertThat(drill.passed()).isFalse();
        assertThat(drill.reason()).isEqualTo("RPO 72000 s is over the target of 43200 s");
    }

    private BackupVerificationDrill drill(BackupPhase answer) {
        return new BackupVerificationDrill(
                ALL_SCOPES,
                points,
                (command, timeout) -> {
                    asked.add(command);
                    return new BackupResult(
                            command.id(),
                            command.action(),
                            answer,
                            command.backupId(),
                            List.of(),
                            0,
                            0,
                            null,
                            1000,
                            Map.of(),
                            null,
                            null,
                            answer == BackupPhase.FAILED ? "entry redis/0 differs from its manifest" : null,
                            NOW,
                            null);
                },
                CLOCK);
    }

    private static BackupPolicy policy(Duration maxAge) {
        Map<BackupScope, Duration> ages = new EnumMap<>(BackupScope.class);
        for (BackupScope scope : BackupScope.values()) {
            ages.put(scope, maxAge);
        }
        return new BackupPolicy(ages, List.of(BackupScope.values()), Map.of(), Duration.ofDays(30), 3, "test", NOW);
    }
}
