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
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStep;
import io.mcpbridge.dr.events.drill.DrillType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The order of a full DR drill, what it measures and what it always does last, from backup-service's answers as
 * the real one gives them (the drill across the real services is in {@code DrctlIT}).
 */
class FullDrillTest {

    private static final Instant NOW = Instant.parse("2026-12-05T07:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RestoreTargets SCRATCH =
            new RestoreTargets("scratch", "mcp-dr-test", "/var/lib/mcp-dr/scratch");

    private final RecoveryPoints points = new RecoveryPoints();
    private final List<BackupCommand> asked = new ArrayList<>();
    private final List<String> readinessAsked = new ArrayList<>();

    @Test
    void kubernetesFirstThenTheDataThenTheCheckAndAlwaysTheTearDown() throws InterruptedException {
        recordBackups();

        DrillResult drill = drill(Set.of(), true).run("drill-full-1", "alice");

        assertThat(asked)
                .extracting(BackupCommand::action)
                .containsExactly(BackupAction.RESTORE, BackupAction.RESTORE, BackupAction.CHECK, BackupAction.DISCARD);
        assertThat(asked.get(0).scopes()).containsExactly(BackupScope.KUBERNETES);
        assertThat(asked.get(1).scopes()).containsExactly(BackupScope.CONFIGS, BackupScope.CERTS, BackupScope.REDIS);
        assertThat(asked.subList(0, 3))
                .as("the newest verified backup holding every scope, not the newer unverified one")
                .extracting(BackupCommand::backupId)
                .containsOnly("bk-verified");
        assertThat(asked).extracting(BackupCommand::targets).containsOnly(SCRATCH);
        assertThat(readinessAsked).containsExactly("mcp-dr-test bk-verified");
        assertThat(drill.type()).isEqualTo(DrillType.FULL);
        assertThat(drill.target()).isEqualTo("namespace mcp-dr-test, redis scratch, directory /var/lib/mcp-dr/scratch");
        assertThat(drill.passed()).as(drill.reason()).isTrue();
        assertThat(drill.rpoMillis()).isEqualTo(Duration.ofHours(5).toMillis());
        assertThat(drill.rpoTargetMillis()).isEqualTo(Duration.ofHours(12).toMillis());
        assertThat(drill.rtoMillis()).isNotNull();
        assertThat(drill.rtoTargetMillis()).isEqualTo(Duration.ofMinutes(15).toMillis());
        assertThat(drill.leftBehind()).isEmpty();
    }

    @Test
    void aNamespaceThatNeverComesUpFailsTheDrillSkipsTheRestAndStillTearsDown() throws InterruptedException {
        recordBackups();

        DrillResult drill = drill(Set.of(), false).run("drill-full-2", "schedule");

        assertThat(asked).extracting(BackupCommand::action).containsExactly(BackupAction.RESTORE, BackupAction.DISCARD);
        assertThat(drill.passed()).isFalse();
        assertThat(drill.reason()).contains("healthy in namespace mcp-dr-test", "Deployment mcp-gateway 0/2");
        assertThat(drill.rtoMillis()).as("never healthy: no RTO").isNull();
        assertThat(drill.leftBehind()).isEmpty();
    }

    @Test
    void dataThatDiffersFailsTheDrillAndATearDownThatFailsSaysWhatIsLeftBehind() throws InterruptedException {
        recordBackups();

        DrillResult drill =
                drill(Set.of(BackupAction.CHECK, BackupAction.DISCARD), true).run("drill-full-3", "schedule");

        assertThat(drill.passed()).isFalse();
        assertThat(drill.reason()).startsWith("check the data against bk-verified: failed: ");
        assertThat(drill.steps()).extracting(DrillStep::name).last().isEqualTo("tear down");
        assertThat(drill.leftBehind()).singleElement().asString().contains("mcp-dr-test");
    }

    @Test
    void withoutABackupHoldingEveryScopeNothingIsRestored() throws InterruptedException {
        points.record(backup("bk-redis")
                .scopes(BackupScope.REDIS)
                .startedAt(NOW.minus(Duration.ofHours(1)))
                .build());

        DrillResult drill = drill(Set.of(), true).run("drill-full-4", "schedule");

        assertThat(asked).isEmpty();
        assertThat(drill.passed()).isFalse();
        assertThat(drill.reason()).startsWith("find a backup: no backup in the catalog holds all of configs, certs");
    }

    private void recordBackups() {
        points.record(backup("bk-verified")
                .scopes(BackupScope.values())
                .startedAt(NOW.minus(Duration.ofHours(5)))
                .verified(true)
                .build());
        points.record(backup("bk-newer-unverified")
                .scopes(BackupScope.values())
                .startedAt(NOW.minus(Duration.ofHours(1)))
                .build());
        points.record(backup("bk-redis-only")
                .scopes(BackupScope.REDIS)
                .startedAt(NOW.minus(Duration.ofMinutes(10)))
                .verified(true)
                .build());
        Map<BackupScope, Duration> ages = new EnumMap<>(BackupScope.class);
        for (BackupScope scope : BackupScope.values()) {
            ages.put(scope, scope == BackupScope.KUBERNETES ? Duration.ofHours(24) : Duration.ofHours(12));
        }
        points.policy(
                new BackupPolicy(ages, List.of(BackupScope.values()), Map.of(), Duration.ofDays(30), 3, "t", NOW));
    }

    /**
     * @param failing the actions backup-service fails
     * @param comesUp whether the restored workloads become ready
     */
    private FullDrill drill(Set<BackupAction> failing, boolean comesUp) {
        DrillDefinition definition = new DrillDefinition(
                DrillType.FULL, "off", Duration.ofHours(1), null, null, false, null, null, null, null, SCRATCH);
        return new FullDrill(
                definition,
                points,
                (command, timeout) -> {
                    asked.add(command);
                    boolean fails = failing.contains(command.action());
                    return new BackupResult(
                            command.id(),
                            command.action(),
                            fails ? BackupPhase.FAILED : BackupPhase.SUCCEEDED,
                            command.backupId(),
                            command.scopes(),
                            0,
                            0,
                            null,
                            1000,
                            Map.of(),
                            null,
                            null,
                            fails ? "configs/gateway.yaml differs" : null,
                            NOW,
                            null);
                },
                (namespace, backupId, timeout) -> {
                    readinessAsked.add(namespace + " " + backupId);
                    if (!comesUp) {
                        throw new TimeoutException("not ready: Deployment mcp-gateway 0/2 after 3600 s");
                    }
                    return "ready: Deployment mcp-gateway 2/2";
                },
                CLOCK);
    }
}
