package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The plan's quarterly full DR drill: the newest verified backup holding every scope the drill names is restored
 * into scratch places (the drill's {@code restoreTo}: a namespace such as the plan's {@code mcp-dr-test}, a scratch
 * Redis, a scratch directory), never where MCP Bridge runs. The Kubernetes resources go first and must come up
 * (every Deployment and StatefulSet restored there ready), so that the Redis the scratch namespace runs is there
 * before the sessions are restored into it; then configs, certificates and sessions. Start to restored and healthy
 * is the RTO, held to the plan's target for the drill's severity; the age of the backup restored is the RPO,
 * held to the strictest maximum backup age of its scopes. Then backup-service checks the scratch places against the
 * backup (every file's hash, every resource, the key count and a sample of sessions), and, whatever happened,
 * empties them (DISCARD): a drill leaves no copy of the sessions behind, and says what it could not remove.
 */
final class FullDrill {

    /** Whether what was restored into a namespace is up. */
    @FunctionalInterface
    interface Readiness {
        /**
         * Waits until every workload restored from the backup into the namespace is ready.
         *
         * @return what is ready, for the step's record
         * @throws TimeoutException naming what is not ready when {@code timeout} passes
         */
        String awaitReady(String namespace, String backupId, Duration timeout)
                throws InterruptedException, TimeoutException;
    }

    private static final String SELF = "recovery-coordinator";

    private final DrillDefinition definition;
    private final RecoveryPoints points;
    private final BackupRequests backups;
    private final Readiness readiness;
    private final Clock clock;

    FullDrill(
            DrillDefinition definition,
            RecoveryPoints points,
            BackupRequests backups,
            Readiness readiness,
            Clock clock) {
        this.definition = definition;
        this.points = points;
        this.backups = backups;
        this.readiness = readiness;
        this.clock = clock;
    }

    DrillResult run(String id, String requestedBy) throws InterruptedException {
        RestoreTargets into = definition.restoreTo();
        DrillRun run = new DrillRun(id, DrillType.FULL, describe(into), requestedBy, definition.timeout(), clock);
        List<BackupScope> scopes = definition.scopes();
        Optional<RecoveryPoints.Point> backup = points.newestHoldingAll(scopes);
        if (backup.isEmpty()) {
            run.failedStep("find a backup", "no backup in the catalog holds all of " + BackupScope.listed(scopes));
            return run.finish(null, null, null, null, List.of());
        }
        String backupId = backup.get().backupId();
        Duration rpo = Duration.between(backup.get().at(), run.startedAt());
        Duration rpoTarget = scopes.stream()
                .map(points::maxAge)
                .flatMap(Optional::stream)
                .min(Duration::compareTo)
                .orElse(null);
        Duration rto = null;
        List<String> leftBehind = new ArrayList<>();
        try {
            boolean up = true;
            if (scopes.contains(BackupScope.KUBERNETES)) {
                up = run.step(
                                "restore kubernetes resources of " + backupId + " into namespace " + into.namespace(),
                                () -> command(
                                        id + ":restore-kubernetes",
                                        BackupAction.RESTORE,
                                        backupId,
                                        List.of(BackupScope.KUBERNETES),
                                        run))
                        && run.step(
                                "healthy in namespace " + into.namespace(),
                                () -> DrillRun.Outcome.passed(
                                        readiness.awaitReady(into.namespace(), backupId, run.remaining())));
            }
            List<BackupScope> data = scopes.stream()
                    .filter(scope -> scope != BackupScope.KUBERNETES)
                    .toList();
            if (up && !data.isEmpty()) {
                up = run.step(
                        "restore " + BackupScope.listed(data) + " of " + backupId,
                        () -> command(id + ":restore-data", BackupAction.RESTORE, backupId, data, run));
            }
            if (up) {
                rto = Duration.between(run.startedAt(), clock.instant());
                run.step(
                        "check the data against " + backupId,
                        () -> command(id + ":check", BackupAction.CHECK, backupId, scopes, run));
            }
        } finally {
            boolean emptied =
                    run.step("tear down", () -> command(id + ":discard", BackupAction.DISCARD, null, List.of(), run));
            if (!emptied) {
                leftBehind.add("the scratch places " + describe(into) + " (see the tear down step)");
            }
        }
        return run.finish(rto, definition.severity().targetRto(), rpo, rpoTarget, leftBehind);
    }

    private DrillRun.Outcome command(
            String commandId, BackupAction action, String backupId, List<BackupScope> scopes, DrillRun run)
            throws InterruptedException, TimeoutException {
        BackupResult result = backups.run(
                new BackupCommand(
                        commandId,
                        action,
                        scopes,
                        backupId,
                        definition.restoreTo(),
                        "drill " + run.id(),
                        SELF,
                        clock.instant(),
                        null,
                        null),
                // The tear down gets its time even when the drill's is spent: nothing may be left behind.
                action == BackupAction.DISCARD ? run.remainingAtLeast(Duration.ofMinutes(5)) : run.remaining());
        String counts = result.counts() == null || result.counts().isEmpty() ? "" : ": " + result.counts();
        return result.phase() == BackupPhase.SUCCEEDED
                ? DrillRun.Outcome.passed(done(action) + counts)
                : DrillRun.Outcome.failed(result.phase().name().toLowerCase() + ": " + result.reason());
    }

    private static String done(BackupAction action) {
        return switch (action) {
            case RESTORE -> "restored";
            case CHECK -> "as in the backup";
            case DISCARD -> "emptied";
            default -> action.name().toLowerCase();
        };
    }

    /** Where the drill restores, as its result names its target. */
    static String describe(RestoreTargets into) {
        List<String> parts = new ArrayList<>();
        if (into.namespace() != null) {
            parts.add("namespace " + into.namespace());
        }
        if (into.redis() != null) {
            parts.add("redis " + into.redis());
        }
        if (into.directory() != null) {
            parts.add("directory " + into.directory());
        }
        return String.join(", ", parts);
    }
}
