package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The plan's daily backup verification: the newest backup of every scope the drill names is verified by
 * backup-service (every entry against its manifest, the Redis keys test-restored into a scratch redis-server and
 * a sample compared). Its RPO is the age of the oldest of those newest backups, against that scope's maximum
 * backup age (backup-service's policy). Nothing is restored anywhere that matters, so nothing is left behind.
 */
final class BackupVerificationDrill {

    private final DrillDefinition definition;
    private final RecoveryPoints points;
    private final BackupRequests backups;
    private final Clock clock;

    BackupVerificationDrill(DrillDefinition definition, RecoveryPoints points, BackupRequests backups, Clock clock) {
        this.definition = definition;
        this.points = points;
        this.backups = backups;
        this.clock = clock;
    }

    DrillResult run(String id, String requestedBy) throws InterruptedException {
        DrillRun run =
                new DrillRun(id, DrillType.BACKUP_VERIFICATION, "backups", requestedBy, definition.timeout(), clock);
        Map<String, List<BackupScope>> newest = new LinkedHashMap<>();
        Duration oldest = null;
        Duration oldestTarget = null;
        for (BackupScope scope : definition.scopes()) {
            Optional<RecoveryPoints.Point> point = points.latest(scope);
            if (point.isEmpty()) {
                run.failedStep("find " + scope.wireName(), "no backup of " + scope.wireName() + " in the catalog");
                continue;
            }
            newest.computeIfAbsent(point.get().backupId(), backup -> new ArrayList<>())
                    .add(scope);
            Duration age = Duration.between(point.get().at(), run.startedAt());
            Optional<Duration> target = points.maxAge(scope);
            if (oldest == null || overBy(age, target) > overBy(oldest, Optional.ofNullable(oldestTarget))) {
                oldest = age;
                oldestTarget = target.orElse(null);
            }
        }
        for (Map.Entry<String, List<BackupScope>> backup : newest.entrySet()) {
            String commandId = id + ":verify-" + backup.getKey();
            run.step(
                    "verify " + backup.getKey() + " (" + BackupScope.listed(backup.getValue()) + ")",
                    () -> verify(commandId, backup.getKey(), run.remaining()));
        }
        return run.finish(null, null, oldest, oldestTarget, List.of());
    }

    private DrillRun.Outcome verify(String commandId, String backupId, Duration timeout)
            throws InterruptedException, TimeoutException {
        Instant now = clock.instant();
        BackupResult result = backups.run(
                new BackupCommand(
                        commandId,
                        BackupAction.VERIFY,
                        List.of(),
                        backupId,
                        null,
                        "drill",
                        "recovery-coordinator",
                        now,
                        null,
                        null),
                timeout);
        return result.phase() == BackupPhase.SUCCEEDED
                ? DrillRun.Outcome.passed(result.counts().isEmpty() ? "verified" : "verified: " + result.counts())
                : DrillRun.Outcome.failed(result.phase().name().toLowerCase() + ": " + result.reason());
    }

    /** How far over its target an age is, as a fraction of the target (0 without one): the worst scope leads. */
    private static double overBy(Duration age, Optional<Duration> target) {
        return target.map(t -> (double) age.toMillis() / Math.max(1, t.toMillis()))
                .orElse(0.0);
    }
}
